/**
 * HTTP client of the hosted Factio API (docs/architecture.md §9). The API key comes from the keychain on
 * every request (so removing it takes effect at once) and travels only in `x-api-key`; it is
 * never logged. Every answer is parsed with the schemas of `api.ts`: a malformed one is logged
 * and returned as `respuesta_invalida`, never trusted and never thrown. Failures are typed so
 * the sync worker can decide: 401 pauses the sync, 409 means "already there", 422 needs a person,
 * 429 waits `Retry-After`, 5xx/timeouts/no network back off.
 */
import { z } from 'zod';
import { ok, type Result } from '../../shared/result';
import type { Clock, Logger } from '../log';
import {
  type ActualizarEstadoFactio,
  actualizarEstadoFactioSchema,
  type BuyerLookupFactio,
  buyerLookupFactioSchema,
  type CrearDocumentoFactio,
  crearDocumentoFactioSchema,
  type DocumentoAceptadoFactio,
  type DocumentoFactio,
  documentoAceptadoFactioSchema,
  documentoFactioSchema,
  type ErrorFactio,
  errorFactioSchema,
  estadoActualizadoFactioSchema,
  type PaginaFactio,
  paginaSchema,
} from './api';

export type FactioFalloCodigo =
  | 'sin_clave'
  | 'clave_invalida'
  | 'duplicado'
  | 'rechazado'
  | 'no_encontrado'
  | 'limite'
  | 'servidor'
  | 'tiempo_agotado'
  | 'sin_conexion'
  | 'respuesta_invalida';

export type FactioError = {
  code: FactioFalloCodigo;
  /** Spanish, shown in Ajustes and Conciliación. */
  message: string;
  status: number | null;
  /** 429 (and 503 when given): how long the server asked us to wait. */
  retryAfterMs: number | null;
  /** 409 bodies may name the document that already holds the idempotency key. */
  remoteId: string | null;
};

export type FactioResult<T> = Result<T, FactioError>;

export type FactioTimeouts = {
  /** Budget until the response headers arrive (connect + server think time). */
  connectMs: number;
  /** Budget to read the body once headers arrived. */
  responseMs: number;
};

export const DEFAULT_FACTIO_TIMEOUTS: FactioTimeouts = { connectMs: 5_000, responseMs: 15_000 };

export type FactioClientOptions = {
  /** Read on every request: the environment can change in Ajustes while running. */
  baseUrl: () => string;
  /** The key from the keychain; `ok(null)` when none is configured. */
  apiKey: () => Promise<Result<string | null>>;
  timeouts?: FactioTimeouts;
  fetch?: typeof fetch;
  clock: Clock;
  logger: Logger;
  maxResponseBytes?: number;
};

export type FactioClient = {
  /** An authenticated, cheap call: proves the URL answers and the key is accepted. */
  probar: () => Promise<FactioResult<{ latenciaMs: number }>>;
  /** One page of a list endpoint; items are returned unparsed, for per-item validation. */
  listar: (
    ruta: string,
    query: Record<string, string | number | boolean | undefined>,
  ) => Promise<FactioResult<PaginaFactio>>;
  /** Buyer look-up by RUC/cédula; `ok(null)` when nobody knows it. */
  consultarComprador: (
    identificacion: string,
    timeouts?: FactioTimeouts,
  ) => Promise<FactioResult<BuyerLookupFactio | null>>;
  crearDocumento: (body: CrearDocumentoFactio) => Promise<FactioResult<DocumentoAceptadoFactio>>;
  /** The document holding `idempotencyKey`, to confirm a 409 or a lost answer. */
  buscarDocumento: (idempotencyKey: string) => Promise<FactioResult<DocumentoFactio | null>>;
  actualizarEstado: (
    remoteId: string,
    body: ActualizarEstadoFactio,
  ) => Promise<FactioResult<{ status: string }>>;
  /** How many POS documents of one emission day the hosted side holds. */
  contarDocumentos: (fecha: string) => Promise<FactioResult<number>>;
  /**
   * «Resend Document Email»: Factio e-mails the authorized document, to `email` when given
   * (assumption, docs/hosted-api.md §5: `POST /documents/{id}/resend-email`, body `{ email }`).
   */
  reenviarCorreo: (remoteId: string, email: string | null) => Promise<FactioResult<void>>;
};

/**
 * `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or
 * unreadable. Never negative.
 * @example parseRetryAfter('3', new Date()) // 3000
 */
export const parseRetryAfter = (value: string | null, now: Date): number | null => {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
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
      await reader.cancel();
      throw new CuerpoDemasiadoGrande(`${total} bytes`);
    }
    partes.push(value);
  }
  return Buffer.concat(partes).toString('utf8');
};

const detalleDe = (body: ErrorFactio | null): string | null => {
  if (body === null) return null;
  if (typeof body.detail === 'string') return body.detail;
  if (Array.isArray(body.detail)) {
    const partes = body.detail.map((d) =>
      [d.loc?.filter((l) => l !== 'body').join('.'), d.msg].filter(Boolean).join(': '),
    );
    return partes.length === 0 ? null : partes.join('; ');
  }
  return body.message ?? null;
};

