/**
 * The sync worker (docs/architecture.md §5, §9): its own loop, off the hot path, never blocking a sale.
 * Pushes each `sync` outbox job — POST /documents with `idempotency_key` = our document id,
 * then PATCH /documents/{id}/status for later SRI outcomes — under a lease, and pulls the
 * catalogue, buyers and store data on start, every few minutes and on demand.
 *
 * Never twice: Factio's id is stored the moment it is known, so a document is POSTed until the
 * first answer and PATCHed after; an answer lost to a crash or a timeout is recovered by
 * re-POSTing with the same key, whose 409 is confirmed with GET /documents?idempotency_key=.
 * A 401 pauses everything until a new key is saved; a 429 stops all requests until
 * `Retry-After`; 5xx and timeouts back off per document; no network probes until it returns.
 */

import type { EstadoSync } from '../../shared/contract/sync';
import { assertNever } from '../../shared/result';
import type { Database, IdGenerator } from '../db';
import type { Clock, Logger } from '../log';
import { backoffDelayMs, RETRY_BACKOFF } from '../outbox/backoff';
import type { FactioClient, FactioError } from './client';
import { type PullReport, pullTodo } from './pull';
import { createDocumentReader } from './push';
import { createSyncRepo, type SyncJobRow } from './repo';

export type SyncOptions = {
  concurrency: number;
  leaseMs: number;
  probeIntervalMs: number;
  idleMs: number;
  /** How often the catalogue is pulled while running. */
  pullIntervalMs: number;
  pageSize: number;
  /** A 429 without Retry-After waits this long. */
  defaultRetryAfterMs: number;
  /** A document whose store data Factio does not know yet waits this long for the next pull. */
  missingReferenceDelayMs: number;
};

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  concurrency: 4,
  leaseMs: 120_000,
  probeIntervalMs: 10_000,
  idleMs: 30_000,
  pullIntervalMs: 5 * 60_000,
  pageSize: 200,
  defaultRetryAfterMs: 5_000,
  missingReferenceDelayMs: 30_000,
};

export type SyncWorkerDeps = {
  db: Database;
  client: FactioClient;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  random: () => number;
  /** Something the Ajustes screen shows changed (state, pending count, pull progress). */
  onChange: () => void;
  options?: Partial<SyncOptions>;
};

export type SyncWorkerStatus = {
  estado: EstadoSync;
  mensaje: string | null;
  sincronizando: boolean;
};

export type SyncWorker = {
  start: () => void;
  stop: () => Promise<void>;
  /** New work (a sale, a status change): look now. */
  wake: () => void;
  /** The key or environment changed: leave any pause and make everything due. */
  resume: () => void;
  /** Pull the catalogue now (Ajustes «Sincronizar ahora»). */
  requestPull: () => void;
  status: () => SyncWorkerStatus;
  pendingCount: () => number;
  /** Resolves when the pull running now (if any) ends; for tests. */
  pulling: () => Promise<PullReport[] | null>;
};

