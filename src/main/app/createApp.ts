import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import packageJson from '../../../package.json';
import type { Result } from '../../shared/result';
import { assertNever, err, ok } from '../../shared/result';
import type { UpdateBackend } from '../actualizaciones';
import {
  createAjustesHandlers,
  createCertificadoAutorizado,
  exigirAutorizacion,
  leerLogo,
} from '../ajustes';
import {
  aceptarAprobacionesDeUnSoloUso,
  createAprobaciones,
  createAprobacionesHandlers,
} from '../aprobaciones';
import { createCajaHandlers, createCajaService } from '../caja';
import { createCatalogoHandlers } from '../catalogo';
import { createConciliacionHandlers } from '../conciliacion';
import {
  createIdGenerator,
  type Database,
  getActiveConfiguration,
  getIssuer,
  openDatabase,
} from '../db';
import { seedDemoStore } from '../demo';
import { createDocumentosHandlers } from '../documentos';
import { createSyncHandlers, createSyncService } from '../factio';
import type { Clock, Logger } from '../log';
import { createMantenimiento, type Dialogos, restaurarAntesDeAbrir } from '../mantenimiento';
import { createNotasCreditoHandlers, createNotasCreditoService } from '../notasCredito';
import { createOutboxWorker } from '../outbox/worker';
import { createPrintQueue } from '../print';
import { createEventBus, dispatch, type EventBus, type Handlers, type Transport } from '../rpc';
import {
  createSigningKeyHolder,
  createSystemKeychain,
  findActiveCertificate,
  type Keychain,
  signingIdentityFor,
} from '../secrets';
import {
  autorizar,
  createSesionHandlers,
  createSesionService,
  iniciarSesionDemo,
  usuarioPublico,
} from '../sesion';
import {
  createDemoSigningIdentity,
  loadSigningIdentity,
  type SigningIdentity,
  trySignComprobante,
  verifyComprobanteSignature,
} from '../signing';
import { createSriClient, endpointsSri, type SriClient, type SriTimeouts } from '../sri';
import { type SriSimulator, startSriSimulator } from '../sri/simulator';
import { createSimuladorHandlers } from '../sri/simulator/handlers';
import { createEmisionService, type Firmador } from '../ventas';
import { createVentasHandlers } from '../ventas/handlers';
import { type BackendSri, createAppHandlers, trackEstado } from './estado';
import { protegerCarpetaDeDatos } from './permisos';

export type AppOptions = {
  /** Folder holding the database, backups and documents (Electron: userData; host: --data-dir). */
  dataDir: string;
  /** Seed the sample store and use the built-in SRI simulator (training mode). */
  demo?: boolean;
  logger: Logger;
  clock: Clock;
  /** Defaults to package.json's version; Electron passes `app.getVersion()`. */
  version?: string;
  /** Check handler outputs against the contract; on unless NODE_ENV is production. */
  checkOutputs?: boolean;
  /** The OS keychain (default); tests pass an in-memory one. */
  keychain?: Keychain;
  /** Desktop only: electron-updater behind the update policy, native dialogs, self-restart. */
  updateBackend?: UpdateBackend;
  dialogos?: Dialogos;
  reiniciar?: () => void;
};

/** Budgets of SRI.md: connecting is quick or it is not happening; authorising may take a while. */
const SRI_TIMEOUTS: SriTimeouts = { connectMs: 5_000, responseMs: 20_000 };

/** The store's SQLite file inside the data folder. */
export const DATABASE_FILE = 'mostrador.sqlite';

/** The running application behind both transports (IPC and HTTP). */
export type App = {
  /** The open store; domains reach it through their handlers, tests to check what was written. */
  db: Database;
  handlers: Handlers;
  events: EventBus;
  /** Runs one untrusted call through `dispatch` (validation, error mapping, logging). */
  call: (name: string, rawInput: unknown, transport: Transport) => Promise<Result<unknown>>;
  /** Stops services and closes the database; safe to call twice. */
  close: () => Promise<void>;
};

/**
 * Composition root: opens the data folder, starts the services and builds the one handler
 * table that IPC and the browser host both serve.
 * @example const app = await createApp({ dataDir, demo: true, logger, clock: systemClock })
 */
