import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DATABASE_FILE } from '../app';
import { fijarPimienta, openDatabase } from '../db';
import { systemClock } from '../log';
import { bloquearCarpeta } from '../recuperacion/bloqueo';
import { cargarPimienta, createSystemKeychain } from '../secrets';
import { restablecerPinAdministrador } from '../sesion/restablecer';
import { BadInput, type CliCommand, EXIT_BAD_INPUT, EXIT_OK, parseArgs, stderrLogger } from './io';
import { defaultDataDir } from './serve';

const usage =
  'Uso: MOSTRADOR_PIN_NUEVO=PIN mostrador restablecer-pin --usuario NOMBRE [--data-dir CARPETA]';

/**
 * `mostrador restablecer-pin`: an administrador's PIN set again with this computer's PIN secret,
 * for data restored from another computer (issue 15 §5). The PIN comes in MOSTRADOR_PIN_NUEVO,
 * not as an argument, so it is not left in the process list. Mostrador must be closed.
 */
export const restablecerPinCommand: CliCommand = {
  usage,
  run: async (args, io) => {
    const { positional, flags } = parseArgs(args, ['data-dir', 'usuario'], []);
    if (positional.length > 0) throw new BadInput(`Argumento inesperado: «${positional[0]}».`);
    const usuario = flags.usuario;
    if (typeof usuario !== 'string') {
      throw new BadInput('Indique el administrador con --usuario NOMBRE.');
    }
    const pin = io.env.MOSTRADOR_PIN_NUEVO;
    if (pin === undefined || pin === '') {
      throw new BadInput('Escriba el PIN nuevo en la variable MOSTRADOR_PIN_NUEVO.');
    }
    const dataDirFlag = flags['data-dir'];
    const dataDir =
      typeof dataDirFlag === 'string'
        ? resolve(io.cwd, dataDirFlag)
        : defaultDataDir(io.env, process.platform, homedir());
    const file = join(dataDir, DATABASE_FILE);
    if (!existsSync(file)) {
      io.stderr(`No hay una base de datos de Mostrador en ${dataDir}.`);
      return EXIT_BAD_INPUT;
    }
    const bloqueo = bloquearCarpeta(dataDir);
    if (!bloqueo.ok) {
      io.stderr(bloqueo.error.message);
      return EXIT_BAD_INPUT;
    }
    const logger = stderrLogger(io);
    try {
      const opened = openDatabase(file, {
        logger,
        clock: systemClock,
        backupDir: join(dataDir, 'backups'),
      });
      if (!opened.ok) {
        io.stderr(opened.error.message);
        return EXIT_BAD_INPUT;
      }
      try {
        const pimienta = await cargarPimienta(createSystemKeychain({ logger }), logger);
        fijarPimienta(opened.value, async () => pimienta);
        const hecho = await restablecerPinAdministrador(
          opened.value,
          { usuario, pin },
          systemClock,
        );
        if (!hecho.ok) {
          io.stderr(hecho.error.message);
          return EXIT_BAD_INPUT;
        }
        io.stdout(
          `Se restableció el PIN de ${hecho.value.nombre}${pimienta === null ? ' (sin el secreto del llavero: el llavero del sistema no respondió)' : ''}. Abra Mostrador y, en Ajustes › Usuarios, asigne los PIN de los demás.\n`,
        );
        return EXIT_OK;
      } finally {
        opened.value.close();
      }
    } finally {
      bloqueo.value.liberar();
    }
  },
};
