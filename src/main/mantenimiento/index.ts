/**
 * Backups, archive, diagnostics and updates put together for `createApp` (issue 11): the
 * restore step that must run before the database opens, and the services and handlers after.
 */
import path from 'node:path';
import { err, ok, type Result } from '../../shared/result';
import {
  createActividad,
  createUpdatePolicy,
  documentosEnEnvio,
  installId,
  leerConfigActualizaciones,
  type UpdateBackend,
} from '../actualizaciones';
import { type Database, defaultMigrationsDir, loadMigrations, type Migration } from '../db';
import type { Clock, Logger } from '../log';
import { aplicarRestauracionPendiente, createBackupService } from '../respaldos';
import { createMantenimientoHandlers, type Dialogos } from './handlers';

export { createMantenimientoHandlers, type Dialogos, MAX_DESCARGA_BYTES } from './handlers';

/** Logs live here in both shells: the host's file logger and electron-log write to it. */
export const logsDirOf = (dataDir: string): string => path.join(dataDir, 'logs');

const migrationsOrThrow = (): Migration[] => {
  const loaded = loadMigrations(defaultMigrationsDir());
  // openDatabase loads the same folder first and refuses to start without it.
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
};

/**
 * Run before `openDatabase`: applies a restore staged in Respaldos. Returns the sentence to
 * show in Respaldos (done or refused), or null when there was none.
 * @example const aviso = restaurarAntesDeAbrir({ dataDir, databaseFile, clock, logger })
 */
export const restaurarAntesDeAbrir = (options: {
  dataDir: string;
  databaseFile: string;
  clock: Clock;
  logger: Logger;
}): string | null => {
  const migrations = loadMigrations(defaultMigrationsDir());
  if (!migrations.ok) return null;
  const applied = aplicarRestauracionPendiente({
    dataDir: options.dataDir,
    databaseFile: options.databaseFile,
    backupDir: path.join(options.dataDir, 'backups'),
    migrations: migrations.value,
    clock: options.clock,
    logger: options.logger,
  });
  if (!applied.ok) return applied.error.message;
  if (applied.value === null) return null;
  return `Se restauró el respaldo ${path.basename(applied.value.origen)}.${
    applied.value.copiaDeSeguridad === null
      ? ''
      : ` La base anterior quedó guardada en ${applied.value.copiaDeSeguridad}.`
  }${
    applied.value.danadaEn === undefined
      ? ''
      : ` La base dañada se apartó, sin verificar, en ${applied.value.danadaEn}.`
  }`;
};

export type MantenimientoDeps = {
  db: Database;
  dataDir: string;
  version: string;
  clock: Clock;
  logger: Logger;
  avisoRestauracion: string | null;
  /** electron-updater in the desktop app; none in the browser host (updates come with npm). */
  updateBackend?: UpdateBackend | undefined;
  /** The feed baked into the build (`MOSTRADOR_UPDATE_URL` at package time). */
  feedPorDefecto?: string | null | undefined;
  dialogos?: Dialogos | undefined;
  reiniciar?: (() => void) | undefined;
};

const sinActualizador: UpdateBackend = {
  revisar: async () =>
    err(
      'sin_actualizador',
      'Las actualizaciones automáticas son de la aplicación de escritorio; en el navegador actualice con npm.',
    ),
  descargar: async () => err('sin_actualizador', 'Sin actualizador.'),
  instalar: () => {
    throw new Error('instalar sin actualizador');
  },
};

/**
 * @example const mantenimiento = createMantenimiento({ db, dataDir, version, clock, logger, avisoRestauracion })
 */
export const createMantenimiento = (deps: MantenimientoDeps) => {
  const respaldos = createBackupService({
    db: deps.db,
    dataDir: deps.dataDir,
    migrations: migrationsOrThrow(),
    clock: deps.clock,
    logger: deps.logger,
  });
  const actividad = createActividad({ enEnvio: documentosEnEnvio(deps.db.sqlite) });
  const feedPorDefecto =
    deps.feedPorDefecto ??
    (deps.updateBackend as { feedPorDefecto?: string | null } | undefined)?.feedPorDefecto ??
    null;
  const actualizaciones = createUpdatePolicy({
    versionActual: deps.version,
    idInstalacion: installId(deps.dataDir),
    config: () => leerConfigActualizaciones(deps.db, feedPorDefecto),
    backend: deps.updateBackend ?? sinActualizador,
    actividad,
    clock: deps.clock,
    logger: deps.logger,
  });
  const handlers = createMantenimientoHandlers({
    db: deps.db,
    dataDir: deps.dataDir,
    logsDir: logsDirOf(deps.dataDir),
    version: deps.version,
    clock: deps.clock,
    logger: deps.logger,
    respaldos,
    actualizaciones,
    actividad,
    feedPorDefecto,
    avisoRestauracion: deps.avisoRestauracion,
    ...(deps.dialogos === undefined ? {} : { dialogos: deps.dialogos }),
    ...(deps.reiniciar === undefined ? {} : { reiniciar: deps.reiniciar }),
  });
  return {
    handlers,
    respaldos,
    actividad,
    actualizaciones,
    /** Wraps a handler so no update installs while it runs (credit notes). */
    ocupadoDurante: <I, C, O>(
      motivo: 'nota_credito',
      handler: (input: I, ctx: C) => O | Promise<O>,
    ): ((input: I, ctx: C) => Promise<O>) => {
      return async (input, ctx) => {
        const release = actividad.ocupar(motivo);
        try {
          return await handler(input, ctx);
        } finally {
          release();
        }
      };
    },
    /** Daily backups always; update checks only where there is an updater. */
    iniciar: (): Result<null> => {
      respaldos.iniciar();
      if (deps.updateBackend !== undefined) actualizaciones.iniciar();
      return ok(null);
    },
    /** On close: a downloaded update installs as the app quits, unless something is in flight. */
    detener: (): void => {
      actualizaciones.alSalir();
      respaldos.detener();
      actualizaciones.detener();
    },
  };
};

export type Mantenimiento = ReturnType<typeof createMantenimiento>;
