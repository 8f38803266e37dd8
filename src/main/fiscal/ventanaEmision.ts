/**
 * The SRI's window for `fechaEmision` (65 "FECHA DE EMISIÓN EXTEMPORANEA", docs/sri.md §7): not after
 * today and not older than 129 600 minutes (90 days) in Ecuador's calendar. The SRI does not
 * publish the window; 129 600 minutes is what a public fixture shows, and a future date is
 * refused outright. Days are counted on Ecuador's date (UTC−05:00, no daylight saving).
 */

/** 129 600 minutes. */
export const VENTANA_EMISION_DIAS = 90;

const DIA_MS = 86_400_000;
const ECUADOR_MS = -5 * 3_600_000;

/** Days since the epoch of an Ecuador calendar date `aaaa-mm-dd`. */
const diaDe = (fecha: string): number | null => {
  const partes = /^(\d{4})-(\d{2})-(\d{2})$/.exec(fecha);
  if (partes === null) return null;
  const [anio, mes, dia] = [Number(partes[1]), Number(partes[2]), Number(partes[3])];
  const ms = Date.UTC(anio, mes - 1, dia);
  const fechaReal = new Date(ms);
  if (fechaReal.getUTCMonth() !== mes - 1 || fechaReal.getUTCDate() !== dia) return null;
  return ms / DIA_MS;
};

/** Today's date in Ecuador as `aaaa-mm-dd`. */
export const hoyEcuador = (ahora: Date): string =>
  new Date(ahora.getTime() + ECUADOR_MS).toISOString().slice(0, 10);

const legible = (fecha: string): string => fecha.split('-').reverse().join('/');

/**
 * Why `fecha` (`aaaa-mm-dd`, Ecuador) is outside the SRI's window at `ahora`, or `null`.
 * @example fueraDeVentanaEmision('2099-01-01', new Date('2026-12-02T12:00:00Z')) // 'La fecha de emisión 01/01/2099 es posterior a hoy (02/12/2026)…'
 */
export const fueraDeVentanaEmision = (fecha: string, ahora: Date): string | null => {
  const dia = diaDe(fecha);
  if (dia === null) return `La fecha de emisión «${fecha}» no es una fecha válida.`;
  const hoy = hoyEcuador(ahora);
  const diferencia = (diaDe(hoy) as number) - dia;
  if (diferencia < 0) {
    return `La fecha de emisión ${legible(fecha)} es posterior a hoy (${legible(hoy)}): el SRI la rechaza (65, fecha extemporánea). Revise la fecha y la hora de este equipo.`;
  }
  if (diferencia > VENTANA_EMISION_DIAS) {
    return `La fecha de emisión ${legible(fecha)} tiene más de ${VENTANA_EMISION_DIAS} días (hoy es ${legible(hoy)}): el SRI la rechaza (65, fecha extemporánea).`;
  }
  return null;
};