const fallo = (
  code: FactioFalloCodigo,
  message: string,
  extra: Partial<Omit<FactioError, 'code' | 'message'>> = {},
): { ok: false; error: FactioError } => ({
  ok: false,
  error: {
    code,
    message,
    status: extra.status ?? null,
    retryAfterMs: extra.retryAfterMs ?? null,
    remoteId: extra.remoteId ?? null,
  },
});

/** Maps a non-2xx answer to a typed failure with a Spanish message. */
const falloHttp = (
  status: number,
  body: ErrorFactio | null,
  retryAfterMs: number | null,
): { ok: false; error: FactioError } => {
  const detalle = detalleDe(body);
  const con = (texto: string) => (detalle === null ? texto : `${texto}: ${detalle}`);
  if (status === 401 || status === 403) {
    return fallo(
      'clave_invalida',
      'Factio rechazó la clave de la API (no es válida, fue revocada o no tiene permiso). La sincronización quedó en pausa: ingrese una clave nueva en Ajustes.',
      { status },
    );
  }
  if (status === 409) {
    return fallo('duplicado', con('Factio ya tiene este documento'), {
      status,
      remoteId: body?.document_id ?? null,
    });
  }
  if (status === 404)
    return fallo('no_encontrado', con('Factio no encontró el recurso'), { status });
  if (status === 400 || status === 422) {
    return fallo('rechazado', con('Factio rechazó los datos'), { status });
  }
  if (status === 429) {
    return fallo(
      'limite',
      `Factio pidió esperar antes de seguir (demasiadas solicitudes${retryAfterMs === null ? '' : `; reintento en ${Math.ceil(retryAfterMs / 1000)} s`}).`,
      { status, retryAfterMs },
    );
  }
  if (status >= 500) {
    return fallo('servidor', con(`Factio respondió con un error del servidor (HTTP ${status})`), {
      status,
      retryAfterMs,
    });
  }
  return fallo('rechazado', con(`Factio respondió HTTP ${status}`), { status });
};

/**
 * Creates the client. Requests carry `x-api-key`; the key is never logged.
 * @example const factio = createFactioClient({ baseUrl: () => url, apiKey: async () => ok(key), clock, logger });
 */
