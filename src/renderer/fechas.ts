/**
 * Dates as a person in Ecuador reads and types them: dd/mm/aaaa. The contract keeps ISO
 * (`aaaa-mm-dd`); these convert at the screen's edge.
 */

/** @example fechaPersona('2026-12-02') // '02/12/2026' ; fechaPersona('02/12/2026') // unchanged */
export const fechaPersona = (iso: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m === null ? iso : `${m[3]}/${m[2]}/${m[1]}`;
};

/**
 * What the person typed, back to ISO; null while it is not a real date. Accepts `/`, `-` or `.`
 * and one-digit day or month.
 * @example fechaIso('2/12/2026') // '2026-12-02' ; fechaIso('31/02/2026') // null
 */
export const fechaIso = (texto: string): string | null => {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(texto.trim());
  if (m === null) return null;
  const [dia, mes, anio] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const fecha = new Date(Date.UTC(anio, mes - 1, dia));
  if (fecha.getUTCMonth() !== mes - 1 || fecha.getUTCDate() !== dia) return null;
  return `${m[3]}-${String(mes).padStart(2, '0')}-${String(dia).padStart(2, '0')}`;
};

/** Ecuador is UTC−05:00 all year. @example horaEcuador('2026-12-02T15:04:05Z') // '02/12/2026 10:04:05' */
export const horaEcuador = (iso: string): string => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const local = new Date(t - 5 * 3600_000).toISOString();
  return `${fechaPersona(local.slice(0, 10))} ${local.slice(11, 19)}`;
};
