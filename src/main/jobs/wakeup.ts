/**
 * A sleep that a wake-up cuts short. A wake-up that arrives while nobody sleeps is kept, so the
 * next sleep returns at once: a job enqueued between "nothing due" and "sleep" is never missed.
 */
export type Wakeup = {
  /** Ends the current sleep now (or the next one, if nobody sleeps). */
  poke: () => void;
  /** Sleeps up to `ms`; resolves early on a poke. */
  sleep: (ms: number) => Promise<void>;
};

export const createWakeup = (): Wakeup => {
  let kept = false;
  let signal: (() => void) | null = null;
  return {
    poke: () => {
      const resolve = signal;
      signal = null;
      if (resolve === null) kept = true;
      else resolve();
    },
    sleep: (ms) =>
      new Promise((resolve) => {
        if (kept) {
          kept = false;
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
      }),
  };
};
