// `npm run bench -- drenaje [--documentos N] [--latencia MS] [--concurrencia N]`: N signed
// documents already queued, drained by the outbox worker to AUTHORIZED against the SRI
// simulator in its own process, with MS of latency on every call (default 1,000 and 5 ms).
// Baseline in the same process: the same worker one document at a time. Target ≥ 200 docs/s.
// The target is our side's throughput: the simulator skips its XSD check (`--sin-xsd`), which the
// real SRI runs on its own servers, not on the cashier's two cores; one more run with the strict
// simulator prints what that check costs here.
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createIdGenerator, openDatabase } from '../../src/main/db';
import { DEMO_ISSUER, seedDemoStore } from '../../src/main/demo';
import { silentLogger, systemClock } from '../../src/main/log';
import { createOutboxWorker } from '../../src/main/outbox/worker';
import {
  createDemoSigningIdentity,
  loadSigningIdentity,
  trySignComprobante,
} from '../../src/main/signing';
import { createSriClient, endpointsDesdeBase } from '../../src/main/sri';
import { createEmisionService } from '../../src/main/ventas';
import { ok } from '../../src/shared/result';
import { startSimulatorProcess } from './_sriChild';

const option = (args: string[], name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};

const drain = async (
  documentos: number,
  latencia: number,
  concurrency: number,
  estricto = false,
): Promise<number> => {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-drenaje-'));
  const opened = openDatabase(join(dir, 'mostrador.sqlite'), {
    logger: silentLogger,
    clock: systemClock,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value;
  const ids = createIdGenerator(systemClock);
  const seeded = await seedDemoStore(db, { clock: systemClock, ids });
  if (!seeded.ok) throw new Error(seeded.error.message);
  const demo = createDemoSigningIdentity({
    ruc: DEMO_ISSUER.ruc,
    razonSocial: DEMO_ISSUER.razonSocial,
    now: new Date(),
  });
  const identity = loadSigningIdentity(demo.p12, demo.password, new Date());
  if (!identity.ok) throw new Error(identity.error.message);
  const emision = createEmisionService({
    db,
    clock: systemClock,
    ids,
    codigoNumerico: () => String(randomInt(0, 100_000_000)).padStart(8, '0'),
    firmador: () => ok((xml, at) => trySignComprobante(xml, identity.value, { signingTime: at })),
    logger: silentLogger,
  });
  const product = db.sqlite
    .prepare("SELECT id, unit_price_micro AS p FROM product WHERE unit = 'unidad' LIMIT 1")
    .get() as {
    id: string;
    p: number;
  };
  for (let i = 0; i < documentos; i++) {
    const r = emision.cobrar({
      ventaId: randomUUID(),
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
  }
  const simulator = await startSimulatorProcess([
    '--faults',
    `latencia=${latencia}`,
    ...(estricto ? [] : ['--sin-xsd']),
  ]);
  const sri = createSriClient({
    endpoints: endpointsDesdeBase(simulator.url),
    timeouts: { connectMs: 5_000, responseMs: 20_000 },
    logger: silentLogger,
  });
  const worker = createOutboxWorker({
    sqlite: db.sqlite,
    sri,
    clock: systemClock,
    logger: silentLogger,
    random: Math.random,
    notify: () => {},
    options: { concurrency },
  });
  const start = performance.now();
  await worker.drain();
  const seconds = (performance.now() - start) / 1000;
  const authorized = (
    db.sqlite.prepare("SELECT COUNT(*) AS n FROM document WHERE status = 'AUTHORIZED'").get() as {
      n: number;
    }
  ).n;
  await simulator.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  if (authorized !== documentos)
    throw new Error(`Solo ${authorized} de ${documentos} quedaron AUTHORIZED.`);
  return documentos / seconds;
};

export const run = async (args: string[]): Promise<void> => {
  const documentos = option(args, 'documentos', 1_000);
  const latencia = option(args, 'latencia', 5);
  const concurrencia = option(args, 'concurrencia', 16);
  console.log(
    `drenaje de la cola: documentos firmados → AUTHORIZED, simulador del SRI en otro proceso con ${latencia} ms por llamada`,
  );
  const base = await drain(Math.min(200, documentos), latencia, 1);
  console.log(
    `línea base: de uno en uno (${Math.min(200, documentos)} documentos)   ${base.toFixed(1)} documentos/s`,
  );
  const rate = await drain(documentos, latencia, concurrencia);
  console.log(
    `cola con concurrencia ${concurrencia} (${documentos} documentos)       ${rate.toFixed(1)} documentos/s`,
  );
  console.log(
    `razón frente a la línea base: ${(rate / base).toFixed(2)}×   objetivo ≥ 200 documentos/s: ${rate >= 200 ? 'cumple' : 'NO cumple'}`,
  );
  const estricto = await drain(documentos, latencia, concurrencia, true);
  console.log(
    `la misma cola con el simulador estricto (XSD en cada recepción, en estos mismos núcleos): ${estricto.toFixed(1)} documentos/s`,
  );
};
