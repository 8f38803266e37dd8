/**
 * The hosted-API service behind Ajustes → «API de Factio», Conciliación and the checkout's buyer
 * look-up: the key in the keychain (never in SQLite, logs or answers — only "configured" and its
 * last four characters), the environment, the sync worker, and the reconciliation counts.
 */
import * as z from 'zod';
import type { CompradorGuardado } from '../../shared/contract/catalogo';
import type {
  AmbienteFactio,
  ConciliacionFactio,
  FactioEstado,
  PruebaFactio,
} from '../../shared/contract/sync';
import { err, ok, type Result } from '../../shared/result';
import {
  type Buyer,
  type Database,
  deleteSetting,
  findBuyerByIdentificacion,
  getSetting,
  type IdGenerator,
  setSetting,
  upsertBuyer,
} from '../db';
import type { JobRunner } from '../jobs';
import type { Clock, Logger } from '../log';
import type { Keychain } from '../secrets';
import { createFactioClient, type FactioClient, type FactioTimeouts } from './client';
import { RECURSOS_PULL } from './pull';
import { createSyncRepo } from './repo';
import { createSyncWorker, type SyncOptions, type SyncWorker } from './worker';

/** Keychain account of the API key (service «Mostrador»). */
export const FACTIO_KEY_ACCOUNT = 'factio/api-key';

export const FACTIO_SETTINGS = {
  ambiente: 'factio.ambiente',
  /** A custom base URL (self-hosted, staging, tests); null uses the environment's. */
  url: 'factio.url',
  /** Last four characters of the key, so Ajustes can tell keys apart without the keychain. */
  claveFinal: 'factio.clave_final',
} as const;

/**
 * Base URLs per environment (assumption, docs/hosted-api.md §1: the index names «Sandbox y
 * Producción» without giving hosts).
 */
export const FACTIO_URLS: Record<AmbienteFactio, string> = {
  sandbox: 'https://sandbox.api.factioapp.com',
  produccion: 'https://api.factioapp.com',
};

/** The checkout waits this long for an online buyer look-up, then goes on without it. */
const LOOKUP_TIMEOUTS: FactioTimeouts = { connectMs: 2_500, responseMs: 4_000 };

export type ConsultaComprador = {
  comprador: CompradorGuardado | null;
  fuente: 'local' | 'factio' | 'sri_cache' | 'sri' | null;
  enLinea: boolean;
  mensaje: string | null;
};

export type SyncService = {
  start: () => void;
  stop: () => Promise<void>;
  /** A sale or a status change happened: mirror it soon. */
  wake: () => void;
  estado: () => FactioEstado;
  guardarClave: (clave: string) => Promise<Result<FactioEstado>>;
  eliminarClave: () => Promise<Result<FactioEstado>>;
  probar: () => Promise<PruebaFactio>;
  configurar: (ambiente: AmbienteFactio, url: string | null) => FactioEstado;
  sincronizar: () => FactioEstado;
  conciliacion: (desde: string, hasta: string) => Promise<ConciliacionFactio>;
  consultarComprador: (identificacion: string) => Promise<ConsultaComprador>;
  /** The sync can carry the buyer's e-mail: a key saved and not refused. */
  correoDisponible: () => boolean;
  /** «Resend Document Email» for a pushed document, as the e-mail job reads outcomes. */
  reenviarCorreo: (remoteId: string, para: string) => Promise<ResultadoCorreoFactio>;
  /** The worker, for tests and benchmarks. */
  worker: SyncWorker;
};

/** What Factio's e-mail did: sent, refused for good (400/404/422), or try again later. */
export type ResultadoCorreoFactio =
  | { kind: 'enviado' }
  | { kind: 'rechazado'; motivo: string }
  | { kind: 'reintentar'; detalle: string };

export type SyncServiceDeps = {
  db: Database;
  keychain: Keychain;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  random: () => number;
  /** Ajustes shows the state live. */
  onChange: (estado: FactioEstado) => void;
  fetch?: typeof fetch;
  timeouts?: FactioTimeouts;
  options?: Partial<SyncOptions>;
  /** The app's job runner, where the sync kind registers. */
  runner?: JobRunner;
};

const compradorGuardado = (b: Buyer): CompradorGuardado => ({
  id: b.id,
  tipoIdentificacion: b.tipoIdentificacion,
  identificacion: b.identificacion,
  razonSocial: b.razonSocial,
  email: b.email,
  telefono: b.telefono,
  direccion: b.direccion,
});

