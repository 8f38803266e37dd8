import {
  isPrinterProfileId,
  PRINTER_PROFILE_IDS,
  PRINTER_PROFILES,
  parseRide,
  printPdf,
  renderEscpos,
  renderRidePdf,
} from '../print';
import { estadoColaCups, mensajeEstado } from '../print/transports/cups';
import { sendRawSpool } from '../print/transports/raw';
import { BadInput, type CliCommand, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, parseArgs } from './io';
import { readInput } from './ride';

const FORMATOS = ['escpos', 'a4', '80mm'] as const;

/** The queue does not exist or cannot print now: the caller's to fix (exit 2). */
const ESTADOS_DE_COLA = new Set([
  'impresora_no_existe',
  'impresora_apagada',
  'impresora_sin_papel',
  'impresora_detenida',
  'impresora_error',
]);

const usage = `Uso: mostrador imprimir ARCHIVO.xml --cola NOMBRE --formato ${FORMATOS.join('|')}
                         [--perfil ${PRINTER_PROFILE_IDS.join('|')}] [--cajon]

Imprime el RIDE de una factura o nota de crédito en una impresora del sistema: en ESC/POS
crudo (CUPS «lp -o raw», o el spooler de Windows; con --cajon abre el cajón) o en PDF A4 u
80 mm. «mostrador impresoras»
lista las colas. Sale con 2 y el motivo si el XML no se puede leer o si la cola no existe,
está apagada, sin papel o detenida; con 1 si CUPS falla al imprimir.`;

/** `mostrador imprimir`: one document on one OS queue, for support. */
export const imprimirCommand: CliCommand = {
  usage,
  run: async (args, io) => {
    const { positional, flags } = parseArgs(args, ['cola', 'formato', 'perfil'], ['cajon']);
    if (positional.length !== 1) throw new BadInput('Indique un único archivo XML.');
    const cola = flags.cola;
    if (typeof cola !== 'string') throw new BadInput('Indique la cola con --cola NOMBRE.');
    const formato = flags.formato;
    if (typeof formato !== 'string' || !FORMATOS.some((f) => f === formato)) {
      throw new BadInput(`--formato debe ser ${FORMATOS.join(', ')}.`);
    }
    const perfil = flags.perfil ?? 'tm-t20iii';
    if (typeof perfil !== 'string' || !isPrinterProfileId(perfil)) {
      throw new BadInput(`--perfil debe ser uno de ${PRINTER_PROFILE_IDS.join(', ')}.`);
    }
    const xml = await readInput(io, positional[0] as string);
    if (xml === null) return EXIT_BAD_INPUT;
    const ride = parseRide(xml.toString('utf8'));
    if (!ride.ok) {
      io.stderr(`${positional[0]}: ${ride.error.message}`);
      return EXIT_BAD_INPUT;
    }
    const cups = { env: io.env };
    // Windows: the spooler reads the printer's state itself, before sending (windows.ts).
    if (process.platform !== 'win32') {
      const estado = await estadoColaCups(cola, cups);
      if (!estado.ok) {
        io.stderr(estado.error.message);
        return estado.error.code === 'spooler_no_disponible' ? EXIT_INTERNAL : EXIT_BAD_INPUT;
      }
      const impide = mensajeEstado(cola, estado.value);
      if (impide !== null) {
        io.stderr(impide.message);
        return EXIT_BAD_INPUT;
      }
    }
    const enviado =
      formato === 'escpos'
        ? await sendRawSpool(
            cola,
            renderEscpos(ride.value, {
              profile: PRINTER_PROFILES[perfil],
              cajon: flags.cajon === true,
            }),
            { cups },
          )
        : await printPdf(
            await renderRidePdf(ride.value, { formato: formato === 'a4' ? 'a4' : '80mm' }),
            cola,
            { env: io.env },
          );
    if (!enviado.ok) {
      io.stderr(enviado.error.message);
      return ESTADOS_DE_COLA.has(enviado.error.code) ? EXIT_BAD_INPUT : EXIT_INTERNAL;
    }
    io.stdout(`Impreso en «${cola}».\n`);
    return EXIT_OK;
  },
};
