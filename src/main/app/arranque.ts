/**
 * Starting the app with a way back (issue 17 §1–3). Before the database opens it gets a
 * `quick_check`; a damaged or unopenable store does not start the services at all: the shells
 * (browser host, Electron) serve a recovery handler table instead, which answers the recovery
 * screen's two calls without a database and refuses everything else, selling included. After a
 * restore from that screen the real app starts in place and the renderer reloads into it.
 *
 * A write that fails as damage while running gets a `quick_check` too; a failing one closes the
 * store and switches to the recovery table the same way (event `recuperacion`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../shared/result';
import { appendAudit } from '../db';
import {
  mensajeRestaurado,
  type RutasDatos,
  restaurarAhora,
  ultimoRespaldoBueno,
  verificarAdministrador,
} from '../recuperacion/restaurar';
import { baseDanada, restauracionPendiente } from '../respaldos';
import { createEventBus, dispatch, type EventBus, type Handlers, type Transport } from '../rpc';
import { cargarPimienta, createSystemKeychain } from '../secrets';
import { type App, type AppOptions, createApp, DATABASE_FILE } from './';

export const MOTIVO_DANADA =
  'La base de datos de la tienda está dañada (falló su verificación de integridad). Para no guardar ventas sobre un archivo dañado, Mostrador no venderá hasta restaurar un respaldo.';
const MOTIVO_DANADA_EN_USO =
  'La base de datos se dañó mientras se usaba (falló su verificación de integridad después de un error al guardar). Mostrador dejó de vender para no guardar sobre un archivo dañado.';

/** What the shells serve: the running store, or the recovery table while there is none. */
export type AppEnMarcha = Pick<App, 'call' | 'events'> & {
  modo: () => 'normal' | 'recuperacion';
  /** The customer display's picture; null in recovery mode. */
  pantallaCliente: () => ReturnType<App['pantallaCliente']> | null;
  proponerCorreoCliente: App['proponerCorreoCliente'];
  close: () => Promise<void>;
};

/** Failure codes that mean "the file is damaged": recovery instead of refusing to start. */
const DANO = new Set(['db_danada']);
/** A failed write whose cause may be damage: worth a `quick_check`. */
const QUIZA_DANO = new Set(['db_danada', 'db_error_es', 'interno']);

/**
 * Opens the data folder like `createApp`, or in recovery mode when its database is damaged.
 * @example const app = await arrancar({ dataDir, demo, logger, clock }); app.value.modo()
 */
export const arrancar = async (options: AppOptions): Promise<Result<AppEnMarcha>> => {
  const { logger } = options;
  const rutas: RutasDatos = {
    dataDir: options.dataDir,
    databaseFile: join(options.dataDir, DATABASE_FILE),
    backupDir: join(options.dataDir, 'backups'),
  };
  const events: EventBus = createEventBus({ logger });
  const checkOutput = options.checkOutputs ?? process.env.NODE_ENV !== 'production';
  let actual: App | null = null;
  let motivo: string = MOTIVO_DANADA;
  let desconectar = (): void => {};

  const conectar = (app: App): void => {
    actual = app;
    desconectar = app.events.subscribeAll((name, payload) => events.emit(name, payload as never));
  };
  /** quick_check first (a staged restore replaces the file anyway), then the normal start. */
  const abrir = async (): Promise<Result<App>> => {
    if (
      restauracionPendiente(options.dataDir) === null &&
      existsSync(rutas.databaseFile) &&
      baseDanada(rutas.databaseFile)
    ) {
      return err('db_danada', MOTIVO_DANADA);
    }
    return createApp(options);
  };

  const recuperacion: Partial<Handlers> = {
    'recuperacion.estado': () =>
      ok({
        necesaria: actual === null,
        motivo: actual === null ? motivo : null,
        ultimoRespaldo: actual === null ? ultimoRespaldoBueno(rutas) : null,
      }),
    'recuperacion.restaurar': async ({ archivo, credenciales, confirmarOtroRuc }) => {
      if (actual !== null)
        return err('recuperacion_innecesaria', 'La base de datos ya está en uso.');
      const keychain = options.keychain ?? createSystemKeychain({ logger });
      const admin = await verificarAdministrador(
        archivo,
        credenciales,
        await cargarPimienta(keychain, logger),
      );
      if (!admin.ok) return admin;
      const restaurado = restaurarAhora(archivo, {
        ...rutas,
        clock: options.clock,
        logger,
        confirmarOtroRuc,
      });
      if (!restaurado.ok) return restaurado;
      logger.warn('Respaldo restaurado desde la pantalla de recuperación', {
        origen: restaurado.value.origen,
        administrador: admin.value,
      });
      const abierto = await abrir();
      if (!abierto.ok) return abierto;
      // No database could hold the entry before: it goes into the restored one.
      appendAudit(
        abierto.value.db,
        {
          userId: credenciales.usuarioId,
          action: 'recuperacion.restaurado',
          detail: {
            archivo: restaurado.value.origen,
            ...(restaurado.value.otroRuc === null ? {} : { otroRuc: restaurado.value.otroRuc }),
          },
        },
        options.clock,
      );
      conectar(abierto.value);
      return ok({ mensaje: mensajeRestaurado(restaurado.value) });
    },
  };
  // Every other call of the contract: refused, with the reason.
  const tablaRecuperacion = new Proxy(recuperacion, {
    get: (target, name) =>
      target[name as keyof Handlers] ??
      (() => err('base_danada', `${motivo} Restaure un respaldo.`)),
  }) as Handlers;

  /** After a failed write: a damaged store is closed and the recovery table takes over. */
  const revisarTrasFallo = async (app: App): Promise<void> => {
    let sana = true;
    try {
      sana = app.db.sqlite.pragma('quick_check', { simple: true }) === 'ok';
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      sana = !(
        typeof code === 'string' &&
        (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
      );
    }
    if (sana || actual !== app) return;
    logger.error('Base de datos dañada en uso: se deja de vender', {});
    motivo = MOTIVO_DANADA_EN_USO;
    actual = null;
    desconectar();
    await app.close();
    events.emit('recuperacion', { necesaria: true });
  };

  const abierto = await abrir();
  if (abierto.ok) conectar(abierto.value);
  else if (DANO.has(abierto.error.code)) {
    logger.error('Base de datos dañada: se abre la pantalla de recuperación', {
      code: abierto.error.code,
    });
  } else return abierto;

  return ok({
    events,
    modo: () => (actual === null ? 'recuperacion' : 'normal'),
    pantallaCliente: () => actual?.pantallaCliente() ?? null,
    proponerCorreoCliente: (entrada) =>
      actual === null
        ? err('correo_no_pedido', 'Ahora no hay una compra que pida su correo.')
        : actual.proponerCorreoCliente(entrada),
    call: async (name: string, rawInput: unknown, transport: Transport) => {
      const app = actual;
      if (app === null) {
        return dispatch(tablaRecuperacion, name, rawInput, { transport, logger }, { checkOutput });
      }
      const result = await app.call(name, rawInput, transport);
      if (!result.ok && QUIZA_DANO.has(result.error.code)) await revisarTrasFallo(app);
      return result;
    },
    close: async () => {
      desconectar();
      const app = actual;
      actual = null;
      await app?.close();
    },
  });
};
