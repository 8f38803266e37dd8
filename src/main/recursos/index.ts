/**
 * Where the app's shipped folders are. From the repository (and `out/` after a build) they sit
 * beside the code; in an installed app electron-builder copies them as extraResources into
 * `process.resourcesPath` (`<resources>/migrations`, `<resources>/resources/fonts`…), outside
 * the asar, where plain `fs` can read them. See `electron-builder.config.mjs`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Electron sets `process.resourcesPath`; plain Node leaves it undefined. */
const resourcesPath = (): string | undefined =>
  (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;

/**
 * The first folder holding `marker`: the installed app's resources, then `from` and each of its
 * ancestors; null when none does.
 * @example findShipped('migrations', 'meta/_journal.json', import.meta.dirname) // '/app/resources/migrations'
 */
export const findShipped = (folder: string, marker: string, from: string): string | null => {
  const packaged = resourcesPath();
  if (packaged !== undefined) {
    const candidate = path.join(packaged, folder);
    if (existsSync(path.join(candidate, marker))) return candidate;
  }
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, folder);
    if (existsSync(path.join(candidate, marker))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
};
