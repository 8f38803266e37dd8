/**
 * pdfkit, fontkit and bwip-js load on first use instead of at import: the app starts (and
 * `mostrador serve` prints its URL) without parsing them, ~100 ms of a cold start; the first
 * RIDE or test page pays once. Loaded with `require` (their CommonJS builds) so that pdfkit's own
 * `require('fontkit')` shares the fontkit instance that parses the RIDE fonts.
 */
import { createRequire } from 'node:module';
import type BwipJs from 'bwip-js/node';
import type * as Fontkit from 'fontkit';
import type PDFDocument from 'pdfkit';

const load = createRequire(import.meta.url);

let pdfkit: typeof PDFDocument | undefined;
let fontkit: typeof Fontkit | undefined;
let bwipjs: typeof BwipJs | undefined;

/** @example new (pdfDocument())({ autoFirstPage: false }) */
export const pdfDocument = (): typeof PDFDocument => {
  pdfkit ??= load('pdfkit') as typeof PDFDocument;
  return pdfkit;
};

/** @example fontkitModule().create(readFileSync('DejaVuSans.ttf')) */
export const fontkitModule = (): typeof Fontkit => {
  fontkit ??= load('fontkit') as typeof Fontkit;
  return fontkit;
};

/** @example bwipModule().raw('qrcode', '1804…', 'eclevel=M') */
export const bwipModule = (): typeof BwipJs => {
  bwipjs ??= load('bwip-js/node') as typeof BwipJs;
  return bwipjs;
};
