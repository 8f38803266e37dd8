/**
 * The RIDE's "fecha y hora de autorización": the SRI writes it as ISO 8601 with an offset in
 * the SOAP answer (`2024-10-07T13:48:46-05:00`) and as `dd/mm/aaaa hh:mm:ss[.fff]` (Ecuador
 * local time) in the XML downloaded from SRI en línea. Printed in Ecuador's time whatever the
 * machine's zone, so a laptop set to UTC or to another country prints what the SRI shows.
 */

const ZONA_ECUADOR = 'America/Guayaquil';

const two = (n: number): string => n.toString().padStart(2, '0');

const formatoEcuador = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONA_ECUADOR,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** `dd/mm/aaaa hh:mm:ss` of an instant in America/Guayaquil. */
export const fechaHoraEcuador = (instante: Date): string => {
  const partes = Object.fromEntries(
    formatoEcuador.formatToParts(instante).map((parte) => [parte.type, parte.value]),
  );
  return `${partes.day}/${partes.month}/${partes.year} ${partes.hour}:${partes.minute}:${partes.second}`;
};

const diasDelMes = (anio: number, mes: number): number =>
  new Date(Date.UTC(anio, mes, 0)).getUTCDate();

const valida = (anio: number, mes: number, dia: number, h: number, m: number, s: number) =>
  mes >= 1 &&
  mes <= 12 &&
  dia >= 1 &&
  dia <= diasDelMes(anio, mes) &&
  h <= 23 &&
  m <= 59 &&
  s <= 59;

const LOCAL_SRI = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads the SRI's authorization date in either form; `null` if it is neither or not a real date.
 * An ISO date without offset is Ecuador local time, as everything the SRI writes.
 * @example formatFechaAutorizacion('05/01/2026 10:11:12') // '05/01/2026 10:11:12'
 * @example formatFechaAutorizacion('2025-03-16T02:05:00Z') // '15/03/2025 21:05:00'
 */
export const formatFechaAutorizacion = (texto: string): string | null => {
  const limpio = texto.trim();
  const local = LOCAL_SRI.exec(limpio);
  if (local !== null) {
    const [dia, mes, anio, h, m, s] = local.slice(1, 7).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    return valida(anio, mes, dia, h, m, s)
      ? `${two(dia)}/${two(mes)}/${anio} ${two(h)}:${two(m)}:${two(s)}`
      : null;
  }
  const iso = ISO.exec(limpio);
  if (iso === null) return null;
  const [anio, mes, dia, h, m, s] = iso.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!valida(anio, mes, dia, h, m, s)) return null;
  const zona = iso[7];
  if (zona === undefined) return `${two(dia)}/${two(mes)}/${anio} ${two(h)}:${two(m)}:${two(s)}`;
  let desfaseMin = 0;
  if (zona !== 'Z') {
    const digitos = zona.replace(':', '');
    const horas = Number(digitos.slice(1, 3));
    const minutos = Number(digitos.slice(3, 5));
    if (horas > 23 || minutos > 59) return null;
    desfaseMin = (digitos.startsWith('-') ? -1 : 1) * (horas * 60 + minutos);
  }
  const instante = Date.UTC(anio, mes - 1, dia, h, m, s) - desfaseMin * 60_000;
  return fechaHoraEcuador(new Date(instante));
};
