/**
 * A rotating file logger for the browser host and the CLI (Electron uses electron-log with the
 * same limits): JSON lines in `<dataDir>/logs/mostrador.log`, 5 files of 1 MB, every entry
 * redacted before it is written. Writes are synchronous so the last lines before a crash are
 * on disk.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
} from 'node:fs';
import path from 'node:path';
import type { Clock, Logger } from '../log';
import { redactar, redactarTexto } from './redact';

export const LOG_FILE = 'mostrador.log';

export type FileLoggerOptions = {
  dir: string;
  clock: Clock;
  maxBytes?: number;
  /** Files kept in total, the current one included. */
  files?: number;
  minLevel?: 'debug' | 'info' | 'warn' | 'error';
};

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/**
 * `mostrador.log` → `mostrador.1.log` → … → `mostrador.<files-1>.log`, the oldest dropped.
 * Shared with electron-log's `archiveLogFn`, so both shells keep the same files.
 */
export const rotateLogFiles = (dir: string, files: number): void => {
  const name = (n: number) => path.join(dir, n === 0 ? LOG_FILE : `mostrador.${n}.log`);
  rmSync(name(files - 1), { force: true });
  for (let n = files - 2; n >= 0; n--) {
    if (existsSync(name(n))) renameSync(name(n), name(n + 1));
  }
};

/**
 * @example const logger = createFileLogger({ dir: path.join(dataDir, 'logs'), clock: systemClock })
 */
export const createFileLogger = (options: FileLoggerOptions): Logger => {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const files = options.files ?? 5;
  const min = LEVELS.indexOf(options.minLevel ?? 'info');
  const file = path.join(options.dir, LOG_FILE);
  let size: number | null = null;
  /** Entries dropped since the last write that worked (a full disk): told when writing resumes. */
  let perdidas = 0;

  const write = (
    level: (typeof LEVELS)[number],
    message: string,
    data?: Record<string, unknown>,
  ) => {
    if (LEVELS.indexOf(level) < min) return;
    const entry = `${JSON.stringify({
      t: options.clock.now().toISOString(),
      nivel: level,
      mensaje: redactarTexto(message),
      ...(data === undefined ? {} : { datos: redactar(data) }),
    })}\n`;
    const line =
      perdidas === 0
        ? entry
        : `${JSON.stringify({
            t: options.clock.now().toISOString(),
            nivel: 'warn',
            mensaje: `Se perdieron ${perdidas} entradas del registro por falta de espacio en el disco`,
          })}\n${entry}`;
    try {
      if (size === null) {
        mkdirSync(options.dir, { recursive: true });
        size = existsSync(file) ? statSync(file).size : 0;
      }
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) {
        rotateLogFiles(options.dir, files);
        size = 0;
      }
      appendFileSync(file, line);
      size += Buffer.byteLength(line);
      perdidas = 0;
    } catch {
      // A full disk or a removed folder must not take the counter down with it. A write cut
      // short leaves half a line: cut it back off, count the entry, and try again next time.
      perdidas += 1;
      try {
        if (size !== null && existsSync(file) && statSync(file).size > size)
          truncateSync(file, size);
      } catch {
        size = null;
      }
    }
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
};

/**
 * Sends every entry to each logger (stderr and file, for the host). A sink that throws (stderr
 * redirected to a file on a full disk) is skipped: logging must never fail the request or the
 * sale that logs.
 */
export const teeLogger = (...loggers: Logger[]): Logger => {
  const each =
    (level: keyof Logger) =>
    (message: string, data?: Record<string, unknown>): void => {
      for (const l of loggers) {
        try {
          l[level](message, data);
        } catch {
          // That sink is broken for now; the others still get the entry.
        }
      }
    };
  return { debug: each('debug'), info: each('info'), warn: each('warn'), error: each('error') };
};
