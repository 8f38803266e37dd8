/**
 * The RIDE fonts (DejaVu Sans, resources/fonts/, Bitstream Vera licence): parsed once per process
 * and reused by every document, because parsing a TrueType file costs ~25 ms per PDF while
 * subsetting an already-parsed font costs ~1 ms.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, type Font } from 'fontkit';

export type RideFonts = { regular: Font; bold: Font };

const REGULAR = 'DejaVuSans.ttf';
const BOLD = 'DejaVuSans-Bold.ttf';

/** Walks up from this module to the folder holding `resources/fonts` (source tree or build). */
export const defaultFontsDir = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources', 'fonts');
    if (existsSync(join(candidate, REGULAR))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No se encontró resources/fonts/${REGULAR}`);
    dir = parent;
  }
};

const cache = new Map<string, RideFonts>();

const openFont = (path: string): Font => {
  const font = create(readFileSync(path));
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
