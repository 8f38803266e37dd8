import type { ColaSistema } from '../print/transports/cups';
import { listarColasSistema } from '../print/transports/raw';
import { BadInput, type CliCommand, EXIT_INTERNAL, EXIT_OK, parseArgs } from './io';

const usage = `Uso: mostrador impresoras [--json]

Lista las impresoras (colas) del sistema con su estado, leídas de CUPS («lpstat -e» y
«lpstat -p») o del spooler de Windows (EnumPrinters): el nombre que se elige en Ajustes ›
Impresoras. Con --json, una lista [{ "nombre", "estado" }] para scripts. Sale con 1 si no se
pueden leer.`;

const ESTADOS: Record<ColaSistema['estado'], string> = {
  lista: 'lista',
  imprimiendo: 'imprimiendo',
  apagada: 'apagada o desconectada',
  sin_papel: 'sin papel',
  detenida: 'detenida (reanúdela en el sistema)',
  desconocido: 'estado desconocido',
};

/** `mostrador impresoras`: the OS's print queues and their states, for support. */
export const impresorasCommand: CliCommand = {
  usage,
  run: async (args, io) => {
    const { positional, flags } = parseArgs(args, [], ['json']);
    if (positional.length > 0) throw new BadInput('«impresoras» no recibe archivos.');
    const colas = await listarColasSistema({ cups: { env: io.env } });
    if (!colas.ok) {
      io.stderr(colas.error.message);
      return EXIT_INTERNAL;
    }
    if (flags.json === true) {
      io.stdout(`${JSON.stringify(colas.value)}\n`);
      return EXIT_OK;
    }
    if (colas.value.length === 0) {
      io.stdout('No hay impresoras instaladas en este equipo.\n');
      return EXIT_OK;
    }
    const ancho = Math.max(...colas.value.map((c) => c.nombre.length));
    for (const c of colas.value) io.stdout(`${c.nombre.padEnd(ancho)}  ${ESTADOS[c.estado]}\n`);
    return EXIT_OK;
  },
};
