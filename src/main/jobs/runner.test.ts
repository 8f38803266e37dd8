import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db/testing';
import { silentLogger } from '../log';
import { createJobRunner, type JobKind } from './runner';
import { createJobTable, enqueueJob, type JobRow } from './table';

let db: TestDatabase;
let counter = 0;

const seedEmissionPoint = (): void => {
  const at = db.clock.now().toISOString();
  db.sqlite
    .prepare(
      `INSERT INTO issuer (id, ruc, razon_social, direccion_matriz, obligado_contabilidad, ambiente, updated_at)
       VALUES ('i1', '0992345675001', 'COMERCIAL LA ESQUINA S.A.', 'Guayaquil', 1, '1', ?)`,
    )
    .run(at);
  db.sqlite
    .prepare(
      `INSERT INTO establishment (id, issuer_id, code, address, updated_at) VALUES ('e1', 'i1', '001', 'Guayaquil', ?)`,
    )
    .run(at);
  db.sqlite
    .prepare(
      `INSERT INTO emission_point (id, establishment_id, code, description, updated_at) VALUES ('p1', 'e1', '001', 'Caja 1', ?)`,
    )
    .run(at);
};

/** A document row for jobs to point at. */
const insertDocument = (): string => {
  counter += 1;
  const id = `doc-${counter}`;
  const at = db.clock.now().toISOString();
  db.sqlite
    .prepare(
      `INSERT INTO document (id, cod_doc, version, ambiente, emission_point_id, estab, pto_emi, secuencial,
         clave_acceso, fecha_emision, buyer_tipo, buyer_identificacion, buyer_razon_social,
         subtotal_cents, descuento_cents, iva_cents, total_cents, status, signed_xml, created_at, updated_at)
       VALUES (?, '01', '1.1.0', '1', 'p1', '001', '001', ?, ?, '2026-11-25', '07', '9999999999999',
         'CONSUMIDOR FINAL', 100, 0, 15, 115, 'SIGNED', '<factura/>', ?, ?)`,
    )
    .run(id, counter, String(counter).padStart(49, '0'), at, at);
  return id;
};

/** Enqueues a job for a new document inside a transaction, as the sale does. */
const enqueue = (): string => {
  const documentId = insertDocument();
  db.sqlite.transaction(() => {
    enqueueJob(db.sqlite, 'sri', { documentId }, db.clock.now().toISOString());
  })();
  return documentId;
};

const jobOf = (documentId: string) =>
  db.sqlite
    .prepare(
      `SELECT status, attempts, locked_until AS lockedUntil, last_error AS lastError
       FROM outbox_job WHERE kind = 'sri' AND document_id = ?`,
    )
    .get(documentId) as {
    status: string;
    attempts: number;
    lockedUntil: string | null;
    lastError: string | null;
  };

/** A kind over the real `outbox_job` table whose `process` the test scripts. */
const kindFor = (
  process: (job: JobRow) => Promise<void>,
  extra: Partial<JobKind<JobRow>> = {},
): JobKind<JobRow> => {
  const table = createJobTable(db.sqlite, 'sri');
  return {
    name: 'sri',
    store: { claim: table.claim, earliestDue: table.earliestDue, releaseStale: table.releaseAll },
    process: async (job) => {
      await process(job);
      table.finish(job.id, 'done', db.clock.now().toISOString(), null);
    },
    onUnknownOutcome: (job, error) =>
      table.reschedule(
        job.id,
        job.attempts + 1,
        new Date(db.clock.now().getTime() + 60_000).toISOString(),
        error instanceof Error ? error.message : String(error),
      ),
    concurrency: 2,
    leaseMs: 120_000,
    idleMs: 30_000,
    errorDelayMs: 1_000,
    ...extra,
  };
};

