import {
  isPrinterProfileId,
  PRINTER_PROFILE_IDS,
  PRINTER_PROFILES,
  parseRide,
  renderEscpos,
  sendTcp,
} from '../print';
import { BadInput, type CliCommand, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, parseArgs } from './io';
import { expandShortOutput, readInput, writeOutput } from './ride';

const usage = `Uso: mostrador escpos ARCHIVO.xml [--perfil ${PRINTER_PROFILE_IDS.join('|')}]
                       [-o SALIDA.bin] [--impresora HOST[:PUERTO]] [--reimpresion] [--sin-cajon]

Genera el RIDE para impresora térmica (ESC/POS) de una factura o nota de crédito y lo escribe
en SALIDA.bin y/o lo envía por TCP a la impresora (puerto 9100 si no se indica). Perfil por
omisión: tm-t20iii. Sale con 2 si el XML no se puede leer (sin escribir ni imprimir nada) y con
1 si la impresora no responde.`;

const parseTarget = (text: string): { host: string; port: number } => {
  const match = /^([^:]+)(?::(\d{1,5}))?$/.exec(text);
  const port = Number(match?.[2] ?? '9100');
  if (match === null || port < 1 || port > 65535) {
    throw new BadInput(`--impresora debe ser HOST o HOST:PUERTO, no «${text}».`);
  }
  return { host: match[1] as string, port };
};

/** `mostrador escpos`: comprobante XML → ESC/POS bytes (file and/or printer). */
export const escposCommand: CliCommand = {
  usage,
  run: async (args, io) => {
    const { positional, flags } = parseArgs(
      expandShortOutput(args),
      ['perfil', 'salida', 'impresora'],
      ['reimpresion', 'sin-cajon'],
    );
    if (positional.length !== 1) throw new BadInput('Indique un único archivo XML.');
    const perfil = flags.perfil ?? 'tm-t20iii';
    if (typeof perfil !== 'string' || !isPrinterProfileId(perfil)) {
      throw new BadInput(`--perfil debe ser uno de ${PRINTER_PROFILE_IDS.join(', ')}.`);
    }
    const salida = flags.salida;
    const impresora = typeof flags.impresora === 'string' ? parseTarget(flags.impresora) : null;
    if (typeof salida !== 'string' && impresora === null) {
      throw new BadInput('Indique -o SALIDA.bin o --impresora HOST[:PUERTO].');
    }
    const xml = await readInput(io, positional[0] as string);
    if (xml === null) return EXIT_BAD_INPUT;
    const ride = parseRide(xml.toString('utf8'));
    if (!ride.ok) {
      io.stderr(`${positional[0]}: ${ride.error.message}`);
      return EXIT_BAD_INPUT;
    }
    const bytes = renderEscpos(ride.value, {
      profile: PRINTER_PROFILES[perfil],
      reimpresion: flags.reimpresion === true,
      cajon: flags['sin-cajon'] !== true,
    });
    if (typeof salida === 'string') await writeOutput(io, salida, bytes);
    if (impresora !== null) {
      const sent = await sendTcp(impresora, bytes);
      if (!sent.ok) {
        io.stderr(sent.error.message);
        return EXIT_INTERNAL;
      }
    }
    return EXIT_OK;
  },
};
