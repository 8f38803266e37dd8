// A counter process for the crash test: sells continuously and drains the SRI outbox against the
// simulator the parent runs, printing `VENTA <id>` after each commit. The parent kills it with a
// real SIGKILL at random moments. `--solo-drenar` sells nothing, drains everything and exits.
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIdGenerator, openDatabase } from '../../../src/main/db';
import { seedDemoStore } from '../../../src/main/demo';
import { silentLogger, systemClock } from '../../../src/main/log';
import { createOutboxWorker } from '../../../src/main/outbox/worker';
import { loadSigningIdentity, trySignComprobante } from '../../../src/main/signing';
import { createSriClient, endpointsDesdeBase } from '../../../src/main/sri';
import { createEmisionService } from '../../../src/main/ventas';
import { ok } from '../../../src/shared/result';

const [dataDir, simulatorUrl, mode] = process.argv.slice(2) as [string, string, string | undefined];
const opened = openDatabase(join(dataDir, 'mostrador.sqlite'), {
  logger: silentLogger,
  clock: systemClock,
});
if (!opened.ok) throw new Error(opened.error.message);
const db = opened.value;
const ids = createIdGenerator(systemClock);
const seeded = await seedDemoStore(db, { clock: systemClock, ids });
if (!seeded.ok) throw new Error(seeded.error.message);
const identity = loadSigningIdentity(
  readFileSync(join(dataDir, 'firma.p12')),
  process.env.CRASH_P12_PASSWORD ?? '',
  new Date(),
);
if (!identity.ok) throw new Error(identity.error.message);

const emision = createEmisionService({
  db,
  clock: systemClock,
  ids,
  codigoNumerico: () => String(randomInt(0, 100_000_000)).padStart(8, '0'),
  firmador: () => ok((xml, at) => trySignComprobante(xml, identity.value, { signingTime: at })),
  logger: silentLogger,
});
const worker = createOutboxWorker({
  sqlite: db.sqlite,
  sri: createSriClient({
    endpoints: endpointsDesdeBase(simulatorUrl),
    timeouts: { connectMs: 2_000, responseMs: 5_000 },
    logger: silentLogger,
  }),
  clock: systemClock,
  logger: silentLogger,
  random: Math.random,
  notify: () => {},
  // Short backoffs so retries happen within the test's time.
  options: { concurrency: 4, probeIntervalMs: 100, idleMs: 200 },
});

if (mode === '--solo-drenar') {
  const pending = db.sqlite.prepare(
    "SELECT COUNT(*) AS n FROM outbox_job WHERE kind = 'sri' AND status = 'pending'",
  );
  const deadline = Date.now() + 60_000;
  while ((pending.get() as { n: number }).n > 0 && Date.now() < deadline) {
    await worker.drain();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Backoffs are short but real: make what is waiting due again.
    db.sqlite
      .prepare(
        "UPDATE outbox_job SET next_attempt_at = ? WHERE kind = 'sri' AND status = 'pending'",
      )
      .run(new Date().toISOString());
  }
  db.close();
  process.exit(0);
}

const product = db.sqlite
  .prepare("SELECT id, unit_price_micro AS p FROM product WHERE unit = 'unidad' LIMIT 1")
  .get() as { id: string; p: number };
worker.start();
process.stdout.write('LISTO\n');
for (;;) {
  const ventaId = randomUUID();
  const r = emision.cobrar({
    ventaId,
    comprador: null,
    lineas: [
      {
        productoId: product.id,
        cantidad: '1',
        precioUnitarioMicros: product.p,
        descuentoCentavos: 0,
      },
    ],
    pagos: [{ formaPago: '01', montoCentavos: 5_000 }],
  });
  if (!r.ok) throw new Error(r.error.message);
  process.stdout.write(`VENTA ${ventaId}\n`);
  worker.wake();
  await new Promise((resolve) => setTimeout(resolve, randomInt(2, 15)));
}
