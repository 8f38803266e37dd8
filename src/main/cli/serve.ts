import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { arrancar } from '../app/arranque';
import { parseSmtpUrl, type SmtpConfig } from '../correo';
import { createFileLogger, teeLogger } from '../diagnostico';
import { createHost } from '../host';
import { systemClock } from '../log';
import { logsDirOf } from '../mantenimiento';
import { bloquearCarpeta } from '../recuperacion/bloqueo';
import { findShipped } from '../recursos';
import {
  BadInput,
  type CliCommand,
  type CliIo,
  EXIT_BAD_INPUT,
  EXIT_OK,
  parseArgs,
  parsePort,
  stderrLogger,
} from './io';

const usage = 'Uso: mostrador serve [--data-dir CARPETA] [--port N] [--demo]';

/**
 * The built renderer (`npm run build:renderer`): `out/renderer` in the first ancestor of this
 * module that has it, so it is found from `src/main/cli` (tsx) and from the built `out/cli`.
 * Not built yet: where the build puts it, beside the repository's `migrations/`.
 */
const rendererDir = (): string => {
  const here = import.meta.dirname;
  const built = findShipped(join('out', 'renderer'), 'index.html', here);
  if (built !== null) return built;
  const migrations = findShipped('migrations', join('meta', '_journal.json'), here);
  return join(migrations === null ? process.cwd() : dirname(migrations), 'out', 'renderer');
};

/**
 * The per-user data folder: `%APPDATA%\Mostrador` on Windows, `~/Library/Application
 * Support/Mostrador` on macOS, `$XDG_DATA_HOME/mostrador` (default `~/.local/share/mostrador`)
 * elsewhere.
 * @example defaultDataDir({}, 'linux', '/home/ana') // '/home/ana/.local/share/mostrador'
 */
export const defaultDataDir = (
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
  home: string,
): string => {
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Mostrador');
  }
  if (platform === 'darwin') {
    return join(home, 'Library', 'Application Support', 'Mostrador');
  }
  const xdg = env.XDG_DATA_HOME;
  // XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
  return join(xdg?.startsWith('/') === true ? xdg : join(home, '.local', 'share'), 'mostrador');
};

/** `mostrador serve`, with the renderer folder injectable for tests. */
export const createServeCommand = (deps: { staticDir: string }): CliCommand => ({
  usage,
  run: async (args, io) => {
    const { positional, flags } = parseArgs(args, ['data-dir', 'port'], ['demo']);
    if (positional.length > 0) {
      throw new BadInput(`Argumento inesperado: «${positional[0]}».`);
    }
    const port = parsePort(flags.port);
    const dataDirFlag = flags['data-dir'];
    const dataDir =
      typeof dataDirFlag === 'string'
        ? resolve(io.cwd, dataDirFlag)
        : defaultDataDir(io.env, process.platform, homedir());
    const demo = flags.demo === true;
    // The buyer's e-mails (issue 19): a training room's or a test's mail catcher.
    const smtpUrl = io.env.MOSTRADOR_SMTP_URL;
    const smtp = smtpUrl === undefined || smtpUrl === '' ? undefined : parseSmtpUrl(smtpUrl);
    if (smtp !== undefined && !smtp.ok) throw new BadInput(smtp.error.message);

    const indexHtml = join(deps.staticDir, 'index.html');
    const built = await access(indexHtml).then(
      () => true,
      () => false,
    );
    if (!built) {
      io.stderr(
        `No se encontró la interfaz compilada (${indexHtml}). Ejecute «npm run build:renderer» y vuelva a intentar.`,
      );
      return EXIT_BAD_INPUT;
    }

    // One instance per data folder: a second one would run a second SRI queue on the same store.
    const bloqueo = bloquearCarpeta(dataDir);
    if (!bloqueo.ok) {
      io.stderr(bloqueo.error.message);
      return EXIT_BAD_INPUT;
    }
    try {
      return await servir(deps, io, { dataDir, demo, port, smtp: smtp?.value });
    } finally {
      bloqueo.value.liberar();
    }
  },
});

const servir = async (
  deps: { staticDir: string },
  io: CliIo,
  {
    dataDir,
    demo,
    port,
    smtp,
  }: { dataDir: string; demo: boolean; port: number; smtp: SmtpConfig | undefined },
): Promise<number> => {
  // Also to <dataDir>/logs (rotating, redacted), where «Exportar diagnóstico» reads it.
  const logger = teeLogger(
    stderrLogger(io),
    createFileLogger({ dir: logsDirOf(dataDir), clock: systemClock }),
  );
  // A damaged store starts in recovery mode: the browser shows the restore screen.
  const app = await arrancar({
    dataDir,
    demo,
    logger,
    clock: systemClock,
    ...(smtp === undefined ? {} : { smtp }),
  });
  if (!app.ok) {
    io.stderr(app.error.message);
    return EXIT_BAD_INPUT;
  }
  const host = await createHost({ app: app.value, staticDir: deps.staticDir, port, logger });
  if (!host.ok) {
    await app.value.close();
    io.stderr(host.error.message);
    return EXIT_BAD_INPUT;
  }
  if (app.value.modo() === 'recuperacion') {
    io.stderr(
      'La base de datos está dañada: abra la dirección de abajo para restaurar el último respaldo, o use «mostrador restaurar».',
    );
  }
  io.stderr(
    `Datos en ${dataDir}${demo ? ' · modo demostración: SRI simulado, ambiente de pruebas' : ''}. Ctrl+C para salir.`,
  );
  io.stdout(`Mostrador: ${host.value.url}\n`);
  io.stderr(
    `Pantalla del cliente (muestra la compra y pide el correo del comprador; no puede operar): ${host.value.urlCliente}`,
  );
  await io.stopped;
  await host.value.close();
  await app.value.close();
  return EXIT_OK;
};

export const serveCommand: CliCommand = createServeCommand({ staticDir: rendererDir() });
