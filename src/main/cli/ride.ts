import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkLogo, parseRide, renderRidePdf } from '../print';
import { BadInput, type CliCommand, type CliIo, EXIT_BAD_INPUT, EXIT_OK, parseArgs } from './io';

const usage = `Uso: mostrador ride ARCHIVO.xml --formato a4|80mm -o SALIDA.pdf [--logo LOGO.png]
                     [--fecha-autorizacion 2025-03-15T10:20:30-05:00]

Genera el RIDE en PDF de una factura o nota de crédito (firmada o no, o la respuesta de
autorización del SRI que la contiene). Sin fecha de autorización imprime «PENDIENTE».
Sale con 2 y un mensaje si el XML no se puede leer o le faltan campos; en ese caso no escribe
ningún archivo.`;

/** Turns `-o FILE` into `--salida FILE` for the shared flag parser. */
export const expandShortOutput = (args: string[]): string[] =>
  args.map((arg) => (arg === '-o' ? '--salida' : arg));

/** Reads a file for a command, or explains in Spanish why it cannot (exit 2). */
export const readInput = async (io: CliIo, file: string): Promise<Buffer | null> => {
  const absolute = path.resolve(io.cwd, file);
  try {
    return await readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(
      code === 'ENOENT'
        ? `No existe el archivo ${absolute}.`
        : `No se pudo leer ${absolute}: ${(error as Error).message}`,
    );
    return null;
  }
};

/** Writes through a temporary file and a rename, so a failure never leaves half an output. */
export const writeOutput = async (io: CliIo, file: string, bytes: Uint8Array): Promise<void> => {
  const absolute = path.resolve(io.cwd, file);
  const temporary = `${absolute}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, absolute);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
};

/** `mostrador ride`: comprobante XML → RIDE PDF (A4 or 80 mm). */
export const rideCommand: CliCommand = {
  usage,
  run: async (args, io) => {
    const { positional, flags } = parseArgs(
      expandShortOutput(args),
      ['formato', 'salida', 'logo', 'fecha-autorizacion'],
      [],
    );
    if (positional.length !== 1) throw new BadInput('Indique un único archivo XML.');
    const formato = flags.formato ?? 'a4';
    if (formato !== 'a4' && formato !== '80mm') {
      throw new BadInput(`--formato debe ser a4 u 80mm, no «${String(formato)}».`);
    }
    const salida = flags.salida;
    if (typeof salida !== 'string')
      throw new BadInput('Indique el archivo de salida con -o SALIDA.pdf.');
    const xml = await readInput(io, positional[0] as string);
    if (xml === null) return EXIT_BAD_INPUT;
    let logo: Uint8Array | null = null;
    if (typeof flags.logo === 'string') {
      logo = await readInput(io, flags.logo);
      if (logo === null) return EXIT_BAD_INPUT;
      const checked = checkLogo(logo);
      if (!checked.ok) {
        io.stderr(checked.error.message);
        return EXIT_BAD_INPUT;
      }
    }
    const fecha = flags['fecha-autorizacion'];
    const ride = parseRide(
      xml.toString('utf8'),
      typeof fecha === 'string' ? { fechaAutorizacion: fecha } : {},
    );
    if (!ride.ok) {
      io.stderr(`${positional[0]}: ${ride.error.message}`);
      return EXIT_BAD_INPUT;
    }
    await writeOutput(io, salida, await renderRidePdf(ride.value, { formato, logo }));
    return EXIT_OK;
  },
};
