import path from 'node:path';
import log from 'electron-log/main';
import { LOG_FILE, redactar, redactarTexto, rotateLogFiles } from '../diagnostico';
import type { Logger } from '../log';

/** Same limits as the browser host's file logger: 5 files of 1 MB. */
const MAX_BYTES = 1024 * 1024;
const FILES = 5;

/**
 * The injected `Logger` backed by electron-log: `<logsDir>/mostrador.log`, rotated like the
 * host's file logger (where «Exportar diagnóstico» reads), every entry redacted first.
 */
export const createElectronLogger = (options: { logsDir?: string } = {}): Logger => {
  const { logsDir } = options;
  if (logsDir !== undefined) {
    log.transports.file.resolvePathFn = () => path.join(logsDir, LOG_FILE);
    log.transports.file.maxSize = MAX_BYTES;
    // electron-log would keep one `.old.log`; keep four numbered ones instead.
    log.transports.file.archiveLogFn = () => rotateLogFiles(logsDir, FILES);
  }
  const at =
    (write: (...params: unknown[]) => void) =>
    (message: string, data?: Record<string, unknown>): void => {
      if (data === undefined) write(redactarTexto(message));
      else write(redactarTexto(message), redactar(data));
    };
  return {
    debug: at(log.debug),
    info: at(log.info),
    warn: at(log.warn),
    error: at(log.error),
  };
};
