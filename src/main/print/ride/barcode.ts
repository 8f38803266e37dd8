/**
 * Barcode geometry for the RIDE, from bwip-js (which picks the optimal Code 128 code sets: set C
 * pairs for the clave de acceso). Drawn as vectors, so bars stay sharp at any printer resolution.
 */
import { bwipModule } from '../lazyDeps';

/** Code 128: bar and space widths in modules, alternating, starting with a bar. */
export type LinearBarcode = { widths: readonly number[]; modules: number };

/** QR: row-major dark (1) / light (0) modules. */
export type MatrixBarcode = { pixels: readonly number[]; columns: number; rows: number };

/** Code 128 needs ten modules of quiet zone on each side (ISO/IEC 15417 §4.3.1). */
export const CODE128_QUIET_MODULES = 10;
/** QR needs four modules of quiet zone (ISO/IEC 18004 §6.3.8). */
export const QR_QUIET_MODULES = 4;

/**
 * Code 128 of a digit string.
 * @example code128('1234').modules // 57
 */
export const code128 = (text: string): LinearBarcode => {
  const symbols = bwipModule().raw('code128', text, '');
  const symbol = symbols[0];
  if (symbol === undefined || !('sbs' in symbol)) throw new Error('bwip-js no devolvió Code 128');
  return { widths: symbol.sbs, modules: symbol.sbs.reduce((sum: number, w: number) => sum + w, 0) };
};

/**
 * QR code (error correction M) of a text.
 * @example qrCode('1804…').columns // 25 for a 49-digit clave (version 2)
 */
export const qrCode = (text: string): MatrixBarcode => {
  const symbols = bwipModule().raw('qrcode', text, 'eclevel=M');
  const symbol = symbols[0];
  if (symbol === undefined || !('pixs' in symbol)) throw new Error('bwip-js no devolvió un QR');
  return { pixels: symbol.pixs, columns: symbol.pixx, rows: symbol.pixy };
};

/**
 * The two halves printed on 80 mm paper: 24 + 25 digits, so each fits a 72 mm line with
 * modules of at least 2 printer dots (docs/sri.md §9; the whole clave needs 1-dot modules).
 * @example splitClave('1'.repeat(49)) // ['111…' (24), '111…' (25)]
 */
export const splitClave = (clave: string): [string, string] => [
  clave.slice(0, 24),
  clave.slice(24),
];
