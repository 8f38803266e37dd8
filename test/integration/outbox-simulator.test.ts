import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createIdGenerator, type Database, openDatabase } from '../../src/main/db';
import { DEMO_ISSUER, seedDemoStore } from '../../src/main/demo';
import { createMemoryLogger, silentLogger, systemClock } from '../../src/main/log';
import {
  createOutboxWorker,
  type OutboxNotice,
  type OutboxWorker,
} from '../../src/main/outbox/worker';
import {
  loadSigningIdentity,
  type SigningIdentity,
  trySignComprobante,
  verifyComprobanteSignature,
} from '../../src/main/signing';
import { createSriClient, endpointsDesdeBase } from '../../src/main/sri';
import { type SriSimulator, startSriSimulator } from '../../src/main/sri/simulator';
import { createEmisionService, type EmisionService } from '../../src/main/ventas';
import { ok } from '../../src/shared/result';
import { modernP12 } from '../fixtures/certs';

let identity: SigningIdentity;
beforeAll(() => {
  const p12 = modernP12({ ruc: DEMO_ISSUER.ruc, razonSocial: DEMO_ISSUER.razonSocial });
  const loaded = loadSigningIdentity(p12.p12, p12.password, new Date());
  if (!loaded.ok) throw new Error(loaded.error.message);
  identity = loaded.value;
});

type Counter = {
  db: Database;
  simulator: SriSimulator;
  emision: EmisionService;
  worker: OutboxWorker;
  notices: OutboxNotice[];
  logger: ReturnType<typeof createMemoryLogger>;
  sell: () => { documentoId: string; claveAcceso: string };
  status: (id: string) => string;
  history: (id: string) => string[];
  /** Makes every waiting job due now (backoffs are real time) and drains. */
  settle: () => Promise<void>;
};
const open: Counter[] = [];

const counter = async (
  faults = '',
  timeouts = { connectMs: 2_000, responseMs: 2_000 },
  /** Changes the signed bytes before they are stored (a signature that no longer verifies). */
  alterar: (firmado: string) => string = (firmado) => firmado,
): Promise<Counter> => {
  const opened = openDatabase(':memory:', { logger: silentLogger, clock: systemClock });
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value;
  const ids = createIdGenerator(systemClock);
  const seeded = await seedDemoStore(db, { clock: systemClock, ids });
  if (!seeded.ok) throw new Error(seeded.error.message);
  const simulator = await startSriSimulator({
    verifySignature: verifyComprobanteSignature,
    clock: systemClock,
    logger: silentLogger,
    faults,
  });
  const logger = createMemoryLogger();
  const notices: OutboxNotice[] = [];
  const emision = createEmisionService({
    db,
    clock: systemClock,
    ids,
    codigoNumerico: () => '12345678',
    firmador: () =>
      ok((xml, at) => {
        const firmado = trySignComprobante(xml, identity, { signingTime: at });
        return firmado.ok ? ok(alterar(firmado.value)) : firmado;
      }),
    logger: silentLogger,
  });
  const worker = createOutboxWorker({
    sqlite: db.sqlite,
    sri: createSriClient({ endpoints: endpointsDesdeBase(simulator.url), timeouts, logger }),
    clock: systemClock,
    logger,
    random: () => 0,
    notify: (n) => notices.push(n),
    options: { concurrency: 8, probeIntervalMs: 50 },
  });
  const product = db.sqlite
    .prepare("SELECT id, unit_price_micro AS p FROM product WHERE unit = 'unidad' LIMIT 1")
    .get() as { id: string; p: number };
  const c: Counter = {
    db,
    simulator,
    emision,
    worker,
    notices,
    logger,
    sell: () => {
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
        pagos: [{ formaPago: '01', montoCentavos: 2_000 }],
      });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    },
    status: (id) =>
      (db.sqlite.prepare('SELECT status FROM document WHERE id = ?').get(id) as { status: string })
        .status,
    history: (id) =>
      (
        db.sqlite
          .prepare(
            'SELECT to_status AS s FROM document_status_history WHERE document_id = ? ORDER BY id',
          )
          .all(id) as { s: string }[]
      ).map((r) => r.s),
    settle: async () => {
      db.sqlite
        .prepare(
          "UPDATE outbox_job SET next_attempt_at = ? WHERE kind = 'sri' AND status = 'pending'",
        )
        .run(new Date(0).toISOString());
      await worker.drain();
    },
  };
  open.push(c);
  return c;
};

afterEach(async () => {
  for (const c of open.splice(0)) {
    await c.worker.stop();
    await c.simulator.close();
    c.db.close();
  }
});

