/**
 * The RIDE fonts (DejaVu Sans, resources/fonts/, Bitstream Vera licence): parsed once per process
 * and reused by every document, because parsing a TrueType file costs ~25 ms per PDF while
 * subsetting an already-parsed font costs ~1 ms.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Font } from 'fontkit';
import { findShipped } from '../../recursos';
import { fontkitModule } from '../lazyDeps';

export type RideFonts = { regular: Font; bold: Font };

const REGULAR = 'DejaVuSans.ttf';
const BOLD = 'DejaVuSans-Bold.ttf';

/** `resources/fonts`: in the installed app's resources, else walking up from this module. */
export const defaultFontsDir = (): string => {
  const found = findShipped(
    join('resources', 'fonts'),
    REGULAR,
    dirname(fileURLToPath(import.meta.url)),
  );
  if (found === null) throw new Error(`No se encontró resources/fonts/${REGULAR}`);
  return found;
};

const cache = new Map<string, RideFonts>();

const openFont = (path: string): Font => {
  const font = fontkitModule().create(readFileSync(path));
  // A .ttf holds one font; a collection here means the wrong file was shipped.
  if (!('layout' in font)) throw new Error(`${path} es una colección de fuentes, no una fuente`);
  return font;
};

/**
 * Loads (once) the regular and bold RIDE fonts from `dir`.
 * @example loadRideFonts().regular.familyName // 'DejaVu Sans'
 */
export const loadRideFonts = (dir: string = defaultFontsDir()): RideFonts => {
  const cached = cache.get(dir);
  if (cached !== undefined) return cached;
  const fonts = { regular: openFont(join(dir, REGULAR)), bold: openFont(join(dir, BOLD)) };
  cache.set(dir, fonts);
  return fonts;
};
