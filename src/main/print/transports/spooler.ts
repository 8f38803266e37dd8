/**
 * PDF through the operating system's spooler. CUPS (Linux, macOS): `lp -d QUEUE file`.
 * Windows: SumatraPDF's documented silent printing (`-print-to "QUEUE" -silent
 * -print-settings … file`), the copy the `pdf-to-printer` package bundles — shipped with the
 * app, unpacked from the asar (docs/release.md §1), so the store installs nothing. An installed
 * SumatraPDF is the fallback; with none, it says so rather than pretending to print.
 */
import { type ExecFileException, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { err, ok, type Result } from '../../../shared/result';

export type SpoolerOptions = {
  platform?: NodeJS.Platform;
  /** CUPS `lp` command (tests point it to a fake). */
  lpCommand?: string;
  /** SumatraPDF.exe; default: the usual install folders. */
  sumatraPath?: string;
  /** Where SumatraPDF is looked for (Windows); the environment `lp` runs with (CUPS). */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** SumatraPDF's scaling: `noscale` keeps an 80 mm RIDE at its size on the roll. */
  escala?: 'noscale' | 'shrink' | 'fit';
  /** Runs the printing program (tests record the command instead). */
  run?: Runner;
};

export type Runner = (
  command: string,
  args: string[],
  timeoutMs: number,
  env?: NodeJS.ProcessEnv,
) => Promise<{ error: ExecFileException | null; stderr: string }>;

const runFile: Runner = (command, args, timeoutMs, env) =>
  new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, env }, (error, _stdout, stderr) => {
      resolve({ error, stderr: String(stderr).trim() });
    });
  });

const sumatraCandidates = (env: Record<string, string | undefined>): string[] =>
  [
    env.LOCALAPPDATA === undefined ? null : join(env.LOCALAPPDATA, 'SumatraPDF', 'SumatraPDF.exe'),
    env.ProgramFiles === undefined ? null : join(env.ProgramFiles, 'SumatraPDF', 'SumatraPDF.exe'),
    env['ProgramFiles(x86)'] === undefined
      ? null
      : join(env['ProgramFiles(x86)'], 'SumatraPDF', 'SumatraPDF.exe'),
  ].filter((p): p is string => p !== null);

/**
 * A path inside `app.asar` as the packaged app can execute it: from `app.asar.unpacked`
 * (`asarUnpack` in electron-builder.yml); any other path unchanged.
 * @example desempaquetado('C:\\Mostrador\\resources\\app.asar\\node_modules\\x.exe') // '…app.asar.unpacked…'
 */
export const desempaquetado = (path: string): string =>
  path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');

/** The SumatraPDF.exe `pdf-to-printer` bundles, or undefined when the package is absent. */
export const sumatraIncluido = (): string | undefined => {
  try {
    const paquete = createRequire(import.meta.url).resolve('pdf-to-printer/package.json');
    const dist = join(dirname(paquete), 'dist');
    const exe = readdirSync(dist).find((f) => /^SumatraPDF.*\.exe$/i.test(f));
    return exe === undefined ? undefined : desempaquetado(join(dist, exe));
  } catch {
    return undefined;
  }
};

/**
 * Prints a PDF on the named OS printer queue.
 * @example await printPdf(pdfBytes, 'EPSON_TM_T20III') // ok(undefined)
 */
export const printPdf = async (
  pdf: Uint8Array,
  queue: string,
  options: SpoolerOptions = {},
): Promise<Result<void>> => {
  if (queue.trim() === '' || queue.startsWith('-')) {
    return err('impresora_cola', `El nombre de la cola de impresión «${queue}» no es válido.`);
  }
  const platform = options.platform ?? process.platform;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const run = options.run ?? runFile;
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-ride-'));
  const file = join(dir, 'ride.pdf');
  try {
    writeFileSync(file, pdf);
    if (platform === 'win32') {
      const env = options.env ?? process.env;
      const sumatra =
        options.sumatraPath ??
        [sumatraIncluido(), ...sumatraCandidates(env)].find(
          (p): p is string => p !== undefined && existsSync(p),
        );
      if (sumatra === undefined) {
        return err(
          'spooler_no_disponible',
          'Para imprimir PDF en Windows instale SumatraPDF, o use una impresora térmica por red (ESC/POS).',
        );
      }
      // The arguments pdf-to-printer's print() gives the same program.
      const { error, stderr } = await run(
        sumatra,
        ['-print-to', queue, '-silent', '-print-settings', options.escala ?? 'shrink', file],
        timeoutMs,
      );
      return error === null
        ? ok(undefined)
        : err(
            'spooler_error',
            `Windows no pudo imprimir en «${queue}»: ${stderr || error.message}`,
          );
    }
    const lp = options.lpCommand ?? 'lp';
    const { error, stderr } = await run(lp, ['-d', queue, file], timeoutMs, options.env);
    if (error === null) return ok(undefined);
    if (error.code === 'ENOENT') {
      return err(
        'spooler_no_disponible',
        'No se encontró el comando «lp» (CUPS). Instale CUPS o use una impresora térmica por red.',
      );
    }
    return err('spooler_error', `CUPS no pudo imprimir en «${queue}»: ${stderr || error.message}`);
  } finally {
    // lp copies the file into the spool before returning, so it can go now.
    rmSync(dir, { recursive: true, force: true });
  }
};
