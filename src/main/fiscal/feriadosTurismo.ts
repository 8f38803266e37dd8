/**
 * IVA 8 % (código 8, «IVA diferenciado») is for tourism services only, and only on the
 * holidays a decree names, sometimes only in some provinces or cantons (docs/sri.md §8). One row per
 * decree; add a row (with its test) when a new decree is published. Not listed on purpose:
 * Decreto 594 (Semana Santa 2025), whose dates are not confirmed here, and 10 Aug 2025, when
 * no differentiated IVA was decreed.
 */

/** A province, or one canton of a province, as the decrees name them. */
export type LugarDecreto = { provincia: string; canton?: string };

export type FeriadoTurismo = {
  decreto: string;
  /** First and last day (AAAA-MM-DD), both included, Ecuador dates. */
  desde: string;
  hasta: string;
  /** Where it applies; null = the whole country. */
  lugares: readonly LugarDecreto[] | null;
};

export const FERIADOS_TURISMO: readonly FeriadoTurismo[] = [
  {
    decreto: 'Decreto Ejecutivo 196',
    desde: '2025-11-01',
    hasta: '2025-11-04',
    lugares: [
      { provincia: 'Imbabura' },
      { provincia: 'Carchi' },
      { provincia: 'Pichincha', canton: 'Cayambe' },
      { provincia: 'Pichincha', canton: 'Pedro Moncayo' },
    ],
  },
  { decreto: 'Decreto Ejecutivo 271', desde: '2026-01-01', hasta: '2026-01-04', lugares: null },
  { decreto: 'Decreto Ejecutivo 304', desde: '2026-02-14', hasta: '2026-02-17', lugares: null },
];

/** Where the store is (Ajustes); null parts are unknown. */
export type UbicacionTienda = { provincia: string | null; canton: string | null };

/** «Pedro  Moncayo», «pedro moncayo», «PEDRO MONCAYO» are the same place; so are «Cañar»/«Canar». */
const normalizar = (texto: string): string =>
  texto.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();

const enLugar = (lugar: LugarDecreto, tienda: UbicacionTienda): boolean => {
  if (tienda.provincia === null || normalizar(tienda.provincia) !== normalizar(lugar.provincia)) {
    return false;
  }
  if (lugar.canton === undefined) return true;
  return tienda.canton !== null && normalizar(tienda.canton) === normalizar(lugar.canton);
};

/**
 * The decree that makes `fecha` an IVA 8 % day for a store at `tienda`, or null.
 * @example feriadoTurismo('2026-01-02', { provincia: null, canton: null }) // { decreto: 'Decreto Ejecutivo 271', … }
 */
export const feriadoTurismo = (fecha: string, tienda: UbicacionTienda): FeriadoTurismo | null =>
  FERIADOS_TURISMO.find(
    (f) =>
      fecha >= f.desde &&
      fecha <= f.hasta &&
      (f.lugares === null || f.lugares.some((l) => enLugar(l, tienda))),
  ) ?? null;

/**
 * The first decree whose days include `fecha`, wherever it applies: the check when the store's
 * place is not known (a JSON document carries no province or canton, only an address).
 * @example feriadoTurismoEnFecha('2025-11-02') // { decreto: 'Decreto Ejecutivo 196', … } (only some cantons)
 */
export const feriadoTurismoEnFecha = (fecha: string): FeriadoTurismo | null =>
  FERIADOS_TURISMO.find((f) => fecha >= f.desde && fecha <= f.hasta) ?? null;

/** «1–4 Nov 2025 (Decreto Ejecutivo 196, solo Imbabura, Carchi, Cayambe, Pedro Moncayo)». */
const describir = (f: FeriadoTurismo): string =>
  `${f.desde} a ${f.hasta}, ${f.decreto}${f.lugares === null ? '' : `, solo en ${f.lugares.map((l) => l.canton ?? l.provincia).join(', ')}`}`;

const REGLA_IVA8 = `El IVA 8 % solo se aplica a servicios turísticos en los feriados decretados (${FERIADOS_TURISMO.map(describir).join('; ')})`;

/**
 * Why IVA 8 % cannot be used on `fecha` at `tienda`: the rule and the decreed days.
 * @example motivoSinIva8('2026-03-01', tienda) // 'El IVA 8 % solo se aplica a servicios turísticos en los feriados decretados…'
 */
export const motivoSinIva8 = (fecha: string, tienda: UbicacionTienda): string =>
  `${REGLA_IVA8}; el ${fecha} no lo es${tienda.provincia === null ? ' o falta la provincia y el cantón de la tienda en Ajustes' : ` en ${tienda.canton ?? tienda.provincia}`}.`;

/**
 * Why IVA 8 % cannot be used on `fecha` anywhere (no decree covers that day).
 * @example motivoSinIva8EnFecha('2026-03-01') // 'El IVA 8 % solo se aplica … ; el 2026-03-01 no es ninguno de ellos.'
 */
export const motivoSinIva8EnFecha = (fecha: string): string =>
  `${REGLA_IVA8}; el ${fecha} no es ninguno de ellos.`;
