/**
 * Child process of release-backups.test.ts: a demo app that keeps charging sales until it is
 * told to stop, so the parent can back the database up while it is being written.
 * Usage: node --import tsx test/integration/release-writer.ts DATA_DIR
 */
import { sell, startDemoApp } from './release-app';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('falta DATA_DIR');
const { app } = await startDemoApp(dataDir, { importCertificate: false });
let running = true;
process.on('SIGTERM', () => {
  running = false;
});
let sold = 0;
process.stdout.write('listo\n');
while (running) {
  await sell(app, 3);
  sold++;
  // Yield so the signal handler can run between sales.
  await new Promise((resolve) => setImmediate(resolve));
}
await app.close();
process.stdout.write(`vendidas ${sold}\n`);
