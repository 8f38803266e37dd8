/**
 * SRI simulator: an HTTP server on 127.0.0.1 speaking `validarComprobante` and
 * `autorizacionComprobante` with the real envelopes, checking structure, clave de acceso and
 * signature, remembering what it received and authorized, and misbehaving on request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Element } from '@xmldom/xmldom';
import { err, ok, type Result } from '../../../shared/result';
import type { Clock, Logger } from '../../log';
import {
  endpointsDesdeBase,
  RUTA_AUTORIZACION,
  RUTA_RECEPCION,
  type SriEndpoints,
} from '../endpoints';
import { defaultXsdDir, problemaDeEsquema } from '../esquema';
import { leerSobreSoap, NS_AUTORIZACION, NS_RECEPCION, textoHijo } from '../soap';
import type { MensajeSri } from '../types';
import { WSDL_AUTORIZACION, WSDL_RECEPCION } from '../wsdl';
import { revisarComprobante } from './documento';
import {
  crearEstadoFallas,
  type Falla,
  normalizarRegla,
  type OperacionSri,
  parsearFallas,
  type ReglaFalla,
  type ReglaFallaEntrada,
} from './faults';
import { crearRegistro, type EntradaLogAutorizacion } from './registro';
import {
  type EntradaAutorizacion,
  fechaAutorizacionEcuador,
  respuestaAutorizacion,
  respuestaFault,
  respuestaRecepcion,
} from './respuestas';

/** Checks the XAdES signature of a comprobante; an `err` makes it DEVUELTA 39. */
export type VerificadorFirma = (xml: string) => Result<unknown> | Promise<Result<unknown>>;

export type SriSimulatorOptions = {
  /** 0 or absent: any free port. */
  port?: number;
  host?: string;
  /** Initial faults, text (`--faults`) or rules. An invalid text is a programming error. */
  faults?: string | ReglaFallaEntrada[];
  /** JSON-lines log replayed on start and appended to (crash tests). */
  logFile?: string;
  verifySignature: VerificadorFirma;
  clock: Clock;
  logger: Logger;
  /** Ambiente this service answers for (default PRUEBAS, like celcer). */
  ambiente?: 'PRUEBAS' | 'PRODUCCIÓN';
  /** The SRI's XSDs (default `resources/sri/xsd`). */
  xsdDir?: string;
  /**
   * false: skip the XSD check (35). Only for load measurements of our own side (`bench
   * drenaje`), where the real SRI validates on its own servers, not on the cashier's cores.
   */
  validarEsquema?: boolean;
};

export type SriSimulator = {
  /** Base URL, e.g. `http://127.0.0.1:40123` (stable while the simulator lives). */
  url: string;
  endpoints: SriEndpoints;
  /** Replaces the active faults; `caido` stops listening, removing it listens again. */
  setFaults: (faults: string | ReglaFallaEntrada[]) => Promise<Result<void>>;
  faults: () => readonly ReglaFalla[];
  /** Every clave that became AUTORIZADO, in order (a correct client makes each appear once). */
  authorizationLog: () => EntradaLogAutorizacion[];
  authorizationCount: (claveAcceso: string) => number;
  /** validarComprobante calls that carried this clave. */
  receptionCount: (claveAcceso: string) => number;
  close: () => Promise<void>;
};

const LIMITE_CUERPO = 16 * 1024 * 1024;

const MENSAJES_CODIGO: Record<string, string> = {
  '35': 'ARCHIVO NO CUMPLE ESTRUCTURA XML',
  '39': 'FIRMA INVALIDA',
  '43': 'CLAVE ACCESO REGISTRADA',
  '45': 'SECUENCIAL REGISTRADO',
  '49': 'ARGUMENTOS QUE SE ENVIAN AL WEB SERVICE VACIOS',
  '50': 'ERROR INTERNO GENERAL',
  '52': 'ERROR EN DIFERENCIAS',
  '56': 'ERROR ESTABLECIMIENTO CERRADO',
  '58': 'ERROR EN LA ESTRUCTURA DE LA CLAVE DE ACCESO',
  '65': 'FECHA DE EMISIÓN EXTEMPORANEA',
  '70': 'CLAVE DE ACCESO EN PROCESAMIENTO',
};

