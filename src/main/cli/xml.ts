import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { comprobanteDesdeJson, construirXml, type VersionFactura } from '../fiscal';
import { systemClock } from '../log';
import { BadInput, type CliCommand, EXIT_BAD_INPUT, EXIT_OK, parseArgs } from './io';

const usage = `Uso: mostrador xml DOC.json [--version-factura 1.1.0|2.1.0]

Lee un documento en el formato del cuerpo de POST /documents (emisor, establecimiento y punto
de emisión resueltos, secuencial dado), recalcula sus totales y escribe el XML sin firmar en la
salida estándar. Sale con 2 y un mensaje si el documento no es válido.`;

/** `mostrador xml`: DOC.json → unsigned SRI XML on stdout. */
export const xmlCommand: CliCommand = {
  usage,
  run: async (args, io) => {
    const { positional, flags } = parseArgs(args, ['version-factura'], []);
    if (positional.length !== 1) {
      throw new BadInput('Indique un único archivo JSON.');
    }
    const version = flags['version-factura'];
    if (version !== undefined && version !== '1.1.0' && version !== '2.1.0') {
      throw new BadInput(`--version-factura debe ser 1.1.0 o 2.1.0, no «${String(version)}».`);
    }
    const archivo = path.resolve(io.cwd, positional[0] as string);
    let texto: string;
    try {
      texto = await readFile(archivo, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      io.stderr(
        code === 'ENOENT'
          ? `No existe el archivo ${archivo}.`
          : `No se pudo leer ${archivo}: ${(error as Error).message}`,
      );
      return EXIT_BAD_INPUT;
    }
    let json: unknown;
    try {
      json = JSON.parse(texto);
    } catch (error) {
      io.stderr(`${archivo} no es JSON válido: ${(error as Error).message}`);
      return EXIT_BAD_INPUT;
    }
    const resultado = comprobanteDesdeJson(json, {
      ...(version === undefined ? {} : { versionFactura: version as VersionFactura }),
      ahora: (io.clock ?? systemClock).now(),
    });
    if (!resultado.ok) {
      io.stderr(`${archivo}: ${resultado.error.message}`);
      return EXIT_BAD_INPUT;
    }
    for (const advertencia of resultado.value.advertencias) {
      io.stderr(`Advertencia: ${advertencia}`);
    }
    io.stdout(construirXml(resultado.value));
    return EXIT_OK;
  },
};
