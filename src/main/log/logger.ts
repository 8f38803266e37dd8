/** Injected everywhere instead of `console`. Never pass secrets (p12, passwords, API keys). */
export type Logger = {
  debug: (message: string, data?: Record<string, unknown>) => void;
  info: (message: string, data?: Record<string, unknown>) => void;
  warn: (message: string, data?: Record<string, unknown>) => void;
  error: (message: string, data?: Record<string, unknown>) => void;
};

export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

/** A logger that drops everything; for tests that do not assert on logs. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** Keeps every entry in memory; tests assert on what was (and was not) logged. */
export const createMemoryLogger = (): Logger & {
  entries: { level: string; message: string; data?: Record<string, unknown> }[];
} => {
  const entries: { level: string; message: string; data?: Record<string, unknown> }[] = [];
  const at =
    (level: string) =>
    (message: string, data?: Record<string, unknown>): void => {
      entries.push(data === undefined ? { level, message } : { level, message, data });
    };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
};