export const createFactioClient = (options: FactioClientOptions): FactioClient => {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const defaults = options.timeouts ?? DEFAULT_FACTIO_TIMEOUTS;
  const limite = options.maxResponseBytes ?? 20 * 1024 * 1024;
  const { logger, clock } = options;

  type Crudo = { status: number; body: string; retryAfterMs: number | null };

  const enviar = async (
    method: 'GET' | 'POST' | 'PATCH',
    ruta: string,
    init: { query?: Record<string, string | number | boolean | undefined>; body?: unknown },
    timeouts: FactioTimeouts,
  ): Promise<FactioResult<Crudo>> => {
    const clave = await options.apiKey();
    if (!clave.ok) {
      return fallo('sin_clave', `No se pudo leer la clave de Factio: ${clave.error.message}`);
    }
    if (clave.value === null) {
      return fallo('sin_clave', 'No hay una clave de la API de Factio configurada en Ajustes.');
    }
    let url: URL;
    try {
      url = new URL(ruta.replace(/^\//, ''), `${options.baseUrl().replace(/\/+$/, '')}/`);
    } catch {
      return fallo('sin_conexion', `La dirección de Factio «${options.baseUrl()}» no es válida.`);
    }
    for (const [k, v] of Object.entries(init.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const controller = new AbortController();
    let timer = setTimeout(() => controller.abort(new TiempoAgotado()), timeouts.connectMs);
    let conectado = false;
    const inicio = performance.now();
    try {
      const response = await fetchImpl(url, {
        method,
        headers: {
          'x-api-key': clave.value,
          accept: 'application/json',
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: controller.signal,
        redirect: 'error',
      });
      conectado = true;
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new TiempoAgotado()), timeouts.responseMs);
      const body = await leerCuerpo(response, limite);
      const ms = Math.round(performance.now() - inicio);
      logger.debug('Factio respondió', { method, ruta: url.pathname, status: response.status, ms });
      return ok({
        status: response.status,
        body,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), clock.now()),
      });
    } catch (error) {
      if (controller.signal.aborted) {
        logger.warn('Factio no respondió a tiempo', { method, ruta: url.pathname, conectado });
        return fallo(
          'tiempo_agotado',
          conectado
            ? `Factio no terminó de responder en ${timeouts.responseMs / 1000} s.`
            : `Factio no respondió en ${timeouts.connectMs / 1000} s.`,
        );
      }
      if (error instanceof CuerpoDemasiadoGrande) {
        logger.warn('Respuesta de Factio demasiado grande', { ruta: url.pathname });
        return fallo('respuesta_invalida', 'La respuesta de Factio es demasiado grande.');
      }
      const causa =
        error instanceof Error && error.cause instanceof Error
          ? error.cause.message
          : error instanceof Error
            ? error.message
            : String(error);
      logger.info('Sin conexión con Factio', { method, ruta: url.pathname, causa });
      return fallo('sin_conexion', `No hay conexión con Factio (${causa}).`);
    } finally {
      clearTimeout(timer);
    }
  };

  const leerJson = (ruta: string, texto: string): unknown => {
    try {
      return JSON.parse(texto);
    } catch {
      logger.warn('Respuesta de Factio que no es JSON', { ruta, bytes: texto.length });
      return undefined;
    }
  };

  /** Sends, maps HTTP failures, and parses a 2xx body with `schema`. */
  const pedir = async <S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PATCH',
    ruta: string,
    schema: S,
    init: { query?: Record<string, string | number | boolean | undefined>; body?: unknown } = {},
    timeouts: FactioTimeouts = defaults,
  ): Promise<FactioResult<z.output<S>>> => {
    const crudo = await enviar(method, ruta, init, timeouts);
    if (!crudo.ok) return crudo;
    const { status, body, retryAfterMs } = crudo.value;
    if (status < 200 || status >= 300) {
      const parsed = errorFactioSchema.safeParse(leerJson(ruta, body));
      if (status === 401 || status === 403) {
        logger.warn('Factio rechazó la clave de la API', { ruta, status });
      } else if (status !== 404) {
        logger.info('Factio respondió con error', { method, ruta, status });
      }
      return falloHttp(status, parsed.success ? parsed.data : null, retryAfterMs);
    }
    const parsed = schema.safeParse(leerJson(ruta, body));
    if (!parsed.success) {
      logger.warn('Respuesta de Factio que no cumple el contrato; se descarta', {
        method,
        ruta,
        status,
        problema: parsed.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; '),
      });
      return fallo(
        'respuesta_invalida',
        'Factio envió una respuesta que no cumple el contrato; se descartó y se reintentará.',
        { status },
      );
    }
    return ok(parsed.data);
  };

  return {
    probar: async () => {
      const inicio = performance.now();
      const r = await pedir('GET', '/issuers', paginaSchema, { query: { page: 1, page_size: 1 } });
      if (!r.ok) return r;
      return ok({ latenciaMs: Math.round(performance.now() - inicio) });
    },
    listar: (ruta, query) => pedir('GET', ruta, paginaSchema, { query }),
    consultarComprador: async (identificacion, timeouts) => {
      const r = await pedir(
        'GET',
        '/buyers/lookup',
        buyerLookupFactioSchema,
        { query: { identification: identificacion } },
        timeouts ?? defaults,
      );
      if (!r.ok && r.error.code === 'no_encontrado') return ok(null);
      return r;
    },
    crearDocumento: (body) =>
      // Our own body is checked too: a mapping bug must not reach the hosted side.
      pedir('POST', '/documents', documentoAceptadoFactioSchema, {
        body: crearDocumentoFactioSchema.parse(body),
      }),
    buscarDocumento: async (idempotencyKey) => {
      const r = await pedir('GET', '/documents', paginaSchema, {
        query: { idempotency_key: idempotencyKey, page: 1, page_size: 1 },
      });
      if (!r.ok) return r;
      const primero = r.value.items[0];
      if (primero === undefined) return ok(null);
      const doc = documentoFactioSchema.safeParse(primero);
      if (!doc.success) {
        logger.warn('Documento de Factio que no cumple el contrato', { idempotencyKey });
        return fallo('respuesta_invalida', 'Factio envió un documento que no cumple el contrato.');
      }
      return ok(doc.data);
    },
    actualizarEstado: async (remoteId, body) => {
      const r = await pedir(
        'PATCH',
        `/documents/${encodeURIComponent(remoteId)}/status`,
        estadoActualizadoFactioSchema,
        { body: actualizarEstadoFactioSchema.parse(body) },
      );
      return r.ok ? ok({ status: r.value.status }) : r;
    },
    reenviarCorreo: async (remoteId, email) => {
      const r = await pedir(
        'POST',
        `/documents/${encodeURIComponent(remoteId)}/resend-email`,
        // Whatever it answers on 2xx: only the status matters to us.
        z.unknown(),
        { body: email === null ? {} : { email } },
      );
      return r.ok ? ok(undefined) : r;
    },
    contarDocumentos: async (fecha) => {
      const r = await pedir('GET', '/documents', paginaSchema, {
        query: {
          issue_date_from: fecha,
          issue_date_to: fecha,
          origin: 'pos',
          page: 1,
          page_size: 1,
        },
      });
      return r.ok ? ok(r.value.total) : r;
    },
  };
};

/** The failures that say nothing about the document: retry later with backoff. */
export const esTransitorio = (e: FactioError): boolean =>
  e.code === 'servidor' ||
  e.code === 'tiempo_agotado' ||
  e.code === 'sin_conexion' ||
  e.code === 'respuesta_invalida' ||
  e.code === 'limite';
