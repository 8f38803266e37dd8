import path from 'node:path';
import { systemClock } from '../log';
import { verifyComprobanteSignature } from '../signing';
import { parsearFallas, startSriSimulator, USO_FALLAS } from '../sri/simulator';
import {
  BadInput,
  type CliCommand,
  EXIT_BAD_INPUT,
  EXIT_OK,
  parseArgs,
  parsePort,
  stderrLogger,
} from './io';

const usage = `Uso: mostrador sri-simulador [--port N] [--host 127.0.0.1] [--faults REGLAS] [--log ARCHIVO]
                              [--ambiente pruebas|produccion] [--sin-xsd]

Simula los servicios web offline del SRI (RecepcionComprobantesOffline y
AutorizacionComprobantesOffline, SOAP 1.1) en 127.0.0.1. Como el SRI, antes de la firma revisa
XML 1.0 bien formado y el XSD de resources/sri/xsd (35), la clave de acceso (58), la aritmética
(52) y la fecha de emisión (65, más de 90 días o futura), y al final la firma XAdES: una firma
inválida es DEVUELTA 39 (el SRI real la recibe y responde NO AUTORIZADO 39 en la autorización;
para ese camino: --faults autorizacion:no-autorizado=39). Responde 43 a los duplicados y 45 a un
secuencial ya usado con otra clave.
Imprime la URL base en la salida estándar y corre hasta Ctrl+C.
--log guarda recepciones y autorizaciones en JSON por línea y las recupera al reiniciar.
--sin-xsd omite la revisión del XSD (solo para medir la cola propia: el SRI valida en sus
servidores, no en los núcleos de la caja).

${USO_FALLAS}`;

/** `mostrador sri-simulador`: the SRI web services on this machine, with scripted faults. */
export const sriSimuladorCommand: CliCommand = {
  usage,
  run: async (args, io) => {
    const { positional, flags } = parseArgs(
      args,
      ['port', 'host', 'faults', 'log', 'ambiente'],
      ['sin-xsd'],
    );
    if (positional.length > 0) throw new BadInput(`Argumento inesperado: «${positional[0]}».`);
    const port = parsePort(flags.port);
    const host = typeof flags.host === 'string' ? flags.host : '127.0.0.1';
    const ambiente = flags.ambiente ?? 'pruebas';
    if (ambiente !== 'pruebas' && ambiente !== 'produccion') {
      throw new BadInput(
        `--ambiente debe ser pruebas o produccion (recibido: ${String(ambiente)}).`,
      );
    }
    const faults = typeof flags.faults === 'string' ? flags.faults : '';
    const reglas = parsearFallas(faults);
    if (!reglas.ok) throw new BadInput(reglas.error.message);
    const logFile = typeof flags.log === 'string' ? path.resolve(io.cwd, flags.log) : undefined;
    const logger = stderrLogger(io);
    let simulador: Awaited<ReturnType<typeof startSriSimulator>>;
    try {
      simulador = await startSriSimulator({
        port,
        host,
        faults: reglas.value,
        ...(logFile === undefined ? {} : { logFile }),
        verifySignature: verifyComprobanteSignature,
        clock: systemClock,
        logger,
        ambiente: ambiente === 'pruebas' ? 'PRUEBAS' : 'PRODUCCIÓN',
        ...(flags['sin-xsd'] === true ? { validarEsquema: false } : {}),
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        io.stderr(`No se pudo escuchar en ${host}:${port} (${String(code)}).`);
        return EXIT_BAD_INPUT;
      }
      throw error;
    }
    io.stdout(`${simulador.url}\n`);
    io.stderr(
      `Simulador del SRI (${ambiente}) en ${simulador.url} · recepción ${simulador.endpoints.recepcion} · Ctrl+C para salir.`,
    );
    await io.stopped;
    await simulador.close();
    return EXIT_OK;
  },
};