export const createSyncWorker = (deps: SyncWorkerDeps): SyncWorker => {
  const options = { ...DEFAULT_SYNC_OPTIONS, ...deps.options };
  const { clock, logger, client } = deps;
  const repo = createSyncRepo(deps.db.sqlite);
  const leer = createDocumentReader(deps.db.sqlite);
  const nowMs = (): number => clock.now().getTime();
  const iso = (offsetMs = 0): string => new Date(nowMs() + offsetMs).toISOString();

  let estado: EstadoSync = 'activa';
  let mensaje: string | null = null;
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  let waitUntil = 0;
  let nextPullAt = 0;
  let pullRequested = false;
  let pullFailures = 0;
  let pull: Promise<PullReport[] | null> | null = null;
  /**
   * Bumped when the key or environment changes: an answer to a request sent before that says
   * nothing about the new key (e.g. a «no key» failure racing the key being saved).
   */
  let generation = 0;

  // A poke that arrives while nobody waits is kept, so a wake-up is never lost.
  let pendingPoke = false;
  let signal: (() => void) | null = null;
  const poke = (): void => {
    const resolve = signal;
    signal = null;
    if (resolve === null) pendingPoke = true;
    else resolve();
  };
  const waitForPoke = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (pendingPoke) {
        pendingPoke = false;
        resolve();
        return;
      }
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

  const setEstado = (next: EstadoSync, text: string | null): void => {
    if (estado === next && mensaje === text) return;
    if (estado !== next) logger.info('Sincronización con Factio', { estado: next });
    estado = next;
    mensaje = text;
    deps.onChange();
  };

  /** What a failure means for the whole worker (not just one document). */
  const global = (e: FactioError): boolean => {
    switch (e.code) {
      case 'clave_invalida':
        setEstado('pausada', e.message);
        return true;
      case 'sin_clave':
        setEstado('sin_clave', null);
        return true;
      case 'limite':
        waitUntil = Math.max(waitUntil, nowMs() + (e.retryAfterMs ?? options.defaultRetryAfterMs));
        setEstado('esperando', e.message);
        return true;
      case 'sin_conexion':
        setEstado('sin_conexion', e.message);
        return true;
      case 'tiempo_agotado':
      case 'servidor':
      case 'respuesta_invalida':
      case 'rechazado':
      case 'no_encontrado':
      case 'duplicado':
        return false;
      default:
        return assertNever(e.code);
    }
  };

  const failIn = (job: SyncJobRow, e: FactioError, sentIn: number): void => {
    if (sentIn !== generation) {
      repo.reschedule(job.id, job.attempts, iso(), null);
      return;
    }
    if (global(e)) {
      // Not the document's fault: keep it as it was, due when the worker can send again.
      if (e.code === 'limite')
        repo.reschedule(job.id, job.attempts, new Date(waitUntil).toISOString(), e.message);
      else repo.reschedule(job.id, job.attempts, iso(), e.message);
      return;
    }
    if (e.code === 'rechazado' || e.code === 'no_encontrado') {
      logger.warn('Factio rechazó un documento', { documentId: job.documentId, status: e.status });
      repo.giveUp(job.id, iso(), e.message);
      return;
    }
    const attempts = job.attempts + 1;
    const delay = Math.max(
      backoffDelayMs(attempts, RETRY_BACKOFF, deps.random),
      e.retryAfterMs ?? 0,
    );
    repo.reschedule(job.id, attempts, iso(delay), e.message);
  };

  const processJob = async (job: SyncJobRow): Promise<void> => {
    const sentIn = generation;
    const fail = (j: SyncJobRow, e: FactioError): void => failIn(j, e, sentIn);
    const leido = leer(job.documentId);
    if (!leido.ok) {
      repo.giveUp(job.id, iso(), leido.error.message);
      return;
    }
    const doc = leido.value;
    let remoteId = doc.remoteId;
    let enFactio: string | null = null;
    if (remoteId === null) {
      if (doc.cuerpo === null) {
        pullRequested = true;
        repo.reschedule(
          job.id,
          job.attempts,
          iso(options.missingReferenceDelayMs),
          doc.faltaReferencia,
        );
        return;
      }
      const creado = await client.crearDocumento(doc.cuerpo);
      if (creado.ok) {
        remoteId = creado.value.document_id;
        enFactio = creado.value.status;
      } else if (creado.error.code === 'duplicado') {
        // Sent before and the answer was lost: confirm it is there and learn its id.
        const encontrado = await client.buscarDocumento(doc.id);
        if (!encontrado.ok) return fail(job, encontrado.error);
        if (encontrado.value !== null) {
          remoteId = encontrado.value.id;
          enFactio = encontrado.value.status;
        } else if (creado.error.remoteId !== null) {
          remoteId = creado.error.remoteId;
        } else {
          return fail(job, {
            ...creado.error,
            code: 'servidor',
            message: 'Factio dice tener el documento pero no lo devuelve; se reintentará.',
          });
        }
        logger.info('Factio ya tenía el documento; confirmado', { documentId: doc.id });
      } else {
        return fail(job, creado.error);
      }
      repo.setRemoteId(doc.id, remoteId);
    }
    let enviado = enFactio;
    if (enFactio !== doc.status) {
      const actualizado = await client.actualizarEstado(remoteId, doc.estado);
      if (!actualizado.ok) return fail(job, actualizado.error);
      enviado = doc.estado.status;
    }
    if (repo.acknowledge(job.id, doc.id, enviado ?? doc.status, iso()) === 'done') {
      deps.onChange();
    }
  };

  const startPull = (): void => {
    if (pull !== null) return;
    pullRequested = false;
    const sentIn = generation;
    deps.onChange();
    pull = pullTodo({
      db: deps.db,
      repo,
      client,
      clock,
      ids: deps.ids,
      logger,
      pageSize: options.pageSize,
    })
      .then((r) => {
        if (r.ok) {
          pullFailures = 0;
          nextPullAt = nowMs() + options.pullIntervalMs;
          if (estado === 'sin_conexion') setEstado('activa', null);
          // Documents that waited for the store's remote ids can go now.
          repo.makeAllDue(iso());
          return r.value;
        }
        if (sentIn !== generation) {
          nextPullAt = 0;
          return null;
        }
        if (!global(r.error)) {
          pullFailures += 1;
          nextPullAt = nowMs() + backoffDelayMs(pullFailures, RETRY_BACKOFF, deps.random);
        }
        return null;
      })
      .catch((error: unknown) => {
        logger.error('Fallo trayendo datos de Factio', {
          error: error instanceof Error ? error.message : String(error),
        });
        pullFailures += 1;
        nextPullAt = nowMs() + backoffDelayMs(pullFailures, RETRY_BACKOFF, deps.random);
        return null;
      })
      .finally(() => {
        pull = null;
        deps.onChange();
        poke();
      });
  };

  const runJobs = async (jobs: SyncJobRow[]): Promise<void> => {
    await Promise.all(
      jobs.map((job) =>
        processJob(job).catch((error: unknown) => {
          logger.error('Fallo enviando un documento a Factio', {
            jobId: job.id,
            documentId: job.documentId,
            error: error instanceof Error ? error.message : String(error),
          });
          try {
            repo.reschedule(
              job.id,
              job.attempts + 1,
              iso(backoffDelayMs(job.attempts + 1, RETRY_BACKOFF, deps.random)),
              'Error interno al preparar el envío a Factio.',
            );
          } catch {
            // The database itself failed; the lease expires on its own.
          }
        }),
      ),
    );
    deps.onChange();
  };

  const loop = async (): Promise<void> => {
    while (running) {
      if (estado === 'sin_clave' || estado === 'pausada') {
        await waitForPoke(options.idleMs);
        continue;
      }
      if (waitUntil > nowMs()) {
        await waitForPoke(waitUntil - nowMs());
        continue;
      }
      if (estado === 'esperando') setEstado('activa', null);
      if (estado === 'sin_conexion') {
        const probe = await client.probar();
        if (probe.ok) {
          setEstado('activa', null);
          repo.makeAllDue(iso());
        } else if (!global(probe.error)) {
          setEstado('activa', null);
        }
        if (estado === 'sin_conexion') await waitForPoke(options.probeIntervalMs);
        continue;
      }
      repo.rearmChanged(iso());
      if (pull === null && (pullRequested || nowMs() >= nextPullAt)) startPull();
      const jobs = repo.claim(iso(), iso(options.leaseMs), options.concurrency);
      if (jobs.length > 0) {
        await runJobs(jobs);
        continue;
      }
      const due = repo.earliestDue();
      const untilDue = due === null ? options.idleMs : new Date(due).getTime() - nowMs();
      const untilPull = pull === null ? nextPullAt - nowMs() : options.idleMs;
      const wait = Math.min(options.idleMs, untilDue, untilPull);
      if (wait > 0) await waitForPoke(wait);
    }
  };

  return {
    start: () => {
      if (running) return;
      running = true;
      repo.releaseAll();
      // On the next turn of the event loop: the first pass reads the key from the OS keychain,
      // which the host's first answer need not wait for.
      loopDone = new Promise<void>((turn) => setImmediate(turn)).then(loop);
    },
    stop: async () => {
      running = false;
      poke();
      await loopDone;
      await pull;
    },
    wake: poke,
    resume: () => {
      generation += 1;
      waitUntil = 0;
      nextPullAt = 0;
      setEstado('activa', null);
      repo.makeAllDue(iso());
      poke();
    },
    requestPull: () => {
      pullRequested = true;
      poke();
    },
    status: () => ({ estado, mensaje, sincronizando: pull !== null }),
    pendingCount: () => repo.pendingCount(),
    pulling: () => pull ?? Promise.resolve(null),
  };
};
