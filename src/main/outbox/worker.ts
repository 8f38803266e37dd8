/**
 * The SRI outbox worker (docs/architecture.md §4–§5): takes due jobs under a lease, sends the stored signed
 * bytes to recepción, asks autorización, and writes every step through the status machine.
 * `SUBMITTED_TO_SRI` is committed before the request leaves, so a crash mid-request is seen on
 * restart and resolved by asking autorización — never by a blind resend. A failing document
 * never blocks the others; while the SRI is unreachable nothing is attempted but a cheap probe,
 * and when it answers again every waiting document is due at once.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { err, ok, type Result } from '../../shared/result';
import type { Estado, Evento } from '../fiscal';
import type { Clock, Logger } from '../log';
import type { AutorizacionOutcome, ProbeOutcome, RecepcionOutcome } from '../sri';
import { backoffDelayMs } from './backoff';
import { type Decision, decidirAutorizacion, decidirRecepcion, pasoPara } from './plan';
import { createOutboxRepo, type OutboxJobRow } from './repo';

/** The part of the SRI client the worker uses (a fake in unit tests, the simulator or the SRI). */
export type SriPort = {
  validarComprobante: (signedXml: string) => Promise<RecepcionOutcome>;
  autorizacionComprobante: (claveAcceso: string) => Promise<AutorizacionOutcome>;
  probe: () => Promise<ProbeOutcome>;
};

export type OutboxNotice =
  | { kind: 'conectividad'; enLinea: boolean }
  | { kind: 'outbox'; pendientes: number; ultimoErrorSri: string | null }
  | { kind: 'documento'; documentoId: string; estado: Estado; detalle: string | null };

export type OutboxOptions = {
  /** Documents in flight at once; the SRI answers each call in tens of milliseconds. */
  concurrency: number;
  leaseMs: number;
  /** Attempts that count (timeouts, 5xx, EN PROCESO) before a document goes to manual review. */
  maxAttempts: number;
  /** How often to probe the SRI while it is unreachable. */
  probeIntervalMs: number;
  /** Longest sleep when nothing is due (new jobs wake the worker anyway). */
  idleMs: number;
  /** Coalesces queue-count notices. */
  publishEveryMs: number;
};

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  concurrency: 8,
  leaseMs: 120_000,
  maxAttempts: 40,
  probeIntervalMs: 5_000,
  idleMs: 30_000,
  publishEveryMs: 100,
};

export type OutboxWorkerDeps = {
  sqlite: BetterSqlite3.Database;
  sri: SriPort;
  clock: Clock;
  logger: Logger;
  random: () => number;
  notify: (notice: OutboxNotice) => void;
  options?: Partial<OutboxOptions>;
};

export type OutboxWorker = {
  start: () => void;
  stop: () => Promise<void>;
  /** A job was added or an operator asked: look for due work now. */
  wake: () => void;
  /** Connectivity returned (OS signal or a successful call elsewhere): everything waiting is due. */
  connectivityRestored: () => void;
  /** Processes until nothing is due (tests, benchmarks, `mostrador` CLI). */
  drain: () => Promise<void>;
  isOnline: () => boolean;
  pendingCount: () => number;
  /**
   * An operator retries a document in manual review: it goes back to RECEPTION_UNKNOWN, so the
   * worker asks autorización before it would ever resend.
   */
  requeue: (documentId: string, userId: string | null) => Result<Estado>;
  /**
   * An operator asks for a pending document's autorización now: its job becomes due at once and
   * the worker wakes (the backoff is skipped, not reset). Returns the status it is in.
   */
  consultarAhora: (documentId: string) => Result<Estado>;
};

