import { type PantallaId, pantallas } from './pantallas';

/**
 * Keyboard map. Alt+1…6 open the screens: a barcode scanner types plain digits and Enter, so
 * it can never trigger them, and matching on `code` keeps them working on any layout. F1 opens
 * the key map. F12 stays free for «Cobrar». AltGr (Ctrl+Alt on Windows) is left alone because
 * Spanish layouts type characters such as @ and # with it.
 */
export type Accion = { tipo: 'ir'; pantalla: PantallaId } | { tipo: 'ayuda' };

/** The fields of a `KeyboardEvent` the map looks at. */
export type Tecla = {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
  /** `event.getModifierState('AltGraph')`. */
  altGraph: boolean;
};

const digitoDeCodigo = (code: string): string | null => {
  const match = /^(?:Digit|Numpad)([0-9])$/.exec(code);
  return match?.[1] ?? null;
};

/** @example accionDeTecla({ key: '1', code: 'Digit1', altKey: true, … }) // { tipo: 'ir', pantalla: 'cobro' } */
export const accionDeTecla = (tecla: Tecla): Accion | null => {
  const { altKey, ctrlKey, shiftKey, metaKey, altGraph } = tecla;
  if (tecla.key === 'F1' && !altKey && !ctrlKey && !shiftKey && !metaKey) return { tipo: 'ayuda' };
  if (!altKey || ctrlKey || shiftKey || metaKey || altGraph) return null;
  const digito = digitoDeCodigo(tecla.code);
  const pantalla = pantallas.find((p) => p.digito === digito);
  return pantalla === undefined ? null : { tipo: 'ir', pantalla: pantalla.id };
};

/** What the key map dialog and the footer show, in order. */
export const atajos: readonly { teclas: string; accion: string }[] = [
  ...pantallas.map((p) => ({ teclas: `Alt+${p.digito}`, accion: `Abrir ${p.titulo}` })),
  { teclas: 'F1', accion: 'Mostrar u ocultar los atajos de teclado' },
  { teclas: 'Esc', accion: 'Cerrar esta ventana de ayuda' },
  { teclas: 'Tab / Mayús+Tab', accion: 'Pasar al siguiente o al anterior control' },
];
