/**
 * The one CSV writer of the app (issue 15 item 10): every CSV Mostrador writes — Conciliación's
 * export, the archive's `indice.csv` — goes through `campoCsv`, so text a spreadsheet would run
 * as a formula (a buyer named «=HYPERLINK(…)») is written inert, prefixed with `'`.
 */

/** Excel reads the file as UTF-8 only when it starts with this. */
export const BOM = '\uFEFF';

/**
 * A cell value. `{ digitos }` is a long number Excel must keep as text (a 49-digit clave de
 * acceso would turn into 2.51E+48): it is written as the formula `="…"`, the one formula we emit.
 */
export type CampoCsv = string | number | null | { digitos: string };

/** Characters that start a formula in Excel, LibreOffice and Google Sheets. */
const INICIO_FORMULA = /^[=+\-@\t\r]/;

/**
 * Quotes a field when it holds the separator, quotes or line breaks, and neutralises text that a
 * spreadsheet would run as a formula.
 * @example campoCsv('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 */
export const campoCsv = (valor: CampoCsv, separador = ';'): string => {
  if (valor === null) return '';
  if (typeof valor === 'object') {
    if (!/^\d+$/.test(valor.digitos)) throw new Error('digitos admite solo dígitos');
    return `"=""${valor.digitos}"""`;
  }
  let texto = String(valor);
  if (typeof valor === 'string' && INICIO_FORMULA.test(texto)) texto = `'${texto}`;
  const especiales = new RegExp(`["\\r\\n${separador}]`);
  return especiales.test(texto) ? `"${texto.replaceAll('"', '""')}"` : texto;
};

/** One CSV line (CRLF, as Excel writes them). */
export const lineaCsv = (campos: readonly CampoCsv[], separador = ';'): string =>
  `${campos.map((c) => campoCsv(c, separador)).join(separador)}\r\n`;