const error = (
  identificador: string,
  informacionAdicional: string | null,
  tipo = 'ERROR',
): MensajeSri => ({
  identificador,
  mensaje: MENSAJES_CODIGO[identificador] ?? 'ERROR SIMULADO',
  informacionAdicional,
  tipo,
});

const PAGINA_500 =
  '<html><head><title>Error 500</title></head><body><h1>HTTP Status 500 - Internal Server Error</h1></body></html>';
const PAGINA_HTML =
  '<!DOCTYPE html><html><head><title>SRI</title></head><body><p>El servicio se encuentra en mantenimiento.<br>Intente más tarde.</p></body></html>';

const dormir = (ms: number): Promise<void> =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));

const leerCuerpo = (req: IncomingMessage): Promise<string | null> =>
  new Promise((resolve, reject) => {
    const partes: Buffer[] = [];
    let total = 0;
    req.on('data', (parte: Buffer) => {
      total += parte.byteLength;
      if (total > LIMITE_CUERPO) {
        resolve(null);
        req.destroy();
        return;
      }
      partes.push(parte);
    });
    req.on('end', () => resolve(Buffer.concat(partes).toString('utf8')));
    req.on('error', reject);
  });

type Respuesta = { status: number; contentType: string; body: string };

const xml = (body: string, status = 200): Respuesta => ({
  status,
  contentType: 'text/xml;charset=UTF-8',
  body,
});

const aReglas = (faults: string | ReglaFallaEntrada[]): Result<ReglaFalla[]> => {
  if (typeof faults === 'string') return parsearFallas(faults);
  const reglas: ReglaFalla[] = [];
  for (const entrada of faults) {
    const regla = normalizarRegla(entrada);
    if (!regla.ok) return regla;
    reglas.push(regla.value);
  }
  return ok(reglas);
};

/**
 * Starts the simulator; resolves once it listens (unless started `caido`).
 * @example const sri = await startSriSimulator({ verifySignature, clock: systemClock, logger }); createSriClient({ endpoints: sri.endpoints, … })
 */
