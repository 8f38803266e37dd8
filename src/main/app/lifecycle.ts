/**
 * The app's lifecycle as one list: what wiring opened (the database, the SRI simulator) and the
 * services started only once everything is wired (workers, timers). Services stop in reverse
 * order, then what was opened closes, last first — and a wiring step that fails closes what
 * the steps before it opened, so a failed start leaves no handle, port or timer behind.
 */
import type { Logger } from '../log';

export type Lifecycle = {
  /** Something wiring opened: closed when the app closes or wiring fails, last first. */
  opened: (name: string, close: () => Promise<void> | void) => void;
  /** Started by `start`, after wiring; stopped first on close, in reverse. */
  service: (name: string, start: () => void, stop: () => Promise<void> | void) => void;
  /** Starts every service in order; if one throws, stops those already started and rethrows. */
  start: () => Promise<void>;
  /** Stops the started services, then closes what was opened. Safe to call twice. */
  close: () => Promise<void>;
};

type Step = { name: string; close: () => Promise<void> | void };

export const createLifecycle = (logger: Logger): Lifecycle => {
  const opened: Step[] = [];
  const services: { name: string; start: () => void; stop: () => Promise<void> | void }[] = [];
  const started: Step[] = [];
  let closing: Promise<void> | null = null;

  const unwind = async (steps: Step[]): Promise<void> => {
    for (const step of steps.splice(0).reverse()) {
      try {
        await step.close();
      } catch (error) {
        // Keep closing the rest: one stuck service must not leave the database open.
        logger.error('Fallo al cerrar', {
          paso: step.name,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  };

  const close = (): Promise<void> => {
    closing ??= (async () => {
      await unwind(started);
      await unwind(opened);
    })();
    return closing;
  };

  return {
    opened: (name, closeFn) => {
      opened.push({ name, close: closeFn });
    },
    service: (name, start, stop) => {
      services.push({ name, start, stop });
    },
    start: async () => {
      for (const service of services) {
        try {
          service.start();
        } catch (error) {
          await unwind(started);
          throw error;
        }
        started.push({ name: service.name, close: service.stop });
      }
    },
    close,
  };
};
