/**
 * CSV for Excel as Ecuadorian offices open it: UTF-8 with a BOM (or accents break), `;` between
 * fields (the decimal comma locale makes `,` a decimal mark) and amounts with a `.` decimal
 * point, exact from integer cents.
 */

/** Excel reads the file as UTF-8 only when it starts with this. */
export const BOM = '\uFEFF';
export const SEPARADOR = ';';

/** 1234 → "12.34", -5 → "-0.05": string arithmetic on the integer, never a float. */
export const centavosATexto = (centavos: number): string => {
  const signo = centavos < 0 ? '-' : '';
  const abs = Math.abs(centavos);
  return `${signo}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

/**
 * A cell value. `{ digitos }` is a long number Excel must keep as text (a 49-digit clave de
 * acceso would turn into 2.51E+48): it is written as the formula `="…"`, the one formula we emit.
 */
export type CampoCsv = string | number | null | { digitos: string };

/**
 * Quotes a field when it holds the separator, quotes or line breaks, and neutralises text that
 * Excel would run as a formula (a buyer named «=HYPERLINK(…)»).
 */
export const campoCsv = (valor: CampoCsv): string => {
  if (valor === null) return '';
  if (typeof valor === 'object') {
    if (!/^\d+$/.test(valor.digitos)) throw new Error('digitos admite solo dígitos');
    return `"=""${valor.digitos}"""`;
  }
  let texto = String(valor);
  if (typeof valor === 'string' && /^[=+\-@\t\r]/.test(texto)) texto = `'${texto}`;
  return /[";\r\n]/.test(texto) ? `"${texto.replaceAll('"', '""')}"` : texto;
};

/** One CSV line (CRLF, as Excel writes them). */
export const lineaCsv = (campos: readonly CampoCsv[]): string =>
  `${campos.map(campoCsv).join(SEPARADOR)}\r\n`;