export const startSriSimulator = async (options: SriSimulatorOptions): Promise<SriSimulator> => {
  const { clock, logger } = options;
  const host = options.host ?? '127.0.0.1';
  const ambiente = options.ambiente ?? 'PRUEBAS';
  const codigoAmbiente = ambiente === 'PRUEBAS' ? '1' : '2';
  const iniciales = aReglas(options.faults ?? []);
  if (!iniciales.ok) throw new Error(iniciales.error.message);
  const fallas = crearEstadoFallas(iniciales.value);
  const registro = crearRegistro(options.logFile ?? null);
  /** Claves whose signature is being checked: a concurrent resend gets 70, as in the SRI. */
  const enCurso = new Set<string>();
  const ahora = (): string => clock.now().toISOString();
  const xsdDir = options.xsdDir ?? defaultXsdDir();

  const devuelta = (claveAcceso: string | null, mensajes: MensajeSri[]): Respuesta => {
    registro.registrarRecepcion(
      claveAcceso,
      'DEVUELTA',
      mensajes[0]?.identificador ?? null,
      ahora(),
    );
    return xml(respuestaRecepcion('DEVUELTA', { claveAcceso: claveAcceso ?? 'N/A', mensajes }));
  };

  /** The signature's verdict; the clave is "in process" (70 to a concurrent resend) meanwhile. */
  const verificar = async (claveAcceso: string, comprobante: string): Promise<Result<unknown>> => {
    enCurso.add(claveAcceso);
    try {
      return await options.verifySignature(comprobante);
    } catch (problema) {
      logger.error('sri-simulador: el verificador de firma lanzó una excepción', {
        claveAcceso,
        error: problema instanceof Error ? problema.message : String(problema),
      });
      return err('firma_invalida', 'No se pudo verificar la firma.');
    } finally {
      enCurso.delete(claveAcceso);
    }
  };

  const recibir = (
    claveAcceso: string,
    secuencialKey: string,
    comprobante: string,
    firma: Result<unknown>,
  ): void => {
    registro.registrarRecibido({
      claveAcceso,
      secuencialKey,
      firmaValida: firma.ok,
      motivoFirma: firma.ok ? null : firma.error.message,
      comprobante,
      recibidoEn: ahora(),
    });
  };

  const recepcion = async (operacion: Element, falla: Falla | null): Promise<Respuesta> => {
    const base64 = (textoHijo(operacion, 'xml') ?? '').replace(/\s+/g, '');
    if (base64 === '') return devuelta(null, [error('49', 'No se recibió el comprobante.')]);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) {
      return devuelta(null, [error('35', 'El contenido de <xml> no es base64 válido.')]);
    }
    const comprobante = Buffer.from(base64, 'base64').toString('utf8');
    // XML 1.0 and the XSD first (35), then clave (58), arithmetic (52) and date (65), the
    // signature (39) last, all at reception (docs/sri.md §7, "The simulator").
    const esquema =
      options.validarEsquema === false ? null : await problemaDeEsquema(comprobante, xsdDir);
    if (esquema !== null) {
      const clave = /<claveAcceso>\s*(\d{49})\s*<\/claveAcceso>/.exec(comprobante)?.[1] ?? null;
      return devuelta(clave, [error('35', esquema.mensaje)]);
    }
    const revision = revisarComprobante(comprobante, codigoAmbiente, clock.now());
    if (!revision.ok) {
      const { codigo, informacionAdicional, claveAcceso } = revision.rechazo;
      return devuelta(claveAcceso === 'N/A' ? null : claveAcceso, [
        { ...error(codigo, informacionAdicional), mensaje: revision.rechazo.mensaje },
      ]);
    }
    const { claveAcceso, secuencialKey } = revision.comprobante;
    if (enCurso.has(claveAcceso)) return devuelta(claveAcceso, [error('70', null)]);
    const previo = registro.recibido(claveAcceso);
    if (previo !== undefined && previo.resultado?.estado !== 'NO AUTORIZADO') {
      return devuelta(claveAcceso, [
        error('43', `La clave de acceso ${claveAcceso} ya fue registrada.`),
      ]);
    }
    const otra = registro.claveDeSecuencial(secuencialKey);
    if (
      otra !== undefined &&
      otra !== claveAcceso &&
      registro.recibido(otra)?.resultado?.estado !== 'NO AUTORIZADO'
    ) {
      return devuelta(claveAcceso, [
        error('45', `El secuencial ${secuencialKey} ya fue registrado con la clave ${otra}.`),
      ]);
    }
    if (falla?.tipo === 'devuelta') {
      // 43/70 mean the SRI holds the document: keep it so autorización can find it (and judge
      // its signature there, NO AUTORIZADO 39, as the real SRI does).
      if (falla.codigo === '43' || falla.codigo === '70') {
        const firma = await verificar(claveAcceso, comprobante);
        recibir(claveAcceso, secuencialKey, comprobante, firma);
      }
      return devuelta(claveAcceso, [error(falla.codigo, 'Falla simulada.')]);
    }
    const firma = await verificar(claveAcceso, comprobante);
    if (!firma.ok) return devuelta(claveAcceso, [error('39', firma.error.message)]);
    recibir(claveAcceso, secuencialKey, comprobante, firma);
    registro.registrarRecepcion(claveAcceso, 'RECIBIDA', null, ahora());
    return xml(respuestaRecepcion('RECIBIDA', null));
  };

  const autorizacion = (operacion: Element, falla: Falla | null): Respuesta => {
    const claveAcceso = (textoHijo(operacion, 'claveAccesoComprobante') ?? '').trim();
    const recibido = registro.recibido(claveAcceso);
    if (recibido === undefined || recibido.resultado !== null) {
      return xml(respuestaAutorizacion(claveAcceso, registro.historial(claveAcceso)));
    }
    if (falla?.tipo === 'en-proceso') {
      registro.contarEnProceso(claveAcceso);
      const enProceso: EntradaAutorizacion = {
        estado: 'EN PROCESO',
        numeroAutorizacion: null,
        fechaAutorizacion: null,
        ambiente,
        comprobante: null,
        mensajes: [],
      };
      return xml(
        respuestaAutorizacion(claveAcceso, [enProceso, ...registro.historial(claveAcceso)]),
      );
    }
    const fecha = fechaAutorizacionEcuador(clock.now());
    // Only a document kept by a simulated 43/70 (or a log written before reception judged the
    // signature) reaches here with a bad signature: NO AUTORIZADO 39, the real SRI's answer.
    const entrada: EntradaAutorizacion = !recibido.firmaValida
      ? {
          estado: 'NO AUTORIZADO',
          numeroAutorizacion: null,
          fechaAutorizacion: fecha,
          ambiente,
          comprobante: recibido.comprobante,
          mensajes: [error('39', recibido.motivoFirma)],
        }
      : falla?.tipo === 'no-autorizado'
        ? {
            estado: 'NO AUTORIZADO',
            numeroAutorizacion: null,
            fechaAutorizacion: fecha,
            ambiente,
            comprobante: recibido.comprobante,
            mensajes: [error(falla.codigo, 'Falla simulada.')],
          }
        : {
            estado: 'AUTORIZADO',
            // docs/sri.md §1: the número de autorización is the clave de acceso.
            numeroAutorizacion: claveAcceso,
            fechaAutorizacion: fecha,
            ambiente,
            comprobante: recibido.comprobante,
            mensajes:
              ambiente === 'PRUEBAS'
                ? [
                    {
                      identificador: '60',
                      mensaje: 'ESTE PROCESO FUE REALIZADO EN EL AMBIENTE DE PRUEBAS',
                      informacionAdicional: null,
                      tipo: 'INFORMATIVO',
                    },
                  ]
                : [],
          };
    registro.registrarResultado(claveAcceso, entrada, ahora());
    logger.info(`sri-simulador: ${entrada.estado}`, { claveAcceso });
    return xml(respuestaAutorizacion(claveAcceso, registro.historial(claveAcceso)));
  };

  const wsdl = (operacion: OperacionSri, base: string): Respuesta => {
    const ruta = operacion === 'recepcion' ? RUTA_RECEPCION : RUTA_AUTORIZACION;
    const texto = operacion === 'recepcion' ? WSDL_RECEPCION : WSDL_AUTORIZACION;
    return xml(texto.replace(/(<soap:address location=")[^"]*(")/, `$1${base}${ruta}$2`));
  };

  const atender = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const direccion = new URL(req.url ?? '/', 'http://simulador');
    const operacion: OperacionSri | null =
      direccion.pathname === RUTA_RECEPCION
        ? 'recepcion'
        : direccion.pathname === RUTA_AUTORIZACION
          ? 'autorizacion'
          : null;
    const enviar = (r: Respuesta): void => {
      if (res.destroyed) return;
      // the simulated SRI's clock, not this machine's (clients compare the two)
      res.writeHead(r.status, { 'Content-Type': r.contentType, Date: clock.now().toUTCString() });
      res.end(r.body);
    };
    if (operacion === null) {
      enviar({ status: 404, contentType: 'text/plain;charset=UTF-8', body: 'No encontrado' });
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      enviar(wsdl(operacion, simulador.url));
      return;
    }
    if (req.method !== 'POST') {
      enviar({ status: 405, contentType: 'text/plain;charset=UTF-8', body: 'Método no permitido' });
      return;
    }
    const cuerpo = await leerCuerpo(req);
    if (cuerpo === null) {
      enviar({
        status: 413,
        contentType: 'text/plain;charset=UTF-8',
        body: 'Solicitud muy grande',
      });
      return;
    }
    const sobre = leerSobreSoap(cuerpo);
    const esperado =
      operacion === 'recepcion'
        ? { nombre: 'validarComprobante', ns: NS_RECEPCION }
        : { nombre: 'autorizacionComprobante', ns: NS_AUTORIZACION };
    if (
      !sobre.ok ||
      sobre.value.kind !== 'cuerpo' ||
      sobre.value.operacion.localName !== esperado.nombre ||
      sobre.value.operacion.namespaceURI !== esperado.ns
    ) {
      const detalle = !sobre.ok
        ? sobre.error.message
        : sobre.value.kind === 'cuerpo'
          ? `Unexpected wrapper element {${sobre.value.operacion.namespaceURI ?? ''}}${sobre.value.operacion.localName} found. Expected {${esperado.ns}}${esperado.nombre}.`
          : 'Fault recibido como solicitud.';
      enviar(xml(respuestaFault('soap:Client', detalle), 500));
      return;
    }
    const cuerpoOperacion = sobre.value.operacion;
    const clave =
      operacion === 'autorizacion'
        ? (textoHijo(cuerpoOperacion, 'claveAccesoComprobante') ?? '').trim()
        : '';
    const { latenciaMs, falla } = fallas.tomar(operacion, () => registro.enProcesoDados(clave));
    logger.debug('sri-simulador: solicitud', { operacion, falla: falla?.tipo ?? null, latenciaMs });
    let respuesta: Respuesta;
    switch (falla?.tipo) {
      case 'http500':
        respuesta = { status: 500, contentType: 'text/html;charset=UTF-8', body: PAGINA_500 };
        break;
      case 'html':
        respuesta = { status: 200, contentType: 'text/html;charset=UTF-8', body: PAGINA_HTML };
        break;
      case 'soap-fault':
        respuesta = xml(respuestaFault('soap:Server', 'Fault occurred while processing.'), 500);
        break;
      default:
        respuesta =
          operacion === 'recepcion'
            ? await recepcion(cuerpoOperacion, falla)
            : autorizacion(cuerpoOperacion, falla);
    }
    await dormir(latenciaMs);
    if (falla?.tipo === 'cortar') {
      // Processed, but the caller never learns the answer.
      req.socket.destroy();
      return;
    }
    enviar(respuesta);
  };

  const server = createServer((req, res) => {
    atender(req, res).catch((problema: unknown) => {
      logger.error('sri-simulador: error interno', {
        error: problema instanceof Error ? problema.message : String(problema),
      });
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'text/plain;charset=UTF-8' });
        res.end('Error interno del simulador');
      } else {
        res.destroy();
      }
    });
  });

  let puerto = options.port ?? 0;
  let escuchando = false;
  let cerrado = false;
  const escuchar = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const alFallar = (problema: Error): void => reject(problema);
      server.once('error', alFallar);
      server.listen(puerto, host, () => {
        server.off('error', alFallar);
        puerto = (server.address() as AddressInfo).port;
        escuchando = true;
        resolve();
      });
    });
  const dejarDeEscuchar = async (): Promise<void> => {
    escuchando = false;
    const cerrada = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive sockets would otherwise keep answering while "down".
    server.closeAllConnections();
    await cerrada;
    // Let clients see the FIN of their pooled sockets: a request written on one of them would
    // look "cut after sending" instead of "refused", which is not what "down" means.
    await dormir(25);
  };

  // Even when starting "down" the port is reserved first, so the URL is known and stable.
  await escuchar();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${puerto}`;
  const simulador: SriSimulator = {
    url,
    endpoints: endpointsDesdeBase(url),
    setFaults: async (faults) => {
      const reglas = aReglas(faults);
      if (!reglas.ok) return reglas;
      if (cerrado) return err('simulador_cerrado', 'El simulador del SRI ya se cerró.');
      fallas.reemplazar(reglas.value);
      if (fallas.caido() && escuchando) await dejarDeEscuchar();
      if (!fallas.caido() && !escuchando) await escuchar();
      logger.info('sri-simulador: fallas cambiadas', { fallas: reglas.value.length });
      return ok(undefined);
    },
    faults: () => fallas.reglas(),
    authorizationLog: registro.authorizationLog,
    authorizationCount: registro.authorizationCount,
    receptionCount: registro.receptionCount,
    close: async () => {
      if (cerrado) return;
      cerrado = true;
      if (escuchando) await dejarDeEscuchar();
      registro.cerrar();
    },
  };
  if (fallas.caido()) await dejarDeEscuchar();
  logger.info('sri-simulador: escuchando', { url, ambiente });
  return simulador;
};
