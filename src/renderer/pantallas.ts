/** The screens, in the order of the navigation bar and of Alt+1…6 (docs/architecture.md §1, issue 21). */
export const pantallas = [
  { id: 'cobro', titulo: 'Cobro', digito: '1' },
  { id: 'notas-credito', titulo: 'Notas de crédito', digito: '2' },
  { id: 'conciliacion', titulo: 'Conciliación', digito: '3' },
  { id: 'caja', titulo: 'Caja', digito: '4' },
  { id: 'ajustes', titulo: 'Ajustes', digito: '5' },
  { id: 'reportes', titulo: 'Reportes', digito: '6' },
] as const satisfies readonly { id: string; titulo: string; digito: string }[];

export type Pantalla = (typeof pantallas)[number];
export type PantallaId = Pantalla['id'];

export const pantallaInicial: PantallaId = 'cobro';

/** @example tituloDe('caja') // 'Caja' */
export const tituloDe = (id: PantallaId): string =>
  pantallas.find((p) => p.id === id)?.titulo ?? id;