/**
 * @example const sync = createSyncService({ db, keychain, clock, ids, logger, random: Math.random, onChange });
 */
export const createSyncService = (deps: SyncServiceDeps): SyncService => {
  const { db, keychain, logger, clock } = deps;
  const repo = createSyncRepo(db.sqlite);

  const ambiente = (): AmbienteFactio => {
    const r = getSetting(db, FACTIO_SETTINGS.ambiente, z.enum(['sandbox', 'produccion']));
    return r.ok && r.value !== undefined ? r.value : 'sandbox';
  };
  const urlPropia = (): string | null => {
    const r = getSetting(db, FACTIO_SETTINGS.url, z.string().nullable());
    return r.ok && r.value !== undefined ? r.value : null;
  };
  const baseUrl = (): string => urlPropia() ?? FACTIO_URLS[ambiente()];
  const claveFinal = (): string | null => {
    const r = getSetting(db, FACTIO_SETTINGS.claveFinal, z.string().max(4));
    return r.ok && r.value !== undefined ? r.value : null;
  };

  const client: FactioClient = createFactioClient({
    baseUrl,
    apiKey: () => keychain.get(FACTIO_KEY_ACCOUNT),
    clock,
    logger,
    ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
    ...(deps.timeouts === undefined ? {} : { timeouts: deps.timeouts }),
  });

  const estado = (): FactioEstado => {
    const s = worker.status();
    const configurada = claveFinal() !== null;
    const productos = repo.state('productos');
    const states = new Map(repo.states().map((r) => [r.resource, r]));
    const recursos = RECURSOS_PULL.map((recurso) => ({
      recurso,
      ultimaSincronizacion: states.get(recurso)?.lastSyncedAt ?? null,
      error: states.get(recurso)?.lastError ?? null,
    }));
    const fechas = recursos
      .map((r) => r.ultimaSincronizacion)
      .filter((f): f is string => f !== null)
      .sort();
    return {
      configurada,
      claveFinal: claveFinal(),
      ambiente: ambiente(),
      url: baseUrl(),
      urlPersonalizada: urlPropia() !== null,
      estado: configurada ? s.estado : 'sin_clave',
      mensaje: configurada ? s.mensaje : null,
      // The oldest of the three: everything is at least this fresh.
      ultimaSincronizacion:
        fechas.length === RECURSOS_PULL.length
          ? (fechas[0] ?? null)
          : (productos?.lastSyncedAt ?? null),
      sincronizando: s.sincronizando,
      pendientes: repo.pendingCount(),
      conError: repo.deadCount(),
      ultimoErrorDocumento: repo.lastDeadError(),
      recursos,
    };
  };

  const worker = createSyncWorker({
    db,
    client,
    clock,
    ids: deps.ids,
    logger,
    random: deps.random,
    onChange: () => deps.onChange(estado()),
    ...(deps.options === undefined ? {} : { options: deps.options }),
    ...(deps.runner === undefined ? {} : { runner: deps.runner }),
  });

  const probar = async (): Promise<PruebaFactio> => {
    const r = await client.probar();
    if (r.ok) {
      return {
        exito: true,
        mensaje: `Conexión correcta con Factio (${baseUrl()}).`,
        latenciaMs: r.value.latenciaMs,
      };
    }
    return { exito: false, mensaje: r.error.message, latenciaMs: null };
  };

  return {
    start: () => worker.start(),
    stop: () => worker.stop(),
    wake: () => worker.wake(),
    estado,
    guardarClave: async (clave) => {
      const saved = await keychain.set(FACTIO_KEY_ACCOUNT, clave);
      if (!saved.ok) {
        return err(
          saved.error.code,
          `No se guardó la clave de Factio: ${saved.error.message.replace(/ Mostrador no guardará la firma sin protección\.$/, '')} La clave nunca se guarda fuera del llavero.`,
        );
      }
      setSetting(db, FACTIO_SETTINGS.claveFinal, clave.slice(-4), clock);
      logger.info('Clave de la API de Factio guardada en el llavero');
      worker.resume();
      return ok(estado());
    },
    eliminarClave: async () => {
      const removed = await keychain.delete(FACTIO_KEY_ACCOUNT);
      if (!removed.ok) return removed;
      deleteSetting(db, FACTIO_SETTINGS.claveFinal);
      logger.info('Clave de la API de Factio eliminada del llavero');
      worker.wake();
      return ok(estado());
    },
    probar,
    correoDisponible: () => claveFinal() !== null && worker.status().estado !== 'pausada',
    reenviarCorreo: async (remoteId, para) => {
      const r = await client.reenviarCorreo(remoteId, para);
      if (r.ok) return { kind: 'enviado' };
      switch (r.error.code) {
        case 'rechazado':
        case 'no_encontrado':
          return { kind: 'rechazado', motivo: r.error.message };
        default:
          // Offline, 5xx, 429, a key problem, or 409 while Factio has not heard of the
          // authorization yet: the job waits and tries again.
          return { kind: 'reintentar', detalle: r.error.message };
      }
    },
    configurar: (nuevo, url) => {
      setSetting(db, FACTIO_SETTINGS.ambiente, nuevo, clock);
      if (url === null) deleteSetting(db, FACTIO_SETTINGS.url);
      else setSetting(db, FACTIO_SETTINGS.url, url.replace(/\/+$/, ''), clock);
      logger.info('Ambiente de Factio cambiado', { ambiente: nuevo, urlPropia: url !== null });
      worker.resume();
      return estado();
    },
    sincronizar: () => {
      if (worker.status().estado !== 'activa') worker.resume();
      worker.requestPull();
      return estado();
    },
    conciliacion: async (desde, hasta) => {
      const locales = db.sqlite
        .prepare<[string, string], { fecha: string; locales: number; confirmados: number }>(
          `SELECT fecha_emision AS fecha, COUNT(*) AS locales,
                  SUM(CASE WHEN remote_id IS NOT NULL THEN 1 ELSE 0 END) AS confirmados
           FROM document WHERE fecha_emision BETWEEN ? AND ? GROUP BY fecha_emision`,
        )
        .all(desde, hasta);
      const porFecha = new Map(locales.map((l) => [l.fecha, l]));
      const dias: ConciliacionFactio['dias'] = [];
      let mensaje: string | null = null;
      for (
        let t = Date.parse(`${desde}T00:00:00Z`);
        t <= Date.parse(`${hasta}T00:00:00Z`);
        t += 86_400_000
      ) {
        const fecha = new Date(t).toISOString().slice(0, 10);
        let enFactio: number | null = null;
        if (mensaje === null) {
          const r = await client.contarDocumentos(fecha);
          if (r.ok) enFactio = r.value;
          else mensaje = `No se pudo consultar a Factio: ${r.error.message}`;
        }
        const l = porFecha.get(fecha);
        dias.push({ fecha, locales: l?.locales ?? 0, confirmados: l?.confirmados ?? 0, enFactio });
      }
      return { dias, mensaje };
    },
    consultarComprador: async (identificacion) => {
      const local = findBuyerByIdentificacion(db, identificacion);
      if (local !== undefined) {
        return {
          comprador: compradorGuardado(local),
          fuente: 'local',
          enLinea: true,
          mensaje: null,
        };
      }
      const status = worker.status().estado;
      if (claveFinal() === null || status === 'pausada') {
        return {
          comprador: null,
          fuente: null,
          enLinea: false,
          mensaje:
            'No está en la base local; la consulta en línea no está disponible (revise la clave de Factio en Ajustes).',
        };
      }
      if (status === 'sin_conexion') {
        return {
          comprador: null,
          fuente: null,
          enLinea: false,
          mensaje:
            'No está en la base local y no hay conexión con Factio: escriba los datos del comprador.',
        };
      }
      const r = await client.consultarComprador(identificacion, LOOKUP_TIMEOUTS);
      if (!r.ok) {
        return {
          comprador: null,
          fuente: null,
          enLinea: false,
          mensaje: `No está en la base local y la consulta en línea falló: ${r.error.message}`,
        };
      }
      if (r.value === null) {
        return {
          comprador: null,
          fuente: null,
          enLinea: true,
          mensaje:
            'Ni Factio ni el SRI conocen esta identificación: escriba los datos del comprador.',
        };
      }
      const b = r.value.buyer;
      const guardado = upsertBuyer(
        db,
        {
          tipoIdentificacion: b.identification_type,
          identificacion: b.identification,
          razonSocial: b.name,
          ...(b.email === null ? {} : { email: b.email }),
          ...(b.phone === null ? {} : { telefono: b.phone }),
          ...(b.address === null ? {} : { direccion: b.address }),
          ...(b.id === undefined || b.id === null ? {} : { remoteId: b.id }),
        },
        { clock, ids: deps.ids },
      );
      return {
        comprador: compradorGuardado(guardado),
        fuente: r.value.source === 'tenant' ? 'factio' : r.value.source,
        enLinea: true,
        mensaje: null,
      };
    },
    worker,
  };
};
