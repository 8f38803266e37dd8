/**
 * Calendar periods of the reports, in America/Guayaquil (UTC−05:00 all year, no daylight
 * saving): today, this week (Monday to today), this month, last month, and the same period a
 * week, a month or a year earlier. Pure date arithmetic on `AAAA-MM-DD` strings.
 */

export type Rango = { desde: string; hasta: string };
export const PERIODOS = ['hoy', 'semana', 'mes', 'mes_anterior', 'rango'] as const;
export type Periodo = (typeof PERIODOS)[number];
export const COMPARACIONES = ['semana', 'mes', 'ano'] as const;
export type Comparacion = (typeof COMPARACIONES)[number];

const d = (fecha: string): Date => new Date(`${fecha}T00:00:00.000Z`);
const f = (date: Date): string => date.toISOString().slice(0, 10);

/** The calendar day in Guayaquil of an instant. @example hoyEnEcuador(new Date('2026-03-01T03:00:00Z')) // '2026-02-28' */
export const hoyEnEcuador = (ahora: Date): string => f(new Date(ahora.getTime() - 5 * 3_600_000));

/** @example sumarDias('2026-02-28', 1) // '2026-03-01' */
export const sumarDias = (fecha: string, dias: number): string => {
  const x = d(fecha);
  x.setUTCDate(x.getUTCDate() + dias);
  return f(x);
};

const diasDelMes = (ano: number, mes0: number): number =>
  new Date(Date.UTC(ano, mes0 + 1, 0)).getUTCDate();

/** Moves a date by whole months, keeping the day when it exists (31 Mar − 1 month → 28/29 Feb). */
export const sumarMeses = (fecha: string, meses: number): string => {
  const x = d(fecha);
  const total = x.getUTCFullYear() * 12 + x.getUTCMonth() + meses;
  const ano = Math.floor(total / 12);
  const mes0 = total - ano * 12;
  const dia = Math.min(x.getUTCDate(), diasDelMes(ano, mes0));
  return f(new Date(Date.UTC(ano, mes0, dia)));
};

/** Days from `desde` to `hasta`, both included. */
export const diasEntre = (r: Rango): number =>
  Math.round((d(r.hasta).getTime() - d(r.desde).getTime()) / 86_400_000) + 1;

/** Every day of the range, in order. */
export const diasDe = (r: Rango): string[] =>
  Array.from({ length: Math.max(0, diasEntre(r)) }, (_, i) => sumarDias(r.desde, i));

/** First and last day of a month `AAAA-MM`. */
export const rangoDelMes = (mes: string): Rango => {
  const [ano, m] = mes.split('-').map(Number) as [number, number];
  return { desde: `${mes}-01`, hasta: `${mes}-${String(diasDelMes(ano, m - 1)).padStart(2, '0')}` };
};

/** The preset period around `hoy` (a Guayaquil date); `rango` is the caller's own. */
export const rangoDePeriodo = (periodo: Exclude<Periodo, 'rango'>, hoy: string): Rango => {
  switch (periodo) {
    case 'hoy':
      return { desde: hoy, hasta: hoy };
    case 'semana': {
      // Monday is the first day of the week in Ecuador.
      const dow = (d(hoy).getUTCDay() + 6) % 7;
      return { desde: sumarDias(hoy, -dow), hasta: hoy };
    }
    case 'mes':
      return { desde: `${hoy.slice(0, 7)}-01`, hasta: hoy };
    case 'mes_anterior':
      return rangoDelMes(sumarMeses(`${hoy.slice(0, 7)}-01`, -1).slice(0, 7));
    default: {
      const nunca: never = periodo;
      return nunca;
    }
  }
};

/** The same period a week, a month or a year earlier, day by day. */
export const desplazar = (fecha: string, comparacion: Comparacion): string => {
  switch (comparacion) {
    case 'semana':
      return sumarDias(fecha, -7);
    case 'mes':
      return sumarMeses(fecha, -1);
    case 'ano':
      return sumarMeses(fecha, -12);
    default: {
      const nunca: never = comparacion;
      return nunca;
    }
  }
};

/** A whole month moves as a whole month (March → all of February, not 1–28 Feb + 3 days). */
export const rangoAnterior = (r: Rango, comparacion: Comparacion): Rango => {
  const esMesCompleto =
    r.desde.endsWith('-01') &&
    r.desde.slice(0, 7) === r.hasta.slice(0, 7) &&
    rangoDelMes(r.desde.slice(0, 7)).hasta === r.hasta;
  if (esMesCompleto && comparacion !== 'semana') {
    return rangoDelMes(desplazar(r.desde, comparacion).slice(0, 7));
  }
  return { desde: desplazar(r.desde, comparacion), hasta: desplazar(r.hasta, comparacion) };
};
