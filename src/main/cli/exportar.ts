import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { leerLogo } from '../ajustes';
import { DATABASE_FILE } from '../app';
import { exportarArchivo } from '../archivo';
import { openDatabase } from '../db';
import { silentLogger, systemClock } from '../log';
import { BadInput, type CliCommand, EXIT_BAD_INPUT, EXIT_OK, parseArgs } from './io';
import { expandShortOutput } from './ride';
import { defaultDataDir } from './serve';

const usage = `Uso: mostrador exportar --desde AAAA-MM-DD --hasta AAAA-MM-DD -o ARCHIVO.zip [--data-dir CARPETA]

Exporta los comprobantes autorizados emitidos en el rango (ambas fechas incluidas): el XML
firmado, la autorización del SRI que lo contiene y el RIDE en PDF de cada uno, con un
indice.csv. Sale con 2 y un mensaje si las fechas no son válidas, si no hay comprobantes
autorizados en el rango o si la base de datos no se puede abrir; no deja un ZIP a medias.`;

/** `mostrador exportar`: the authorized documents archive of a date range. */
export const exportarCommand: CliCommand = {
  usage,
  run: async (args, io) => {
    const { positional, flags } = parseArgs(
      expandShortOutput(args),
      ['desde', 'hasta', 'salida', 'data-dir'],
      [],
    );
    if (positional.length > 0) throw new BadInput(`Argumento inesperado: «${positional[0]}».`);
    const { desde, hasta, salida } = flags;
    if (typeof desde !== 'string')
      throw new BadInput('Indique la fecha inicial con --desde AAAA-MM-DD.');
    if (typeof hasta !== 'string')
      throw new BadInput('Indique la fecha final con --hasta AAAA-MM-DD.');
    if (typeof salida !== 'string')
      throw new BadInput('Indique el archivo de salida con -o ARCHIVO.zip.');
    const dataDirFlag = flags['data-dir'];
    const dataDir =
      typeof dataDirFlag === 'string'
        ? resolve(io.cwd, dataDirFlag)
        : defaultDataDir(io.env, process.platform, homedir());
    const opened = openDatabase(join(dataDir, DATABASE_FILE), {
      logger: silentLogger,
      clock: systemClock,
      backupDir: join(dataDir, 'backups'),
    });
    if (!opened.ok) {
      io.stderr(opened.error.message);
      return EXIT_BAD_INPUT;
    }
    try {
      const result = await exportarArchivo(
        { sqlite: opened.value.sqlite, logger: silentLogger, logo: leerLogo(opened.value) },
        { desde, hasta },
        resolve(io.cwd, salida),
      );
      if (!result.ok) {
        io.stderr(result.error.message);
        return EXIT_BAD_INPUT;
      }
      io.stderr(
        `${result.value.documentos} comprobante(s) autorizados exportados a ${result.value.archivo} (${result.value.bytes} bytes).`,
      );
      return EXIT_OK;
    } finally {
      opened.value.close();
    }
  },
};
