/**
 * Runs the Factio sync worker alone in its own process, for sync-kill.test.ts: opens the
 * database at argv[2], takes the API key from FACTIO_KEY (into an in-memory keychain) and the
 * fake's URL from FACTIO_URL, prints «listo» and syncs until it is killed.
 */

import { createIdGenerator, openDatabase } from '../../src/main/db';
import { createSyncService } from '../../src/main/factio';
import { silentLogger, systemClock } from '../../src/main/log';
import { createMemoryKeychain } from '../fakes/memoryKeychain';

const [file] = process.argv.slice(2);
const key = process.env.FACTIO_KEY;
const url = process.env.FACTIO_URL;
if (file === undefined || key === undefined || url === undefined) {
  throw new Error('uso: FACTIO_KEY=… FACTIO_URL=… syncChild.ts BASE.sqlite');
}
const opened = openDatabase(file, { logger: silentLogger, clock: systemClock });
if (!opened.ok) throw new Error(opened.error.message);
const db = opened.value;
const sync = createSyncService({
  db,
  keychain: createMemoryKeychain(),
  clock: systemClock,
  ids: createIdGenerator(systemClock),
  logger: silentLogger,
  random: Math.random,
  onChange: () => {},
  options: { idleMs: 100, probeIntervalMs: 100 },
});
sync.configurar('sandbox', url);
await sync.guardarClave(key);
sync.start();
process.stdout.write('listo\n');
