/**
 * Staged rollouts: `stagingPercentage` in the feed says what share of installs takes a version.
 * Each install has a stable random id; the same arithmetic as electron-updater (last 4 bytes of
 * the UUID as a fraction of 2³²−1) and the same file (`.updaterId` in the data folder), so the
 * Electron glue and this module always agree on who is in.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const INSTALL_ID_FILE = '.updaterId';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * This install's id, created on first use and kept in `<dataDir>/.updaterId`.
 * @example installId('/datos') // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export const installId = (dataDir: string, create: () => string = randomUUID): string => {
  const file = path.join(dataDir, INSTALL_ID_FILE);
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (UUID.test(stored)) return stored;
  } catch {
    // First start: no id yet.
  }
  const id = create();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, id);
  return id;
};

/**
 * The install's position in [0, 1): below `stagingPercentage / 100` means it takes the update.
 * @example rolloutPosition('00000000-0000-0000-0000-000000000000') // 0
 */
export const rolloutPosition = (id: string): number => {
  if (!UUID.test(id)) throw new Error(`Id de instalación no válido: ${id}`);
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  return bytes.readUInt32BE(12) / 0xffffffff;
};

/**
 * Whether this install is inside a staged rollout; no percentage means everyone.
 * @example inRollout('…-ffffffffffff', 50) // false
 */
export const inRollout = (id: string, stagingPercentage: number | null): boolean =>
  stagingPercentage === null || rolloutPosition(id) < stagingPercentage / 100;
