/**
 * `mostrador serve` in its own process with a test renderer folder, for the tests that need two
 * real processes on one data folder: argv[2] is the renderer folder, the rest are serve's
 * arguments. Exits with serve's exit code; SIGTERM stops it cleanly.
 */
import { createServeCommand } from '../../src/main/cli/serve';

const [staticDir, ...args] = process.argv.slice(2);
if (staticDir === undefined) throw new Error('uso: serveChild.ts CARPETA_RENDERER [argumentos]');
const stopped = new Promise<void>((resolve) => {
  process.once('SIGTERM', () => resolve());
  process.once('SIGINT', () => resolve());
});
process.exitCode = await createServeCommand({ staticDir }).run(args, {
  stdout: (chunk) => {
    process.stdout.write(chunk);
  },
  stderr: (text) => {
    process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  },
  env: { ...process.env, MOSTRADOR_LOG: 'warn' },
  cwd: process.cwd(),
  stopped,
});
