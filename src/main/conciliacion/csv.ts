/**
 * CSV for Excel as Ecuadorian offices open it: UTF-8 with a BOM (or accents break), `;` between
 * fields (the decimal comma locale makes `,` a decimal mark) and amounts with a `.` decimal
 * point, exact from integer cents.
 */

export { BOM } from '../csv';
export const SEPARADOR = ';';

/** 1234 → "12.34", -5 → "-0.05": string arithmetic on the integer, never a float. */
export const centavosATexto = (centavos: number): string => {
  const signo = centavos < 0 ? '-' : '';
  const abs = Math.abs(centavos);
  return `${signo}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

export { type CampoCsv, campoCsv, lineaCsv } from '../csv';
