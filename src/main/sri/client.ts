/**
 * SOAP client of the SRI offline web services (docs/sri.md §7) over `fetch`. Every network or parse
 * problem is an outcome value; recepción failures say whether the request may have reached the
 * SRI (`unknown`), because a blind resend of a received document must never happen.
 */
import type { Logger } from '../log';
import type { SriEndpoints } from './endpoints';
import type { ObservacionHoraSri } from './reloj';
import { leerRespuestaAutorizacion, leerRespuestaRecepcion } from './respuestas';
import {
  parsearXml,
  SOAP_HEADERS,
  solicitudAutorizacionComprobante,
  solicitudValidarComprobante,
} from './soap';
import type {
  AutorizacionOutcome,
  MotivoTransitorio,
  ProbeOutcome,
  RecepcionOutcome,
  Transitorio,
} from './types';

export type SriTimeouts = {
  /**
   * Budget to reach the server. `fetch` does not report when the connection opens, so until the
   * response headers arrive the deadline is `connectMs + responseMs`.
   */
  connectMs: number;
  /** Budget for the SRI to answer once connected; also the deadline to read the body. */
  responseMs: number;
};

export type SriClientOptions = {
  endpoints: SriEndpoints;
  fetch?: typeof fetch;
  timeouts: SriTimeouts;
  logger: Logger;
  /** Bodies beyond this are garbage, not an SRI answer. */
  maxResponseBytes?: number;
  /** Told the SRI's time with each answer (HTTP Date, fechaAutorizacion), to compare clocks. */
  onHoraSri?: (observacion: ObservacionHoraSri) => void;
};

export type SriClient = {
  /** Sends the signed document (its exact bytes) to recepción. */
  validarComprobante: (comprobanteFirmado: string | Uint8Array) => Promise<RecepcionOutcome>;
  /** Asks autorización for one clave de acceso. */
  autorizacionComprobante: (claveAcceso: string) => Promise<AutorizacionOutcome>;
  /** Cheap connectivity check: GET of the recepción WSDL with the connect budget. */
  probe: () => Promise<ProbeOutcome>;
  readonly endpoints: SriEndpoints;
};

type Respuesta = { status: number; body: string };

type FalloHttp = Transitorio & {
  /** The request may have reached the server. */
  sent: boolean;
};

/** Error codes that prove the request never left this machine (no connection was made). */
const SIN_CONEXION: Record<string, MotivoTransitorio> = {
  ECONNREFUSED: 'conexion_rechazada',
  ENOTFOUND: 'sin_conexion',
  EAI_AGAIN: 'sin_conexion',
  ENETUNREACH: 'sin_conexion',
  EHOSTUNREACH: 'sin_conexion',
  EHOSTDOWN: 'sin_conexion',
  ENETDOWN: 'sin_conexion',
  EADDRNOTAVAIL: 'sin_conexion',
  UND_ERR_CONNECT_TIMEOUT: 'sin_conexion',
  ERR_TLS_CERT_ALTNAME_INVALID: 'sin_conexion',
  CERT_HAS_EXPIRED: 'sin_conexion',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'sin_conexion',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'sin_conexion',
  SELF_SIGNED_CERT_IN_CHAIN: 'sin_conexion',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'sin_conexion',
};

const codigoDeError = (error: unknown): string | null => {
  // undici wraps the socket error in `cause` (TypeError: fetch failed).
  for (let actual: unknown = error, i = 0; actual !== null && i < 4; i++) {
    if (typeof actual !== 'object' || actual === undefined) break;
    const code = (actual as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    actual = (actual as { cause?: unknown }).cause ?? null;
  }
  return null;
};

const descripcion = (error: unknown): string => {
  const partes: string[] = [];
  for (let actual: unknown = error, i = 0; actual instanceof Error && i < 4; i++) {
    partes.push(actual.message);
    actual = actual.cause;
  }
  return partes.join(': ') || String(error);
};

class TiempoAgotado extends Error {}
class CuerpoDemasiadoGrande extends Error {}

const leerCuerpo = async (response: Response, limite: number): Promise<string> => {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const partes: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limite) {
      await reader.cancel().catch(() => {});
      throw new CuerpoDemasiadoGrande(`más de ${limite} bytes`);
    }
    partes.push(value);
  }
  return Buffer.concat(partes).toString('utf8');
};

