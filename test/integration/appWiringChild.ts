/**
 * Child of `app-wiring.test.ts`: starts the app in training mode (database, SRI simulator, job
 * lanes) with an update backend that throws while maintenance is wired — a late step — and then
 * returns. If anything the earlier steps opened were left open (a worker's timer, the
 * simulator's port), this process would never exit on its own.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, DATABASE_FILE } from '../../src/main/app';
import { createMemoryLogger, systemClock } from '../../src/main/log';
import { createMemoryKeychain } from '../fakes/memoryKeychain';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('Falta la carpeta de datos.');

const updateBackend = {
  get feedPorDefecto(): string | null {
    throw new Error('actualizador roto');
  },
  revisar: () => Promise.reject(new Error('no se usa')),
  descargar: () => Promise.reject(new Error('no se usa')),
  instalar: () => {},
};

const logger = createMemoryLogger();
let error = 'ninguno';
try {
  await createApp({
    dataDir,
    demo: true,
    logger,
    clock: systemClock,
    keychain: createMemoryKeychain(),
    updateBackend,
  });
} catch (e) {
  error = e instanceof Error ? e.message : String(e);
}
// WAL mode: the last connection to close checkpoints and removes the -wal file.
const walLeft = existsSync(join(dataDir, `${DATABASE_FILE}-wal`));
process.stdout.write(`${JSON.stringify({ error, walLeft })}\n`);
