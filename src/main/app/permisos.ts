/**
 * The data folder holds the database (buyers, sales, PIN hashes), backups, logs and exports:
 * on Linux and macOS only the user who runs Mostrador may read it (issue 15 item 5). New files
 * get 0600 and folders 0700 through the process umask; what an older version left readable is
 * tightened at start.
 */
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const CARPETA = 0o700;
const ARCHIVO = 0o600;

/** Walks at most a few levels: the data folder is shallow (backups/, logs/, ride/…). */
const ajustar = (ruta: string, profundidad: number): void => {
  if (profundidad > 0) {
    for (const entrada of readdirSync(ruta, { withFileTypes: true })) {
      const hijo = join(ruta, entrada.name);
      if (entrada.isDirectory()) ajustar(hijo, profundidad - 1);
      else if (entrada.isFile()) chmodSync(hijo, ARCHIVO);
    }
  }
  // The folder last: a walk cut short leaves it open, so the next start walks it again.
  chmodSync(ruta, CARPETA);
};

/**
 * Creates `dataDir` private to the user and tightens what is already in it; nothing on Windows,
 * whose profile folders are already per user.
 * @example protegerCarpetaDeDatos('/home/ana/.config/Mostrador', process.platform)
 */
export const protegerCarpetaDeDatos = (dataDir: string, platform: NodeJS.Platform): void => {
  if (platform === 'win32') {
    mkdirSync(dataDir, { recursive: true });
    return;
  }
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: CARPETA });
  // A private folder was created or tightened before: its files are private too, so the walk
  // (one chmod per RIDE, backup and log) runs once per folder, not at every start.
  if ((statSync(dataDir).mode & 0o077) === 0) return;
  ajustar(dataDir, 3);
};