/**
 * Creates the SRI client for one pair of endpoints (per ambiente or the simulator).
 * @example const sri = createSriClient({ endpoints: endpointsSri('pruebas'), timeouts: { connectMs: 5000, responseMs: 20000 }, logger }); await sri.autorizacionComprobante(clave)
 */
export const createSriClient = (options: SriClientOptions): SriClient => {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const { connectMs, responseMs } = options.timeouts;
  const limite = options.maxResponseBytes ?? 20 * 1024 * 1024;
  const { logger, endpoints } = options;
  const plazosSoap = { cabecerasMs: connectMs + responseMs, cuerpoMs: responseMs };

  const solicitar = async (
    url: string,
    init: { method: 'GET' | 'POST'; body?: string },
    plazos: { cabecerasMs: number; cuerpoMs: number },
  ): Promise<Respuesta | FalloHttp> => {
    const controller = new AbortController();
    let timer = setTimeout(
      () => controller.abort(new TiempoAgotado('cabeceras')),
      plazos.cabecerasMs,
    );
    let conectado = false;
    try {
      const response = await fetchImpl(url, {
        method: init.method,
        headers: init.method === 'POST' ? SOAP_HEADERS : {},
        ...(init.body === undefined ? {} : { body: init.body }),
        signal: controller.signal,
        redirect: 'manual',
      });
      conectado = true;
      clearTimeout(timer);
      const fecha = response.headers.get('date');
      if (fecha !== null && options.onHoraSri !== undefined) {
        const instante = Date.parse(fecha);
        if (!Number.isNaN(instante)) {
          options.onHoraSri({ fuente: 'http_date', instante: new Date(instante) });
        }
      }
      timer = setTimeout(() => controller.abort(new TiempoAgotado('cuerpo')), plazos.cuerpoMs);
      const body = await leerCuerpo(response, limite);
      return { status: response.status, body };
    } catch (error) {
      if (controller.signal.aborted) {
        return {
          kind: 'transitorio',
          reason: 'timeout',
          message: conectado
            ? `El SRI no terminó de responder en ${plazos.cuerpoMs} ms.`
            : `El SRI no respondió en ${plazos.cabecerasMs} ms.`,
          httpStatus: null,
          sent: true,
        };
      }
      if (error instanceof CuerpoDemasiadoGrande) {
        return {
          kind: 'transitorio',
          reason: 'respuesta_invalida',
          message: `Respuesta del SRI demasiado grande (${error.message}).`,
          httpStatus: null,
          sent: true,
        };
      }
      const codigo = codigoDeError(error);
      const previo = codigo === null ? undefined : SIN_CONEXION[codigo];
      if (previo !== undefined && !conectado) {
        return {
          kind: 'transitorio',
          reason: previo,
          message:
            previo === 'conexion_rechazada'
              ? `El SRI rechazó la conexión (${codigo}).`
              : `No hay conexión con el SRI (${codigo}): ${descripcion(error)}`,
          httpStatus: null,
          sent: false,
        };
      }
      // Reset or closed mid-exchange: the SRI may have read the request.
      return {
        kind: 'transitorio',
        reason: 'conexion_cortada',
        message: `Se cortó la conexión con el SRI${codigo === null ? '' : ` (${codigo})`}: ${descripcion(error)}`,
        httpStatus: null,
        sent: true,
      };
    } finally {
      clearTimeout(timer);
    }
  };

  const fallo = (r: Respuesta | FalloHttp): r is FalloHttp => 'kind' in r;

  /** Non-200 answers: a SOAP Fault keeps its reason; anything else is an HTTP error. */
  const conEstadoHttp = (
    leido: { kind: string } | Transitorio,
    respuesta: Respuesta,
  ): Transitorio | null => {
    if (respuesta.status === 200) return null;
    if ('reason' in leido && leido.reason === 'soap_fault') {
      return { ...leido, httpStatus: respuesta.status };
    }
    return {
      kind: 'transitorio',
      reason: 'http_error',
      message: `El SRI respondió HTTP ${respuesta.status}.`,
      httpStatus: respuesta.status,
    };
  };

  const validarComprobante = async (
    comprobanteFirmado: string | Uint8Array,
  ): Promise<RecepcionOutcome> => {
    const inicio = performance.now();
    const respuesta = await solicitar(
      endpoints.recepcion,
      { method: 'POST', body: solicitudValidarComprobante(comprobanteFirmado) },
      plazosSoap,
    );
    if (fallo(respuesta)) {
      const { sent, ...transitorio } = respuesta;
      logger.warn('sri: recepción sin respuesta', {
        reason: respuesta.reason,
        detalle: respuesta.message,
        unknown: sent,
      });
      return { ...transitorio, unknown: sent };
    }
    const leido = leerRespuestaRecepcion(respuesta.body);
    const porEstado = conEstadoHttp(leido, respuesta);
    const resultado: RecepcionOutcome =
      porEstado !== null
        ? { ...porEstado, unknown: true }
        : leido.kind === 'transitorio'
          ? { ...leido, httpStatus: respuesta.status, unknown: true }
          : leido;
    const ms = Math.round(performance.now() - inicio);
    if (resultado.kind === 'transitorio') {
      logger.warn('sri: recepción no válida', {
        reason: resultado.reason,
        detalle: resultado.message,
        httpStatus: respuesta.status,
        inicioCuerpo: respuesta.body.slice(0, 200),
      });
    } else {
      logger.info(`sri: recepción ${resultado.kind}`, {
        claveAcceso: resultado.claveAcceso,
        mensajes: resultado.mensajes,
        ms,
      });
    }
    return resultado;
  };

  const autorizacionComprobante = async (claveAcceso: string): Promise<AutorizacionOutcome> => {
    const inicio = performance.now();
    const respuesta = await solicitar(
      endpoints.autorizacion,
      { method: 'POST', body: solicitudAutorizacionComprobante(claveAcceso) },
      plazosSoap,
    );
    if (fallo(respuesta)) {
      const { sent: _sent, ...transitorio } = respuesta;
      logger.warn('sri: autorización sin respuesta', {
        claveAcceso,
        reason: respuesta.reason,
        detalle: respuesta.message,
      });
      return transitorio;
    }
    const leido = leerRespuestaAutorizacion(respuesta.body, claveAcceso);
    const porEstado = conEstadoHttp(leido, respuesta);
    const resultado: AutorizacionOutcome =
      porEstado ??
      (leido.kind === 'transitorio' ? { ...leido, httpStatus: respuesta.status } : leido);
    const ms = Math.round(performance.now() - inicio);
    if (resultado.kind === 'transitorio') {
      logger.warn('sri: autorización no válida', {
        claveAcceso,
        reason: resultado.reason,
        detalle: resultado.message,
        httpStatus: respuesta.status,
        inicioCuerpo: respuesta.body.slice(0, 200),
      });
    } else {
      if (resultado.kind === 'autorizado' && options.onHoraSri !== undefined) {
        // ISO with its offset, as the web service writes it
        const instante = /(?:Z|[+-]\d{2}:\d{2})$/.test(resultado.fechaAutorizacion)
          ? Date.parse(resultado.fechaAutorizacion)
          : Number.NaN;
        if (!Number.isNaN(instante)) {
          options.onHoraSri({ fuente: 'fecha_autorizacion', instante: new Date(instante) });
        }
      }
      logger.info(`sri: autorización ${resultado.kind}`, {
        claveAcceso,
        mensajes: resultado.mensajes,
        ms,
      });
    }
    return resultado;
  };

  const probe = async (): Promise<ProbeOutcome> => {
    const inicio = performance.now();
    // Only the connect budget: the probe must not hold the worker back.
    const respuesta = await solicitar(
      `${endpoints.recepcion}?wsdl`,
      { method: 'GET' },
      { cabecerasMs: connectMs, cuerpoMs: connectMs },
    );
    if (fallo(respuesta)) {
      return { online: false, reason: respuesta.reason, message: respuesta.message };
    }
    if (respuesta.status !== 200) {
      return {
        online: false,
        reason: 'http_error',
        message: `El SRI respondió HTTP ${respuesta.status} al sondeo.`,
      };
    }
    // A captive portal answers 200 with HTML: only the WSDL proves the SRI is there.
    const wsdl = parsearXml(respuesta.body);
    if (!wsdl.ok || wsdl.value.documentElement?.localName !== 'definitions') {
      return {
        online: false,
        reason: 'respuesta_invalida',
        message: 'El sondeo no devolvió el WSDL del SRI.',
      };
    }
    return { online: true, latencyMs: Math.round(performance.now() - inicio) };
  };

  return { validarComprobante, autorizacionComprobante, probe, endpoints };
};
