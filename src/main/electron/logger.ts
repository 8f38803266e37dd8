import log from 'electron-log/main';
import type { Logger } from '../log';

/** The injected `Logger` backed by electron-log (a rotating file in userData/logs). */
export const createElectronLogger = (): Logger => {
  const at =
    (write: (...params: unknown[]) => void) =>
    (message: string, data?: Record<string, unknown>): void => {
      if (data === undefined) write(message);
      else write(message, data);
    };
  return {
    debug: at(log.debug),
    info: at(log.info),
    warn: at(log.warn),
    error: at(log.error),
  };
};
