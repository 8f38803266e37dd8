/**
 * The update policy (issue 11 §2), free of Electron: which version to take, when to look, and
 * when installing is allowed. A backend does the I/O — electron-updater in the desktop app
 * (`src/main/electron/updater.ts`), `createFeedBackend` under plain Node and in the tests.
 */
import { err, ok, type Result } from '../../shared/result';
import type { Clock, Logger } from '../log';
import type { Canal, UpdateInfo } from './feed';
import type { Actividad, Espera } from './gate';
import { inRollout } from './rollout';
import { compareVersions, parseVersion } from './version';

export type ConfigActualizaciones = {
  /** Base URL of the feed (the folder holding `latest.yml`); null = updates off. */
  url: string | null;
  canal: Canal;
};

export type UpdateBackend = {
  /** Reads the channel's feed file. */
  revisar: (config: { url: string; canal: Canal }) => Promise<Result<UpdateInfo>>;
  /** Downloads the installer of `info` and checks its sha512; resolves with the local file. */
  descargar: (info: UpdateInfo) => Promise<Result<string>>;
  /** Hands over to the installer: now (the app restarts) or when the app quits. */
  instalar: (cuando: 'ahora' | 'al_salir') => void;
  /** The feed baked into the build, when the backend knows one (electron-builder's publish URL). */
  feedPorDefecto?: string | null;
};

export type Decision =
  | { kind: 'nueva' }
  | { kind: 'al_dia' }
  | { kind: 'anterior' }
  | { kind: 'pre_lanzamiento' }
  | { kind: 'fuera_de_lanzamiento'; porcentaje: number };

/**
 * Whether the feed's version should be taken by this install.
 * @example evaluarActualizacion(info, { actual: '1.2.0', canal: 'estable', idInstalacion }) // { kind: 'nueva' }
 */
export const evaluarActualizacion = (
  info: UpdateInfo,
  options: { actual: string; canal: Canal; idInstalacion: string },
): Decision => {
  const offered = parseVersion(info.version);
  const current = parseVersion(options.actual);
  if (offered === null || current === null) {
    throw new Error(`Versión no semántica: ${info.version} / ${options.actual}`);
  }
  const order = compareVersions(offered, current);
  // A lower version in the feed is a mistake or an attack; the database may already be newer.
  if (order < 0) return { kind: 'anterior' };
  if (order === 0) return { kind: 'al_dia' };
  if (options.canal === 'estable' && offered.prerelease.length > 0) {
    return { kind: 'pre_lanzamiento' };
  }
  if (!inRollout(options.idInstalacion, info.stagingPercentage)) {
    return { kind: 'fuera_de_lanzamiento', porcentaje: info.stagingPercentage ?? 100 };
  }
  return { kind: 'nueva' };
};

export type EstadoActualizacion =
  | { fase: 'sin_configurar' }
  | { fase: 'buscando' }
  | { fase: 'al_dia'; revisadaEn: string; nota: string | null }
  | { fase: 'descargando'; version: string }
  | { fase: 'lista'; version: string; esperas: Espera[] }
  | { fase: 'instalando'; version: string }
  | { fase: 'error'; revisadaEn: string; mensaje: string };

export type UpdatePolicy = {
  /** Checks now and every `intervaloMs` after. */
  iniciar: () => void;
  detener: () => void;
  /** Reads the feed and, when a new version applies, downloads it (resolves when done). */
  revisar: () => Promise<EstadoActualizacion>;
  estado: () => EstadoActualizacion;
  /** The supervisor chooses to install now; refused while something must not be interrupted. */
  instalarAhora: () => Result<{ version: string }>;
  /** Called as the app quits: installs a ready update unless something is in flight. */
  alSalir: () => boolean;
};

export type UpdatePolicyDeps = {
  versionActual: string;
  idInstalacion: string;
  config: () => ConfigActualizaciones;
  backend: UpdateBackend;
  actividad: Actividad;
  clock: Clock;
  logger: Logger;
  /** Every few hours by default. */
  intervaloMs?: number;
  /** Injected so tests control time; defaults to setInterval. */
  programar?: (run: () => void, ms: number) => () => void;
};

export const DEFAULT_INTERVAL_MS = 4 * 60 * 60 * 1000;

