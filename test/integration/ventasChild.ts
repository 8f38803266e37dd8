/**
 * Sells in its own process, for secuenciales-marca.test.ts: opens the demo store in argv[2],
 * sells argv[3] times, prints «listo» with the last numero and waits to be killed.
 */
import { sell, startDemoApp } from './release-app';

const [dataDir, n] = process.argv.slice(2);
if (dataDir === undefined || n === undefined) throw new Error('uso: ventasChild.ts CARPETA N');
const { app } = await startDemoApp(dataDir, { importCertificate: false });
for (let i = 0; i < Number(n); i++) await sell(app, 1);
const last = app.db.sqlite
  .prepare("SELECT max(secuencial) AS s FROM document WHERE cod_doc = '01'")
  .get() as { s: number };
process.stdout.write(`listo ${last.s}\n`);
setInterval(() => {}, 60_000);
