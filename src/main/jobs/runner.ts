/**
 * One job runner for every kind of background work (docs/architecture.md §5, §13): the SRI path of a
 * document, the mirror to the hosted API, printing — and the next kinds (buyer e-mail).
 *
 * Each registered kind gets a lane: a loop that claims due jobs under a lease from the kind's
 * store, runs up to `concurrency` of them through `process`, and sleeps until the earliest job
 * is due or something wakes it (a new job, connectivity back, an operator). A failing job never
 * blocks the others; a lane never blocks another lane. `stop` waits for the work in flight.
 *
 * A kind supplies only what is its own: how to process one job, what a thrown error (an
 * unknown outcome) means for that job, and — optionally — when the lane must hold (offline,
 * paused, rate-limited). Backoff and retry caps are the kind's decision, written through its
 * store, because each kind's failures mean different things (see `backoff.ts`).
 */
import type { Clock, Logger } from '../log';
import { createWakeup } from './wakeup';

/** Where a kind's jobs live: the `outbox_job` table, or a table of its own (`print_job`). */
export type JobStore<J> = {
  /** Claims up to `limit` jobs due at `now`, leased until `leaseUntil`, oldest first. */
  claim: (now: string, leaseUntil: string, limit: number) => J[];
  /** When the next pending job is due (null: none pending). */
  earliestDue: () => string | null;
  /** Voids leases left by a process that died (start, and drain while stopped; see `table.ts`). */
  releaseStale: () => void;
};

export type JobKind<J> = {
  name: string;
  store: JobStore<J>;
  process: (job: J) => Promise<void>;
  /**
   * `process` threw: whether the job's work happened is unknown. The kind decides (the SRI asks
   * autorización before it would resend; sync re-POSTs with the same idempotency key; a print
   * job waits and retries).
   */
  onUnknownOutcome: (job: J, error: unknown) => void;
  /** Jobs in flight at once (1: strictly one after another). */
  concurrency: number;
  leaseMs: number;
  /** Longest sleep when nothing is due. */
  idleMs: number;
  /** How long the lane waits after its own loop failed (the database could not be read). */
  errorDelayMs: number;
  /**
   * Asked before each claim: null to go on, or how long to wait first (a wake cuts it short).
   * Receives the jobs in flight, so a probe runs only when nothing else is talking.
   */
  hold?: (inFlight: number) => Promise<number | null> | number | null;
  /** False stops new claims (drain included), e.g. while the SRI is unreachable. */
  canClaim?: () => boolean;
  /** Runs each turn before claiming (re-arm jobs, start a periodic pull). */
  beforeClaim?: () => void;
  /** Caps the idle sleep (a periodic pull that is not a job). */
  nextTimerMs?: () => number;
  /** After each job, whatever its outcome (publish counts). */
  afterJob?: () => void;
  /** Awaited once before the lane's first turn (learn connectivity). */
  beforeStart?: () => Promise<void>;
};

export type Lane = {
  name: string;
  start: () => void;
  /** Stops claiming and waits for the jobs in flight. */
  stop: () => Promise<void>;
  /** Look for due work now. */
  wake: () => void;
  /** Processes until nothing is due; resolves with how many jobs ran (tests, CLI, benchmarks). */
  drain: () => Promise<number>;
  inFlight: () => number;
  isRunning: () => boolean;
};

export type JobRunnerDeps = { clock: Clock; logger: Logger };

export type JobRunner = {
  /** Adds a kind; its lane starts with `start` (or on its own `lane.start()`). */
  register: <J>(kind: JobKind<J>) => Lane;
  lane: (name: string) => Lane | undefined;
  start: () => void;
  /** Stops every lane, the last registered first, waiting for their work in flight. */
  stop: () => Promise<void>;
  /** Wakes one lane, or all. */
  wake: (name?: string) => void;
};

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

