import type { Clock, Logger } from '../log';

/** What a CLI command may touch; injected so commands are testable in-process. */
export type CliIo = {
  stdout: (chunk: string | Uint8Array) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Resolves when the command should stop (SIGINT/SIGTERM) — long-running commands await it. */
  stopped: Promise<void>;
  /** The machine's clock unless a test fixes the day (the SRI's date window depends on it). */
  clock?: Clock;
};

/** Exit codes of docs/architecture.md §11. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

export type CliCommand = {
  usage: string;
  run: (args: string[], io: CliIo) => Promise<number>;
};

/** Thrown by argument parsing helpers; `main` turns it into exit 2 with the message. */
export class BadInput extends Error {}

/**
 * Minimal flag parser: `--name value`, `--flag`, positional arguments.
 * @example parseArgs(['a.json', '--out-dir', 'x'], ['out-dir'], []) // { positional: ['a.json'], flags: { 'out-dir': 'x' } }
 */
export const parseArgs = (
  args: string[],
  valueFlags: readonly string[],
  booleanFlags: readonly string[],
): { positional: string[]; flags: Record<string, string | true> } => {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (valueFlags.includes(name)) {
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') {
        throw new BadInput(`Falta el valor de --${name}.`);
      }
      flags[name] = value;
    } else if (booleanFlags.includes(name)) {
      flags[name] = true;
    } else {
      throw new BadInput(`Opción desconocida: --${name}.`);
    }
  }
  return { positional, flags };
};

const levels = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof levels)[number];

/**
 * Log lines on stderr (stdout carries only what a script reads, e.g. a URL), from the level in
 * MOSTRADOR_LOG up (info by default).
 */
export const stderrLogger = (io: CliIo): Logger => {
  const wanted = io.env.MOSTRADOR_LOG;
  const min = levels.indexOf(levels.find((level) => level === wanted) ?? 'info');
  const at =
    (level: Level) =>
    (message: string, data?: Record<string, unknown>): void => {
      if (levels.indexOf(level) < min) return;
      io.stderr(`[${level}] ${message}${data === undefined ? '' : ` ${JSON.stringify(data)}`}`);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
};

/** `--port`: 0 (any free port) when absent. @example parsePort('8080') // 8080 */
export const parsePort = (value: string | true | undefined): number => {
  if (value === undefined) return 0;
  const port = Number(value);
  if (typeof value !== 'string' || !/^\d+$/u.test(value) || port > 65_535) {
    throw new BadInput(`--port debe ser un número entre 0 y 65535 (recibido: ${String(value)}).`);
  }
  return port;
};
