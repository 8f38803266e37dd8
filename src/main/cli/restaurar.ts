import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DATABASE_FILE } from '../app';
import { appendAudit, openDatabase } from '../db';
import { systemClock } from '../log';
import { bloquearCarpeta } from '../recuperacion/bloqueo';
import { mensajeRestaurado, restaurarAhora, ultimoRespaldoBueno } from '../recuperacion/restaurar';
import { BadInput, type CliCommand, EXIT_BAD_INPUT, EXIT_OK, parseArgs, stderrLogger } from './io';
import { defaultDataDir } from './serve';

const usage =
  'Uso: mostrador restaurar [--data-dir CARPETA] [--confirmar-otro-ruc RUC_RESPALDO:RUC_TIENDA] [ARCHIVO]';

/** `RUC_RESPALDO:RUC_TIENDA`, both 13 digits. */
const leerConfirmacion = (valor: string | boolean | undefined) => {
  if (valor === undefined) return undefined;
  const m = typeof valor === 'string' ? /^(\d{13}):(\d{13})$/.exec(valor.trim()) : null;
  if (m === null) {
    throw new BadInput(
      '--confirmar-otro-ruc lleva los dos RUC: el del respaldo y el de esta tienda, así: 0999999999001:1790012345001.',
    );
  }
  return { rucRespaldo: m[1] as string, rucTienda: m[2] as string };
};

/**
 * `mostrador restaurar`: the recovery screen's restore from a shell, for a store that will not
 * start. Without ARCHIVO, the newest backup that passes its check. A damaged database is moved
 * aside unverified; a sound one is kept as a safety copy. Mostrador must be closed.
 */
export const restaurarCommand: CliCommand = {
  usage,
  run: async (args, io) => {
    const { positional, flags } = parseArgs(args, ['data-dir', 'confirmar-otro-ruc'], []);
    if (positional.length > 1) throw new BadInput(`Argumento inesperado: «${positional[1]}».`);
    const confirmarOtroRuc = leerConfirmacion(flags['confirmar-otro-ruc']);
    const dataDirFlag = flags['data-dir'];
    const dataDir =
      typeof dataDirFlag === 'string'
        ? resolve(io.cwd, dataDirFlag)
        : defaultDataDir(io.env, process.platform, homedir());
    const rutas = {
      dataDir,
      databaseFile: join(dataDir, DATABASE_FILE),
      backupDir: join(dataDir, 'backups'),
    };
    const bloqueo = bloquearCarpeta(dataDir);
    if (!bloqueo.ok) {
      io.stderr(bloqueo.error.message);
      return EXIT_BAD_INPUT;
    }
    try {
      const archivo =
        positional[0] === undefined
          ? (ultimoRespaldoBueno(rutas)?.ruta ?? null)
          : resolve(io.cwd, positional[0]);
      if (archivo === null) {
        io.stderr(
          `No hay ningún respaldo sano en ${rutas.backupDir}. Indique el archivo a restaurar.`,
        );
        return EXIT_BAD_INPUT;
      }
      const hecho = restaurarAhora(archivo, {
        ...rutas,
        clock: systemClock,
        logger: stderrLogger(io),
        confirmarOtroRuc,
      });
      if (!hecho.ok) {
        io.stderr(
          hecho.error.code === 'respaldo_otro_ruc'
            ? `${hecho.error.message} Para restaurarlo igual: --confirmar-otro-ruc RUC_RESPALDO:RUC_TIENDA.`
            : hecho.error.message,
        );
        return EXIT_BAD_INPUT;
      }
      // The restored database keeps a record of it, like the recovery screen's restore.
      const abierta = openDatabase(rutas.databaseFile, {
        logger: stderrLogger(io),
        clock: systemClock,
        backupDir: rutas.backupDir,
      });
      if (abierta.ok) {
        try {
          appendAudit(
            abierta.value,
            {
              userId: null,
              action: 'recuperacion.restaurado',
              detail: {
                archivo: hecho.value.origen,
                desde: 'mostrador restaurar',
                ...(hecho.value.otroRuc === null ? {} : { otroRuc: hecho.value.otroRuc }),
              },
            },
            systemClock,
          );
        } finally {
          abierta.value.close();
        }
      } else {
        io.stderr(`No se pudo anotar la restauración en la auditoría: ${abierta.error.message}`);
      }
      io.stdout(`${mensajeRestaurado(hecho.value)}\n`);
      return EXIT_OK;
    } finally {
      bloqueo.value.liberar();
    }
  },
};