/** A promise the test resolves by hand. */
const deferred = () => {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

beforeEach(() => {
  db = openTestDatabase();
  counter = 0;
  seedEmissionPoint();
});
afterEach(() => {
  db.sqlite.close();
});

describe('createJobRunner', () => {
  it('procesa los trabajos vencidos del más antiguo al más nuevo y los deja terminados', async () => {
    const a = enqueue();
    db.clock.advance(1);
    const b = enqueue();
    db.clock.advance(1);
    const c = enqueue();
    const seen: string[] = [];
    const runner = createJobRunner({ clock: db.clock, logger: silentLogger });
    const lane = runner.register(
      kindFor(async (job) => {
        seen.push(job.documentId);
      }),
    );
    expect(await lane.drain()).toBe(3);
    expect(seen).toEqual([a, b, c]);
    // Finished jobs stay for audit.
    expect([jobOf(a).status, jobOf(b).status, jobOf(c).status]).toEqual(['done', 'done', 'done']);
  });

  it('no toma un trabajo antes de su próximo intento', async () => {
    const a = enqueue();
    db.sqlite.prepare("UPDATE outbox_job SET next_attempt_at = '2099-01-01T00:00:00.000Z'").run();
    const runner = createJobRunner({ clock: db.clock, logger: silentLogger });
    const lane = runner.register(kindFor(async () => {}));
    expect(await lane.drain()).toBe(0);
    expect(jobOf(a).status).toBe('pending');
  });

  it('no pasa del límite de trabajos simultáneos', async () => {
    for (let i = 0; i < 5; i++) enqueue();
    let now = 0;
    let most = 0;
    const runner = createJobRunner({ clock: db.clock, logger: silentLogger });
    const lane = runner.register(
      kindFor(async () => {
        now += 1;
        most = Math.max(most, now);
        await Promise.resolve();
        now -= 1;
      }),
    );
    expect(await lane.drain()).toBe(5);
    expect(most).toBe(2);
  });

  it('un trabajo que falla sigue la regla de su clase y no detiene a los demás', async () => {
    const malo = enqueue();
    const bueno = enqueue();
    const runner = createJobRunner({ clock: db.clock, logger: silentLogger });
    const lane = runner.register(
      kindFor(async (job) => {
        if (job.documentId === malo) throw new Error('se cortó la conexión');
      }),
    );
    expect(await lane.drain()).toBe(2);
    expect(jobOf(malo)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lockedUntil: null,
      lastError: 'se cortó la conexión',
    });
    expect(jobOf(bueno).status).toBe('done');
  });

  it('un trabajo tomado queda con contrato hasta que vence y no se toma dos veces', () => {
    const a = enqueue();
    const table = createJobTable(db.sqlite, 'sri');
    const now = db.clock.now().toISOString();
    const later = new Date(db.clock.now().getTime() + 120_000).toISOString();
    expect(table.claim(now, later, 10).map((j) => j.documentId)).toEqual([a]);
    expect(jobOf(a).lockedUntil).toBe(later);
    expect(table.claim(now, later, 10)).toEqual([]);
    db.clock.advance(120_000);
    expect(table.claim(db.clock.now().toISOString(), later, 10)).toHaveLength(1);
  });

  it('al arrancar libera los contratos que dejó un proceso muerto', async () => {
    const a = enqueue();
    const table = createJobTable(db.sqlite, 'sri');
    table.claim(db.clock.now().toISOString(), '2099-01-01T00:00:00.000Z', 10);
    const done = deferred();
    const runner = createJobRunner({ clock: db.clock, logger: silentLogger });
    runner.register(kindFor(async () => done.resolve()));
    runner.start();
    await done.promise;
    await runner.stop();
    expect(jobOf(a).status).toBe('done');
  });

  it('encolar dentro de una transacción que se deshace no deja trabajo', () => {
    const documentId = insertDocument();
    expect(() =>
      db.sqlite.transaction(() => {
        enqueueJob(db.sqlite, 'sri', { documentId }, db.clock.now().toISOString());
        throw new Error('la venta falló');
      })(),
    ).toThrow('la venta falló');
    expect(jobOf(documentId)).toBeUndefined();
  });

  it('despierto, procesa un trabajo nuevo sin esperar al temporizador', async () => {
    const runner = createJobRunner({ clock: db.clock, logger: silentLogger });
    let done = deferred();
    runner.register(kindFor(async () => done.resolve(), { idleMs: 3_600_000 }));
    runner.start();
    enqueue();
    runner.wake('sri');
    await done.promise;
    done = deferred();
    enqueue();
    runner.wake();
    await done.promise;
    await runner.stop();
    expect(
      db.sqlite.prepare("SELECT COUNT(*) AS n FROM outbox_job WHERE status = 'done'").get(),
    ).toEqual({ n: 2 });
  });

  it('detenerse espera al trabajo en curso', async () => {
    const a = enqueue();
    const started = deferred();
    const release = deferred();
    const runner = createJobRunner({ clock: db.clock, logger: silentLogger });
    runner.register(
      kindFor(async () => {
        started.resolve();
        await release.promise;
      }),
    );
    runner.start();
    await started.promise;
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    release.resolve();
    await stopping;
    expect(jobOf(a).status).toBe('done');
  });

  it('mientras la clase retiene la cola no toma nada; al soltarla y despertar, procesa', async () => {
    const a = enqueue();
    let held = true;
    const asked = deferred();
    const done = deferred();
    const runner = createJobRunner({ clock: db.clock, logger: silentLogger });
    const lane = runner.register(
      kindFor(async () => done.resolve(), {
        hold: () => {
          asked.resolve();
          return held ? 3_600_000 : null;
        },
        canClaim: () => !held,
      }),
    );
    lane.start();
    await asked.promise;
    expect(await lane.drain()).toBe(0);
    expect(jobOf(a).status).toBe('pending');
    held = false;
    lane.wake();
    await done.promise;
    await lane.stop();
    expect(jobOf(a).status).toBe('done');
  });

  it('una clase se registra una sola vez', () => {
    const runner = createJobRunner({ clock: db.clock, logger: silentLogger });
    runner.register(kindFor(async () => {}));
    expect(() => runner.register(kindFor(async () => {}))).toThrow(/ya está registrada/);
  });
});