export const createApp = async (options: AppOptions): Promise<Result<App>> => {
  const { logger } = options;
  try {
    // Private to the user on Linux and macOS: 0700 folders, 0600 files (issue 15).
    protegerCarpetaDeDatos(options.dataDir, process.platform);
  } catch (error) {
    return err(
      'carpeta_datos',
      `No se pudo crear la carpeta de datos «${options.dataDir}»: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  // A restore staged in Ajustes › Respaldos replaces the file before anything opens it.
  const avisoRestauracion = restaurarAntesDeAbrir({
    dataDir: options.dataDir,
    databaseFile: join(options.dataDir, DATABASE_FILE),
    clock: options.clock,
    logger,
  });
  const opened = openDatabase(join(options.dataDir, DATABASE_FILE), {
    logger,
    clock: options.clock,
    backupDir: join(options.dataDir, 'backups'),
  });
  if (!opened.ok) return opened;
  const db = opened.value;
  if (options.demo === true) {
    const seeded = await seedDemoStore(db, {
      clock: options.clock,
      ids: createIdGenerator(options.clock),
    });
    if (!seeded.ok) {
      db.close();
      return seeded;
    }
    if (seeded.value.seeded) logger.info('Tienda de demostración creada', { ...seeded.value });
  }

  // SRI ficha técnica: ambiente 1 = pruebas, 2 = producción. A store without an issuer yet
  // is in pruebas: nothing it does has tax validity.
  const ambiente = () => (getIssuer(db)?.ambiente === '2' ? 'produccion' : 'pruebas');

  // Training mode talks to the built-in simulator, never to the SRI.
  const backendSri: BackendSri = options.demo === true ? 'simulador' : 'sri';
  let simulator: SriSimulator | null = null;
  if (backendSri === 'simulador') {
    try {
      simulator = await startSriSimulator({
        verifySignature: verifyComprobanteSignature,
        clock: options.clock,
        logger,
      });
    } catch (error) {
      db.close();
      return err(
        'simulador_sri',
        `No se pudo iniciar el simulador del SRI: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const clienteSri = (a: 'pruebas' | 'produccion'): SriClient =>
    createSriClient({
      endpoints: simulator?.endpoints ?? endpointsSri(a),
      timeouts: SRI_TIMEOUTS,
      logger,
    });
  let sriActual = clienteSri(ambiente());
  // Ajustes may switch the ambiente while running: the outbox keeps this object and the
  // endpoints follow the switch.
  const sri: SriClient = {
    validarComprobante: (comprobante) => sriActual.validarComprobante(comprobante),
    autorizacionComprobante: (clave) => sriActual.autorizacionComprobante(clave),
    probe: () => sriActual.probe(),
    get endpoints() {
      return sriActual.endpoints;
    },
  };

  const events = createEventBus({ logger });
  // Set once the credit-note service exists: an authorized full return voids its invoice.
  let alAutorizarDocumento = (_documentoId: string): void => {};
  const outbox = createOutboxWorker({
    sqlite: db.sqlite,
    sri,
    clock: options.clock,
    logger,
    random: Math.random,
    notify: (notice) => {
      switch (notice.kind) {
        case 'conectividad':
          events.emit('conectividad', { enLinea: notice.enLinea });
          return;
        case 'outbox':
          events.emit('outbox', {
            pendientes: notice.pendientes,
            ultimoErrorSri: notice.ultimoErrorSri,
          });
          return;
        case 'documento':
          events.emit('documento', {
            documentoId: notice.documentoId,
            estado: notice.estado,
            detalle: notice.detalle,
          });
          if (notice.estado === 'AUTHORIZED') alAutorizarDocumento(notice.documentoId);
          return;
        default:
          assertNever(notice);
      }
    },
  });
  const tracker = trackEstado(events, {
    enLinea: outbox.isOnline(),
    outboxPendientes: outbox.pendingCount(),
  });
  outbox.start();

  // The firma electrónica: sealed in SQLite, its keys in the keychain, unlocked once into main.
  const keychain = options.keychain ?? createSystemKeychain({ logger });
  const signingKeys = createSigningKeyHolder();
  // Keychain mode: unlock now so the first sale after a restart signs without asking. A failure
  // (no keychain, tampered ciphertext) is logged and shown by `certificado.resumen`.
  const alIniciar = await signingIdentityFor({
    db,
    keychain,
    holder: signingKeys,
    now: options.clock.now(),
    logger,
  });
  // Why the stored firma could not be opened (tampered, key gone): a sale refused later says so.
  const fallaAlIniciar = alIniciar.ok
    ? null
    : { certificadoId: findActiveCertificate(db)?.id ?? null, error: alIniciar.error };

  // Training mode without an imported firma: an in-memory certificate, clearly labelled, that
  // only the built-in simulator accepts. Importing a real one replaces it.
  let demoIdentity: SigningIdentity | null = null;
  if (options.demo === true) {
    const issuer = getIssuer(db);
    if (issuer !== undefined) {
      const demo = createDemoSigningIdentity({
        ruc: issuer.ruc,
        razonSocial: issuer.razonSocial,
        now: options.clock.now(),
      });
      const loaded = loadSigningIdentity(demo.p12, demo.password, options.clock.now());
      if (loaded.ok) demoIdentity = loaded.value;
    }
  }
  const firmador = (): Result<Firmador> => {
    const held = signingKeys.current(options.clock.now());
    let identity = held;
    if (!held.ok && held.error.code === 'firma_bloqueada') {
      // The demo certificate stands in only while no firma was imported: an imported one that
      // is locked or damaged stops the sale instead of being silently replaced.
      const activo = findActiveCertificate(db);
      if (activo === null && demoIdentity !== null) identity = ok(demoIdentity);
      else if (activo !== null && fallaAlIniciar?.certificadoId === activo.id) {
        identity = { ok: false, error: fallaAlIniciar.error };
      }
    }
    if (!identity.ok) return identity;
    return ok((xml, instante) =>
      trySignComprobante(xml, identity.value, { signingTime: instante }),
    );
  };
  // Receipts: the default printer, or an 80 mm PDF in the data folder until one is configured.
  const printQueue = createPrintQueue({
    db,
    clock: options.clock,
    logger,
    pdfDir: join(options.dataDir, 'ride'),
    logo: () => leerLogo(db),
  });
  printQueue.start();

  const ids = createIdGenerator(options.clock);
  // The hosted Factio API: its own loop, off the hot path; Ajustes sees its state live. New
  // sales (the outbox count moves) and SRI outcomes wake it, so they are mirrored promptly.
  const sync = createSyncService({
    db,
    keychain,
    clock: options.clock,
    ids,
    logger,
    random: Math.random,
    onChange: (estado) => events.emit('sincronizacion', estado),
  });
  events.subscribe('outbox', () => sync.wake());
  events.subscribe('documento', () => sync.wake());
  // A supervisor's decision in Conciliación changes what the header's queue and error show.
  events.subscribe('documento', () => outbox.wake());
  sync.start();
  // One user at the counter at a time; training mode opens as the demo cashier.
  const sesion = createSesionService({
    db,
    clock: options.clock,
    logger,
    alCambiar: (u) => events.emit('sesion', { usuario: u === null ? null : usuarioPublico(u) }),
  });
  if (options.demo === true) {
    const demoSesion = iniciarSesionDemo(db, sesion);
    if (!demoSesion.ok) logger.warn('Sin sesión de demostración', { ...demoSesion.error });
  }
  // Supervisor approvals: single-use tokens bound to one call and its input (issue 15).
  const aprobaciones = createAprobaciones({
    db,
    clock: options.clock,
    verificarPin: (credenciales, rol, accion) =>
      autorizar(db, credenciales, rol, { clock: options.clock, accion }),
  });
  const emision = createEmisionService({
    db,
    clock: options.clock,
    ids,
    codigoNumerico: () => String(randomInt(0, 100_000_000)).padStart(8, '0'),
    firmador,
    logger,
    usuarioActual: sesion.usuarioActualId,
    alEmitir: () => {
      outbox.wake();
      printQueue.wake();
    },
  });
  const notasCredito = createNotasCreditoService({
    db,
    clock: options.clock,
    ids,
    codigoNumerico: () => String(randomInt(0, 100_000_000)).padStart(8, '0'),
    firmador,
    logger,
    usuarioActual: sesion.usuarioActualId,
    alEmitir: () => {
      outbox.wake();
      printQueue.wake();
    },
  });
  alAutorizarDocumento = (documentoId) => {
    const anulada = notasCredito.alAutorizar(documentoId);
    if (anulada !== null) {
      events.emit('documento', {
        documentoId: anulada.facturaId,
        estado: anulada.estado,
        detalle: 'Devolución total por nota de crédito',
      });
    }
  };
  // Notes authorized while the app was down (or before this start) void their invoices now.
  for (const id of notasCredito.autorizadasPendientes()) alAutorizarDocumento(id);

  const mantenimiento = createMantenimiento({
    db,
    dataDir: options.dataDir,
    version: options.version ?? packageJson.version,
    clock: options.clock,
    logger,
    avisoRestauracion,
    updateBackend: options.updateBackend,
    dialogos: options.dialogos,
    reiniciar: options.reiniciar,
  });

  // Each domain contributes the handlers of its own calls; `satisfies` makes a missing call a
  // type error here.
  const handlers = {
    ...mantenimiento.handlers,
    ...createCertificadoAutorizado({
      db,
      keychain,
      holder: signingKeys,
      clock: options.clock,
      logger,
      issuerRuc: () => getIssuer(db)?.ruc ?? null,
      currentUserId: sesion.usuarioActualId,
    }),
    ...createAjustesHandlers({
      db,
      clock: options.clock,
      ids,
      logger,
      modoPractica: backendSri === 'simulador',
      sesion,
      printQueue,
      alCambiarAmbiente: (nuevo) => {
        sriActual = clienteSri(nuevo);
        outbox.connectivityRestored();
      },
    }),
    ...createVentasHandlers({ emision, aprobaciones, usuarioActual: sesion.actual }),
    ...createAprobacionesHandlers({ aprobaciones }),
    ...createDocumentosHandlers({ sqlite: db.sqlite, logo: () => leerLogo(db) }),
    ...createConciliacionHandlers({
      db,
      clock: options.clock,
      logger,
      outbox,
      reimprimir: (id) => printQueue.reprint(id),
      autorizar: (credenciales, rol, accion) =>
        autorizar(db, credenciales, rol, { clock: options.clock, accion }),
      usuarioActualId: sesion.usuarioActualId,
      alCambiar: (documentoId, estado) =>
        events.emit('documento', { documentoId, estado, detalle: null }),
    }),
    ...createCajaHandlers({
      caja: createCajaService({
        db,
        clock: options.clock,
        ids,
        logger,
        autorizar: (credenciales, rol, accion) =>
          autorizar(db, credenciales, rol, { clock: options.clock, accion }),
        usuarioActual: sesion.actual,
        pendientesSri: () => outbox.pendingCount(),
        imprimir: (payload) => printQueue.enqueue({ kind: 'z_report', payload }),
      }),
      clock: options.clock,
    }),
    ...createCatalogoHandlers({ db, clock: options.clock, ids, logger }),
    ...createSyncHandlers({
      sync,
      db,
      ids,
      clock: options.clock,
      modoPractica: backendSri === 'simulador',
      administrador: (autorizacion, accion) =>
        exigirAutorizacion(db, autorizacion, 'administrador', { clock: options.clock, accion }),
      usuarioActualId: sesion.usuarioActualId,
    }),
    ...createSesionHandlers({ db, sesion, clock: options.clock, ids }),
    ...createNotasCreditoHandlers({ notasCredito, usuarioActual: sesion.actual }),
    ...createSimuladorHandlers({ simulator, onChange: () => outbox.connectivityRestored() }),
    ...createAppHandlers({
      version: options.version ?? packageJson.version,
      ambiente,
      backendSri,
      tracker,
      tienda: () => {
        const config = getActiveConfiguration(db);
        return config === undefined
          ? null
          : {
              razonSocial: config.issuer.razonSocial,
              nombreComercial: config.issuer.nombreComercial,
              ruc: config.issuer.ruc,
              establecimiento: config.establishment.code,
              puntoEmision: config.emissionPoint.code,
            };
      },
    }),
  } satisfies Handlers;
  // No update installs while a credit note is being emitted.
  handlers['notasCredito.emitir'] = mantenimiento.ocupadoDurante(
    'nota_credito',
    handlers['notasCredito.emitir'],
  );
  // Approvals arrive as single-use tokens, never as an inline PIN (issue 15).
  aceptarAprobacionesDeUnSoloUso(handlers, aprobaciones);
  mantenimiento.iniciar();

  const checkOutput = options.checkOutputs ?? process.env.NODE_ENV !== 'production';
  let closed = false;
  logger.info('Aplicación iniciada', { dataDir: options.dataDir, backendSri });

  return ok({
    db,
    handlers,
    events,
    call: (name, rawInput, transport) =>
      dispatch(handlers, name, rawInput, { transport, logger }, { checkOutput }),
    close: async () => {
      if (closed) return;
      closed = true;
      mantenimiento.detener();
      await sync.stop();
      await outbox.stop();
      await printQueue.stop();
      tracker.stop();
      await simulator?.close();
      db.close();
      logger.info('Aplicación cerrada');
    },
  });
};