describe('la cola del SRI contra el simulador', () => {
  it('con latencia dentro del plazo autoriza sin reintentos', async () => {
    const c = await counter('latencia=50');
    const doc = c.sell();
    await c.worker.drain();
    expect(c.status(doc.documentoId)).toBe('AUTHORIZED');
    expect(c.simulator.receptionCount(doc.claveAcceso)).toBe(1);
  });

  it('si el SRI corta la conexión tras recibir, consulta y no reenvía lo que ya tiene', async () => {
    const c = await counter('recepcion:cortar*1');
    const doc = c.sell();
    await c.worker.drain();
    expect(c.status(doc.documentoId)).toBe('RECEPTION_UNKNOWN');
    await c.settle();
    expect(c.status(doc.documentoId)).toBe('AUTHORIZED');
    expect(c.simulator.receptionCount(doc.claveAcceso)).toBe(1);
    expect(c.simulator.authorizationCount(doc.claveAcceso)).toBe(1);
  });

  it('un HTTP 500 es transitorio: se pregunta primero y luego se reenvía', async () => {
    const c = await counter('recepcion:http500*1');
    const doc = c.sell();
    await c.worker.drain();
    expect(c.status(doc.documentoId)).toBe('RECEPTION_UNKNOWN');
    await c.settle();
    await c.settle();
    expect(c.status(doc.documentoId)).toBe('AUTHORIZED');
    expect(c.history(doc.documentoId)).toContain('RECEPTION_RETRY_SCHEDULED');
  });

  it('una página HTML en vez de SOAP es transitoria, se registra y no rompe nada', async () => {
    const c = await counter('recepcion:html*1');
    const doc = c.sell();
    await c.worker.drain();
    expect(c.status(doc.documentoId)).toBe('RECEPTION_UNKNOWN');
    expect(
      c.logger.entries.some((e) => e.level === 'warn' || e.level === 'error' || e.level === 'info'),
    ).toBe(true);
    await c.settle();
    await c.settle();
    expect(c.status(doc.documentoId)).toBe('AUTHORIZED');
  });

  it('DEVUELTA 35 deja el documento REJECTED con el mensaje del SRI', async () => {
    const c = await counter('devuelta=35');
    const doc = c.sell();
    await c.worker.drain();
    expect(c.status(doc.documentoId)).toBe('REJECTED');
    const row = c.db.sqlite
      .prepare('SELECT last_sri_message AS m FROM document WHERE id = ?')
      .get(doc.documentoId) as { m: string };
    expect(row.m).toMatch(/^35: /);
  });

  it('EN PROCESO varias veces termina en AUTHORIZED sin reenviar', async () => {
    const c = await counter('autorizacion:en-proceso=2');
    const doc = c.sell();
    await c.worker.drain();
    expect(c.status(doc.documentoId)).toBe('AUTHORIZATION_RETRY_SCHEDULED');
    await c.settle();
    await c.settle();
    expect(c.status(doc.documentoId)).toBe('AUTHORIZED');
    expect(c.simulator.receptionCount(doc.claveAcceso)).toBe(1);
  });

  it('una firma que no verifica es DEVUELTA 39 en recepción y deja el documento REJECTED', async () => {
    const c = await counter('', undefined, (firmado) =>
      firmado.replace('<razonSocialComprador>', '<razonSocialComprador>X'),
    );
    const doc = c.sell();
    await c.worker.drain();
    expect(c.status(doc.documentoId)).toBe('REJECTED');
    const row = c.db.sqlite
      .prepare('SELECT last_sri_message AS m FROM document WHERE id = ?')
      .get(doc.documentoId) as { m: string };
    expect(row.m).toMatch(/^39: FIRMA INVALIDA/);
    expect(c.history(doc.documentoId)).not.toContain('AUTHORIZATION_PENDING');
    expect(c.simulator.receptionCount(doc.claveAcceso)).toBe(1);
  });

  it('NO AUTORIZADO deja el documento REJECTED', async () => {
    const c = await counter('autorizacion:no-autorizado=39');
    const doc = c.sell();
    await c.worker.drain();
    expect(c.status(doc.documentoId)).toBe('REJECTED');
  });

  it('con el SRI caído vende, queda sin conexión, y al volver todo llega a AUTHORIZED', async () => {
    const c = await counter('caido');
    const docs = [c.sell(), c.sell(), c.sell()];
    await c.worker.drain();
    expect(c.worker.isOnline()).toBe(false);
    expect(c.notices).toContainEqual({ kind: 'conectividad', enLinea: false });
    expect((await c.simulator.setFaults('')).ok).toBe(true);
    c.worker.start();
    await waitFor(() => docs.every((d) => c.status(d.documentoId) === 'AUTHORIZED'));
    expect(c.worker.isOnline()).toBe(true);
    for (const d of docs) expect(c.simulator.receptionCount(d.claveAcceso)).toBe(1);
  });

  it('500 ventas con el SRI caído un buen rato: al volver se autorizan todas sin envíos duplicados', async () => {
    const c = await counter('caido');
    c.worker.start();
    const docs = Array.from({ length: 500 }, () => c.sell());
    c.worker.wake();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(c.worker.pendingCount()).toBe(500);
    expect((await c.simulator.setFaults('')).ok).toBe(true);
    await waitFor(() => c.worker.pendingCount() === 0, 60_000);
    const authorized = c.db.sqlite
      .prepare("SELECT COUNT(*) AS n FROM document WHERE status = 'AUTHORIZED'")
      .get() as { n: number };
    expect(authorized.n).toBe(500);
    expect(docs.filter((d) => c.simulator.receptionCount(d.claveAcceso) !== 1)).toEqual([]);
    expect(docs.filter((d) => c.simulator.authorizationCount(d.claveAcceso) !== 1)).toEqual([]);
  }, 120_000);
});

/** Polls until `check` holds (the worker runs on its own); fails after `timeoutMs`. */
const waitFor = async (check: () => boolean, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('No se cumplió la condición a tiempo.');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