const createLane = <J>(kind: JobKind<J>, deps: JobRunnerDeps): Lane => {
  const { clock, logger } = deps;
  const iso = (offsetMs = 0): string => new Date(clock.now().getTime() + offsetMs).toISOString();
  const wakeup = createWakeup();
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();

  const run = (job: J): Promise<void> => {
    const task = kind
      .process(job)
      .catch((error: unknown) => {
        logger.error('Fallo procesando un trabajo', { kind: kind.name, error: message(error) });
        try {
          kind.onUnknownOutcome(job, error);
        } catch {
          // The database itself failed; the lease expires on its own.
        }
      })
      .finally(() => {
        inFlight.delete(task);
        kind.afterJob?.();
        wakeup.poke();
      });
    inFlight.add(task);
    return task;
  };

  /** Claims due jobs up to the concurrency limit; returns how many were started. */
  const fill = (): number => {
    const free = kind.concurrency - inFlight.size;
    if (free <= 0 || kind.canClaim?.() === false) return 0;
    const jobs = kind.store.claim(iso(), iso(kind.leaseMs), free);
    for (const job of jobs) run(job);
    return jobs.length;
  };

  const turn = async (): Promise<void> => {
    const hold = await kind.hold?.(inFlight.size);
    if (hold !== undefined && hold !== null) {
      if (hold > 0) await wakeup.sleep(hold);
      return;
    }
    kind.beforeClaim?.();
    fill();
    if (inFlight.size > 0) {
      // A finishing job pokes: claim the next at once.
      await wakeup.sleep(kind.idleMs);
      return;
    }
    const due = kind.store.earliestDue();
    const untilDue = due === null ? kind.idleMs : new Date(due).getTime() - clock.now().getTime();
    const wait = Math.min(kind.idleMs, untilDue, kind.nextTimerMs?.() ?? kind.idleMs);
    if (wait > 0) await wakeup.sleep(wait);
  };

  const loop = async (): Promise<void> => {
    while (running) {
      try {
        await turn();
      } catch (error) {
        // The database failed (disk, lock): keep the lane alive and try again shortly.
        logger.error('La cola no pudo leer la base de datos', {
          kind: kind.name,
          error: message(error),
        });
        await wakeup.sleep(kind.errorDelayMs);
      }
    }
    await Promise.all(inFlight);
  };

  return {
    name: kind.name,
    start: () => {
      if (running) return;
      running = true;
      kind.store.releaseStale();
      // The first turn waits for the next turn of the event loop: whatever it loads or reads (the
      // HTTP client for the SRI probe, the keychain for Factio) must not delay the host's first
      // answer, which is being set up in this same turn.
      const turno = new Promise<void>((resolve) => setImmediate(resolve));
      loopDone = turno
        .then(() => (running ? kind.beforeStart?.() : undefined))
        .then(loop, (error: unknown) => {
          logger.error('La cola no pudo arrancar', { kind: kind.name, error: message(error) });
          return loop();
        });
    },
    stop: async () => {
      running = false;
      wakeup.poke();
      await loopDone;
      await Promise.all(inFlight);
    },
    wake: wakeup.poke,
    drain: async () => {
      // A running lane's leases are live: only a stopped lane may void them (crash leftovers).
      if (!running) kind.store.releaseStale();
      let ran = 0;
      for (;;) {
        ran += fill();
        if (inFlight.size === 0) return ran;
        await Promise.race(inFlight);
      }
    },
    inFlight: () => inFlight.size,
    isRunning: () => running,
  };
};

/**
 * @example
 * const runner = createJobRunner({ clock, logger });
 * runner.register({ name: 'sri', store, process, onUnknownOutcome, ... });
 * runner.start(); … await runner.stop();
 */
export const createJobRunner = (deps: JobRunnerDeps): JobRunner => {
  const lanes: Lane[] = [];
  return {
    register: (kind) => {
      if (lanes.some((l) => l.name === kind.name)) {
        throw new Error(`La clase de trabajo ${kind.name} ya está registrada.`);
      }
      const lane = createLane(kind, deps);
      lanes.push(lane);
      return lane;
    },
    lane: (name) => lanes.find((l) => l.name === name),
    start: () => {
      for (const lane of lanes) lane.start();
    },
    stop: async () => {
      for (const lane of [...lanes].reverse()) await lane.stop();
    },
    wake: (name) => {
      for (const lane of lanes) if (name === undefined || lane.name === name) lane.wake();
    },
  };
};