const defaultProgramar = (run: () => void, ms: number): (() => void) => {
  const timer = setInterval(run, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/**
 * The policy object the app and the Electron glue talk to.
 * @example const policy = createUpdatePolicy({ versionActual: '1.2.0', idInstalacion, config, backend, actividad, clock, logger })
 */
export const createUpdatePolicy = (deps: UpdatePolicyDeps): UpdatePolicy => {
  let estado: EstadoActualizacion = { fase: 'sin_configurar' };
  let lista: { version: string; archivo: string } | null = null;
  let enCurso: Promise<EstadoActualizacion> | null = null;
  let cancelar: (() => void) | null = null;
  const now = () => deps.clock.now().toISOString();

  const revisarUnaVez = async (): Promise<EstadoActualizacion> => {
    const config = deps.config();
    if (config.url === null) {
      estado = lista === null ? { fase: 'sin_configurar' } : estado;
      return estado;
    }
    estado = { fase: 'buscando' };
    const feed = await deps.backend.revisar({ url: config.url, canal: config.canal });
    if (!feed.ok) {
      deps.logger.warn('No se pudo revisar el canal de actualizaciones', {
        code: feed.error.code,
      });
      estado = { fase: 'error', revisadaEn: now(), mensaje: feed.error.message };
      return restaurarLista();
    }
    const info = feed.value;
    const decision = evaluarActualizacion(info, {
      actual: deps.versionActual,
      canal: config.canal,
      idInstalacion: deps.idInstalacion,
    });
    switch (decision.kind) {
      case 'al_dia':
        estado = { fase: 'al_dia', revisadaEn: now(), nota: null };
        return restaurarLista();
      case 'anterior':
        deps.logger.warn('El canal ofrece una versión anterior; no se instala', {
          ofrecida: info.version,
          actual: deps.versionActual,
        });
        estado = {
          fase: 'al_dia',
          revisadaEn: now(),
          nota: `El canal ofrece la versión ${info.version}, anterior a la instalada (${deps.versionActual}); no se instala.`,
        };
        return restaurarLista();
      case 'pre_lanzamiento':
        estado = {
          fase: 'al_dia',
          revisadaEn: now(),
          nota: `La versión ${info.version} es de prueba; el canal estable no la instala.`,
        };
        return restaurarLista();
      case 'fuera_de_lanzamiento':
        estado = {
          fase: 'al_dia',
          revisadaEn: now(),
          nota: `La versión ${info.version} se entrega de a poco (${decision.porcentaje} % de las cajas); esta caja la recibirá más adelante.`,
        };
        return restaurarLista();
      case 'nueva':
        break;
    }
    if (lista?.version === info.version) return restaurarLista();
    estado = { fase: 'descargando', version: info.version };
    deps.logger.info('Descargando actualización', { version: info.version });
    const descargada = await deps.backend.descargar(info);
    if (!descargada.ok) {
      deps.logger.warn('Actualización rechazada', {
        version: info.version,
        code: descargada.error.code,
      });
      estado = { fase: 'error', revisadaEn: now(), mensaje: descargada.error.message };
      return restaurarLista();
    }
    lista = { version: info.version, archivo: descargada.value };
    deps.logger.info('Actualización descargada', { version: info.version });
    return restaurarLista();
  };

  /** A ready download stays the visible state: a later failed check must not hide it. */
  const restaurarLista = (): EstadoActualizacion => {
    if (lista !== null && estado.fase !== 'error') {
      estado = { fase: 'lista', version: lista.version, esperas: deps.actividad.esperas() };
    }
    return estado;
  };

  const revisar = (): Promise<EstadoActualizacion> => {
    if (enCurso !== null) return enCurso;
    enCurso = revisarUnaVez()
      .catch((error: unknown) => {
        deps.logger.error('Error al revisar actualizaciones', {
          error: error instanceof Error ? error.message : String(error),
        });
        estado = {
          fase: 'error',
          revisadaEn: now(),
          mensaje: 'No se pudo revisar si hay actualizaciones.',
        };
        return estado;
      })
      .finally(() => {
        enCurso = null;
      });
    return enCurso;
  };

  return {
    iniciar: () => {
      if (cancelar !== null) return;
      void revisar();
      cancelar = (deps.programar ?? defaultProgramar)(() => {
        void revisar();
      }, deps.intervaloMs ?? DEFAULT_INTERVAL_MS);
    },
    detener: () => {
      cancelar?.();
      cancelar = null;
    },
    revisar,
    estado: () => (estado.fase === 'lista' ? restaurarLista() : estado),
    instalarAhora: () => {
      if (lista === null) {
        return err('sin_actualizacion', 'No hay una actualización descargada para instalar.');
      }
      const esperas = deps.actividad.esperas();
      if (esperas.length > 0) {
        return err(
          'actualizacion_en_espera',
          `La actualización ${lista.version} se instalará cuando termine lo que está en curso: ${esperas.map((e) => e.mensaje).join(' ')}`,
        );
      }
      estado = { fase: 'instalando', version: lista.version };
      deps.logger.info('Instalando actualización', { version: lista.version });
      deps.backend.instalar('ahora');
      return ok({ version: lista.version });
    },
    alSalir: () => {
      if (lista === null) return false;
      const esperas = deps.actividad.esperas();
      if (esperas.length > 0) {
        deps.logger.info('Actualización aplazada al cerrar', {
          version: lista.version,
          motivos: esperas.map((e) => e.motivo),
        });
        return false;
      }
      estado = { fase: 'instalando', version: lista.version };
      deps.logger.info('Actualización instalada al cerrar', { version: lista.version });
      deps.backend.instalar('al_salir');
      return true;
    },
  };
};