export const createOutboxWorker = (deps: OutboxWorkerDeps): OutboxWorker => {
  const options = { ...DEFAULT_OUTBOX_OPTIONS, ...deps.options };
  const repo = createOutboxRepo(deps.sqlite);
  const { clock, logger } = deps;
  const iso = (offsetMs = 0): string => new Date(clock.now().getTime() + offsetMs).toISOString();

  let online = true;
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();
  let signal: (() => void) | null = null;

  const poke = (): void => {
    const resolve = signal;
    signal = null;
    resolve?.();
  };
  const waitForPoke = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          signal = null;
          resolve();
        },
        Math.max(0, ms),
      );
      signal = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  // While draining hundreds of documents the count changes per document; the renderer needs it
  // a few times a second, not a thousand.
  let lastPublished: { pendientes: number; ultimoErrorSri: string | null } | null = null;
  let publishTimer: ReturnType<typeof setTimeout> | null = null;
  const publishNow = (): void => {
    publishTimer = null;
    let pendientes: number;
    let ultimoErrorSri: string | null;
    try {
      pendientes = repo.pendingCount();
      // The newest message of a document still needing attention: once it is fixed (or given
      // up), the header stops showing it.
      ultimoErrorSri = repo.lastSriError();
    } catch (error) {
      // Closed or failing database (shutdown, disk): the next change publishes again.
      logger.warn('No se pudo contar la cola del SRI', {
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    const current = { pendientes, ultimoErrorSri };
    if (
      lastPublished?.pendientes === current.pendientes &&
      lastPublished.ultimoErrorSri === current.ultimoErrorSri
    ) {
      return;
    }
    lastPublished = current;
    deps.notify({ kind: 'outbox', ...current });
  };
  const publishQueue = (): void => {
    if (options.publishEveryMs <= 0) publishNow();
    else if (publishTimer === null) publishTimer = setTimeout(publishNow, options.publishEveryMs);
  };
  const setOnline = (value: boolean): void => {
    if (online === value) return;
    online = value;
    logger.info(value ? 'SRI alcanzable de nuevo' : 'SRI inalcanzable: envíos en espera');
    deps.notify({ kind: 'conectividad', enLinea: value });
    if (value) {
      repo.makeAllDue(iso());
      poke();
    }
  };

  /** Writes a decision; returns the document's new status. */
  const apply = (
    job: OutboxJobRow,
    documentId: string,
    from: Estado,
    decision: Decision,
    extra: Pick<Parameters<typeof repo.record>[0], 'autorizacion'> = {},
  ): Estado => {
    const at = iso();
    const change = {
      documentId,
      eventos: decision.eventos,
      at,
      source: 'sri' as const,
      mensajes: decision.mensajes,
      detalle: decision.detalle,
      ...extra,
    };
    const siguiente = decision.siguiente;
    switch (siguiente.kind) {
      case 'consultar':
        return repo.record(change, from, { kind: 'keep' });
      case 'fin': {
        const estado = repo.record(change, from, {
          kind: 'finish',
          id: job.id,
          status: 'done',
          lastError: null,
        });
        // REJECTED / MANUAL_REVIEW_REQUIRED stay visible in Conciliación and in the header
        // (`lastSriError`) until an operator re-queues or gives them up.
        return estado;
      }
      case 'sin_conexion': {
        const estado = repo.record(change, from, {
          kind: 'reschedule',
          id: job.id,
          attempts: job.attempts,
          nextAttemptAt: at,
          lastError: decision.detalle,
        });
        setOnline(false);
        return estado;
      }
      case 'reintentar': {
        const attempts = job.attempts + (siguiente.cuentaIntento ? 1 : 0);
        if (attempts >= options.maxAttempts) {
          const agotado: Evento[] = [...decision.eventos, 'agotado'];
          const agotadoDetalle = `Se agotaron los intentos de envío al SRI: ${decision.detalle ?? 'sin respuesta'}.`;
          return repo.record({ ...change, eventos: agotado, detalle: agotadoDetalle }, from, {
            kind: 'finish',
            id: job.id,
            status: 'dead',
            lastError: agotadoDetalle,
          });
        }
        return repo.record(change, from, {
          kind: 'reschedule',
          id: job.id,
          attempts,
          nextAttemptAt: iso(backoffDelayMs(attempts, siguiente.backoff, deps.random)),
          lastError: decision.detalle,
        });
      }
    }
  };

  const consultar = async (
    job: OutboxJobRow,
    documentId: string,
    claveAcceso: string,
    estado: Estado,
    tras45: boolean,
  ): Promise<Estado> => {
    const outcome = await deps.sri.autorizacionComprobante(claveAcceso);
    if (outcome.kind !== 'transitorio') setOnline(true);
    const decision = decidirAutorizacion(estado, outcome, tras45);
    return apply(
      job,
      documentId,
      estado,
      decision,
      outcome.kind === 'autorizado'
        ? {
            autorizacion: {
              numeroAutorizacion: outcome.numeroAutorizacion,
              fechaAutorizacion: outcome.fechaAutorizacion,
              authorizationXml: outcome.comprobante,
            },
          }
        : {},
    );
  };

  const processJob = async (job: OutboxJobRow): Promise<void> => {
    const doc = repo.document(job.documentId);
    if (doc === undefined) throw new Error(`Trabajo ${job.id} sin documento ${job.documentId}.`);
    const paso = pasoPara(doc.status);
    const before = doc.status;
    let estado: Estado = doc.status;
    switch (paso.kind) {
      case 'terminado':
        repo.record(
          {
            documentId: doc.id,
            eventos: [],
            at: iso(),
            source: 'local',
            mensajes: [],
            detalle: null,
          },
          estado,
          {
            kind: 'finish',
            id: job.id,
            status: 'done',
            lastError: null,
          },
        );
        break;
      case 'enviar': {
        // The intent is committed before the bytes leave (crash → query, never resend blindly).
        estado = repo.applyEvents(
          {
            documentId: doc.id,
            eventos: paso.antes,
            at: iso(),
            source: 'local',
            mensajes: [],
            detalle: null,
          },
          estado,
        );
        const outcome: RecepcionOutcome = await deps.sri.validarComprobante(doc.signedXml);
        if (outcome.kind !== 'transitorio') setOnline(true);
        const decision = decidirRecepcion(outcome);
        estado = apply(job, doc.id, estado, decision);
        if (decision.siguiente.kind === 'consultar') {
          estado = await consultar(
            job,
            doc.id,
            doc.claveAcceso,
            estado,
            decision.eventos.includes('devuelta_45'),
          );
        }
        break;
      }
      case 'consultar':
        if (paso.antes.length > 0) {
          estado = repo.applyEvents(
            {
              documentId: doc.id,
              eventos: paso.antes,
              at: iso(),
              source: 'local',
              mensajes: [],
              detalle: null,
            },
            estado,
          );
        }
        estado = await consultar(job, doc.id, doc.claveAcceso, estado, false);
        break;
    }
    if (estado !== before) {
      deps.notify({ kind: 'documento', documentoId: doc.id, estado, detalle: null });
    }
  };

  const runJob = (job: OutboxJobRow): void => {
    const task = processJob(job)
      .catch((error: unknown) => {
        // A bug or a concurrent writer: log, release the lease, and retry later with backoff.
        logger.error('Fallo procesando un documento de la cola', {
          jobId: job.id,
          documentId: job.documentId,
          error: error instanceof Error ? error.message : String(error),
        });
        try {
          repo.release(job.id);
        } catch {
          // The database itself failed; the lease expires on its own.
        }
      })
      .finally(() => {
        inFlight.delete(task);
        publishQueue();
        poke();
      });
    inFlight.add(task);
  };

  /** Claims due jobs up to the concurrency limit; returns how many were started. */
  const fill = (): number => {
    const free = options.concurrency - inFlight.size;
    if (free <= 0 || !online) return 0;
    const jobs = repo.claim(iso(), iso(options.leaseMs), free);
    for (const job of jobs) runJob(job);
    return jobs.length;
  };

  const probe = async (): Promise<void> => {
    const outcome = await deps.sri.probe();
    setOnline(outcome.online);
  };

  const step = async (): Promise<void> => {
    if (!online) {
      if (inFlight.size === 0) await probe();
      if (!online) await waitForPoke(options.probeIntervalMs);
      return;
    }
    fill();
    if (inFlight.size > 0) {
      await waitForPoke(options.idleMs);
      return;
    }
    const due = repo.earliestDue();
    const waitMs =
      due === null
        ? options.idleMs
        : Math.min(options.idleMs, new Date(due).getTime() - clock.now().getTime());
    if (waitMs > 0) await waitForPoke(waitMs);
  };

  const loop = async (): Promise<void> => {
    while (running) {
      try {
        await step();
      } catch (error) {
        // The database failed (disk, lock): keep the worker alive and try again shortly.
        logger.error('La cola del SRI no pudo leer la base de datos', {
          error: error instanceof Error ? error.message : String(error),
        });
        await waitForPoke(options.probeIntervalMs);
      }
    }
    await Promise.all(inFlight);
  };

  return {
    start: () => {
      if (running) return;
      running = true;
      repo.releaseAll();
      publishNow();
      // Learn connectivity before the first send, so the badge is right from the start; on the
      // next turn of the event loop, so that loading the HTTP client for the probe does not
      // delay the host's first answer.
      loopDone = new Promise<void>((turn) => setImmediate(turn))
        .then(() => (running ? probe() : undefined))
        .then(loop);
    },
    stop: async () => {
      running = false;
      poke();
      await loopDone;
      await Promise.all(inFlight);
      if (publishTimer !== null) clearTimeout(publishTimer);
      publishTimer = null;
    },
    wake: () => {
      publishQueue();
      poke();
    },
    connectivityRestored: () => {
      repo.makeAllDue(iso());
      if (online) poke();
      else void probe();
    },
    drain: async () => {
      repo.releaseAll();
      for (;;) {
        fill();
        if (inFlight.size === 0) return;
        await Promise.race(inFlight);
      }
    },
    isOnline: () => online,
    pendingCount: () => repo.pendingCount(),
    consultarAhora: (documentId) => {
      const doc = repo.document(documentId);
      if (doc === undefined) return err('documento_no_existe', 'El documento no existe.');
      if (pasoPara(doc.status).kind === 'terminado') {
        return err(
          'consulta_no_aplica',
          `El documento está en ${doc.status}: la cola ya no tiene nada que consultar por él.`,
        );
      }
      if (!repo.makeDue(documentId, iso())) {
        return err('consulta_no_aplica', 'El documento no tiene un envío pendiente en la cola.');
      }
      poke();
      return ok(doc.status);
    },
    requeue: (documentId, userId) => {
      const doc = repo.document(documentId);
      if (doc === undefined) return err('documento_no_existe', 'El documento no existe.');
      if (doc.status !== 'MANUAL_REVIEW_REQUIRED') {
        return err(
          'reintento_no_permitido',
          `Solo se reintenta un documento en revisión manual; este está en ${doc.status}.`,
        );
      }
      const at = iso();
      const estado = repo.requeue(
        {
          documentId,
          eventos: ['reintento_manual'],
          at,
          source: 'usuario',
          mensajes: [],
          detalle: 'Reintento manual',
          userId,
        },
        doc.status,
      );
      deps.notify({ kind: 'documento', documentoId: documentId, estado, detalle: null });
      publishQueue();
      poke();
      return ok(estado);
    },
  };
};
