import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import packageJson from '../../../package.json';
import type { CertificadoCapacitacion } from '../../shared/contract/certificado';
import type { PantallaCliente } from '../../shared/contract/pantallaCliente';
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
import { createCarritoHandlers, createCarritoService } from '../carrito';
import { createCatalogoHandlers } from '../catalogo';
import { createConciliacionHandlers } from '../conciliacion';
import { createEntregasConciliacion } from '../conciliacion/entregas';
import {
  type Correo,
  type CorreoAjustes,
  createCorreoAjustes,
  createCorreoHandlers,
  createReenvio,
  eleccionFactio,
  registrarCorreo,
  type SmtpConfig,
} from '../correo';
import {
  createIdGenerator,
  type Database,
  fijarPimienta,
  getActiveConfiguration,
  getIssuer,
  type IdGenerator,
  openDatabase,
} from '../db';
import { type MarcaSecuenciales, protegerSecuenciales } from '../db/marcaSecuenciales';
import { seedDemoStore } from '../demo';
import { createDocumentosHandlers } from '../documentos';
import { createSyncHandlers, createSyncService, type SyncService } from '../factio';
import { createJobRunner } from '../jobs';
import type { Clock, Logger } from '../log';
import { createMantenimiento, type Dialogos, restaurarAntesDeAbrir } from '../mantenimiento';
import { createNotasCreditoHandlers, createNotasCreditoService } from '../notasCredito';
import { createOutboxWorker, type OutboxWorker } from '../outbox/worker';
import { conectarPantallaCliente } from '../pantallaCliente';
import { createImpresionHandlers, createPrintQueue, type PrintQueue } from '../print';
import { createRecuperacionNormal } from '../recuperacion/handlers';
import { vigilarReloj } from '../recuperacion/reloj';
import { createReportesHandlers } from '../reportes';
import { createEventBus, dispatch, type EventBus, type Handlers, type Transport } from '../rpc';
import {
  createSigningKeyHolder,
  createSystemKeychain,
  exigirFirmaConfirmada,
  findActiveCertificate,
  fuentePimienta,
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
import { crearRelojSri, type EstadoReloj } from '../sri/reloj';
import { ARCHIVO_SIMULADOR, type SriSimulator, startSriSimulator } from '../sri/simulator';
import { createSimuladorHandlers } from '../sri/simulator/handlers';
import { createEmisionService, type Firmador } from '../ventas';
import { createVentasHandlers } from '../ventas/handlers';
import { type BackendSri, createAppHandlers, type EstadoTracker, trackEstado } from './estado';
import { createLifecycle, type Lifecycle } from './lifecycle';
import { protegerCarpetaDeDatos } from './permisos';

export type AppOptions = {
  /** Folder holding the database, backups and documents (Electron: userData; host: --data-dir). */
  dataDir: string;
  /** Seed the sample store and use the built-in SRI simulator (training mode). */
  demo?: boolean;
  logger: Logger;
  clock: Clock;
  /**
   * A clock that never jumps, to tell a jump of `clock` from time passing (the SRI's clock
   * check). Default `performance.now()`; tests that move `clock` on purpose pass one that follows it.
   */
  monotonoMs?: () => number;
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
  /** The SMTP server for the buyer's e-mails (`MOSTRADOR_SMTP_URL`); none: they wait, pendiente. */
  smtp?: SmtpConfig;
};

/** Budgets of docs/sri.md: connecting is quick or it is not happening; authorising may take a while. */
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
  /** What the customer display shows now (issue 18 §6); it gets changes as events. */
  pantallaCliente: () => PantallaCliente;
  /**
   * The display's one message: the buyer's e-mail for the cart on screen (untrusted input),
   * passed to the cashier as `pantallaCliente.correoPropuesto`. Not a contract call.
   */
  proponerCorreoCliente: (entrada: unknown) => Result<{ enviado: true }>;
};

/** What each wiring step hands to the next. */
type Store = {
  db: Database;
  avisoRestauracion: ReturnType<typeof restaurarAntesDeAbrir>;
  /** The high-water mark of the secuenciales, written before each sale commits (issue 17). */
  marca: MarcaSecuenciales | undefined;
  /** Numbers skipped at this start because the database was behind the mark, said in Spanish. */
  avisoSecuenciales: string | null;
};

/** Opens the data folder and its database (a staged restore first; the demo store if asked). */
const wireStore = async (options: AppOptions, life: Lifecycle): Promise<Result<Store>> => {
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
  life.opened('base de datos', () => db.close());
  if (options.demo === true) {
    const seeded = await seedDemoStore(db, {
      clock: options.clock,
      ids: createIdGenerator(options.clock),
    });
    if (!seeded.ok) return seeded;
    if (seeded.value.seeded) logger.info('Tienda de demostración creada', { ...seeded.value });
  }
  // Counters behind the secuenciales already used (older backup, lost -wal) jump past them.
  const secuenciales = protegerSecuenciales(db, {
    backupDir: join(options.dataDir, 'backups'),
    logger,
  });
  if (!secuenciales.ok) return secuenciales;
  return ok({
    db,
    avisoRestauracion,
    marca: secuenciales.value.marca,
    avisoSecuenciales: secuenciales.value.aviso,
  });
};

type Sri = {
  backendSri: BackendSri;
  simulator: SriSimulator | null;
  /** One client whose endpoints follow the ambiente chosen in Ajustes. */
  sri: SriClient;
  ambiente: () => 'pruebas' | 'produccion';
  cambiarAmbiente: (nuevo: 'pruebas' | 'produccion') => void;
  /** The machine's clock against the SRI's (header warning, sales the SRI would answer 65). */
  relojSri: ReturnType<typeof crearRelojSri>;
  /** Wires the clock's changes to the event bus once it exists. */
  conectarReloj: (alCambiar: (estado: EstadoReloj) => void) => void;
};

/** The SRI the outbox talks to: the built-in simulator in training mode, the SRI otherwise. */
const wireSri = async (
  options: AppOptions,
  db: Database,
  life: Lifecycle,
): Promise<Result<Sri>> => {
  const { logger } = options;
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
        // what it received and authorized survives a restart, like the SRI's own memory
        logFile: join(options.dataDir, ARCHIVO_SIMULADOR),
      });
    } catch (error) {
      return err(
        'simulador_sri',
        `No se pudo iniciar el simulador del SRI: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const started = simulator;
    life.opened('simulador del SRI', () => started.close());
  }
  // The machine's clock against the SRI's: a header warning past 5 minutes, a refused sale
  // when the SRI would answer 65. Its event is wired once the bus exists.
  let alCambiarReloj = (_estado: EstadoReloj): void => {};
  const relojSri = crearRelojSri({
    ahora: () => options.clock.now(),
    monotonoMs: options.monotonoMs ?? (() => performance.now()),
    alCambiar: (estado) => alCambiarReloj(estado),
  });
  const clienteSri = (a: 'pruebas' | 'produccion'): SriClient =>
    createSriClient({
      endpoints: simulator?.endpoints ?? endpointsSri(a),
      timeouts: SRI_TIMEOUTS,
      logger,
      onHoraSri: relojSri.observar,
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
  return ok({
    backendSri,
    simulator,
    relojSri,
    conectarReloj: (alCambiar) => {
      alCambiarReloj = alCambiar;
    },
    sri,
    ambiente,
    cambiarAmbiente: (nuevo) => {
      sriActual = clienteSri(nuevo);
    },
  });
};

type Signing = {
  keychain: Keychain;
  signingKeys: ReturnType<typeof createSigningKeyHolder>;
  firmador: () => Result<Firmador>;
  /** Ajustes › Firma: the training certificate while it is the one that signs (demo mode). */
  capacitacion: () => CertificadoCapacitacion | null;
};

/** The firma electrónica: sealed in SQLite, its keys in the keychain, unlocked once into main. */
const wireSigning = async (options: AppOptions, db: Database): Promise<Signing> => {
  const { logger } = options;
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
    // A certificate of another RUC signs only once an administrador confirmed it (issue 16).
    const confirmada = exigirFirmaConfirmada(db, getIssuer(db)?.ruc ?? null);
    if (!confirmada.ok) return confirmada;
    return ok((xml, instante) =>
      trySignComprobante(xml, identity.value, { signingTime: instante }),
    );
  };
  // The training certificate stands in only while none is imported, exactly as `firmador` decides.
  const capacitacion = (): CertificadoCapacitacion | null =>
    demoIdentity === null || findActiveCertificate(db) !== null
      ? null
      : {
          titular: demoIdentity.summary.titular,
          ruc: demoIdentity.summary.ruc,
          validoHasta: demoIdentity.summary.validoHasta,
        };
  return { keychain, signingKeys, firmador, capacitacion };
};

type Jobs = {
  outbox: OutboxWorker;
  printQueue: PrintQueue;
  sync: SyncService;
  tracker: EstadoTracker;
  /** The buyer's e-mail and Ajustes › Correo (issue 19). */
  correo: Correo;
  correoAjustes: CorreoAjustes;
  entregas: ReturnType<typeof createEntregasConciliacion>;
  avisarEntrega: (documentoId: string) => void;
  /** Set once the credit-note service exists: an authorized full return voids its invoice. */
  alAutorizar: (fn: (documentoId: string) => void) => void;
};

/**
 * The background work on one job runner: the SRI outbox, the print queue and the Factio sync.
 * Registered here, started by the lifecycle only once everything is wired.
 */
const wireJobs = (
  options: AppOptions,
  db: Database,
  sri: SriClient,
  keychain: Keychain,
  events: EventBus,
  ids: IdGenerator,
  life: Lifecycle,
): Jobs => {
  const { logger } = options;
  const runner = createJobRunner({ clock: options.clock, logger });
  let alAutorizarDocumento = (_documentoId: string): void => {};
  const outbox = createOutboxWorker({
    sqlite: db.sqlite,
    sri,
    clock: options.clock,
    logger,
    random: Math.random,
    runner,
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
  life.opened('estado', () => tracker.stop());

  // Receipts: the default printer, or an 80 mm PDF in the data folder until one is configured.
  const printQueue = createPrintQueue({
    db,
    clock: options.clock,
    logger,
    pdfDir: join(options.dataDir, 'ride'),
    logo: () => leerLogo(db),
    runner,
    alCambiar: (resultado) => events.emit('impresion', resultado),
  });

  // The hosted Factio API: its own lane, off the hot path; Ajustes sees its state live. New
  // sales (the outbox count moves) and SRI outcomes wake it, so they are mirrored promptly.
  const sync = createSyncService({
    db,
    keychain,
    clock: options.clock,
    ids,
    logger,
    random: Math.random,
    onChange: (estado) => events.emit('sincronizacion', estado),
    runner,
  });
  events.subscribe('outbox', () => sync.wake());
  events.subscribe('documento', () => sync.wake());
  // A supervisor's decision in Conciliación changes what the header's queue and error show.
  events.subscribe('documento', () => outbox.wake());

  life.service('cola del SRI', outbox.start, outbox.stop);
  life.service('cola de impresión', printQueue.start, printQueue.stop);
  life.service('sincronización con Factio', sync.start, sync.stop);
  // The server comes from Ajustes › Correo, else MOSTRADOR_SMTP_URL; without either they wait.
  const correoAjustes = createCorreoAjustes({
    db,
    keychain,
    clock: options.clock,
    logger,
    variable: options.smtp,
    modoPractica: options.demo === true,
  });
  const entregas = createEntregasConciliacion(db.sqlite);
  const avisarEntrega = (documentoId: string): void => {
    const entrega = entregas.leer(documentoId);
    if (entrega !== null) events.emit('correo', { documentoId, entrega });
  };
  const correo = registrarCorreo({
    sqlite: db.sqlite,
    configuracion: correoAjustes.smtp,
    alCambiar: avisarEntrega,
    // Ajustes › Correo may hand documents Factio holds to its «Resend Document Email».
    factio: {
      elegir: eleccionFactio({
        sqlite: db.sqlite,
        proveedor: correoAjustes.proveedor,
        disponible: () => sync.correoDisponible(),
      }),
      reenviar: (remoteId, para) => sync.reenviarCorreo(remoteId, para),
    },
    runner,
    clock: options.clock,
    logger,
    random: Math.random,
    newId: ids.newId,
    logo: () => leerLogo(db),
  });
  events.subscribe('documento', () => correo.wake());
  life.service('correo al comprador', correo.start, correo.stop);
  // A clock moved back must not leave retries weeks ahead (issue 17 §6).
  let reloj: ReturnType<typeof vigilarReloj> | null = null;
  life.service(
    'vigilancia del reloj',
    () => {
      reloj = vigilarReloj({
        sqlite: db.sqlite,
        clock: options.clock,
        logger,
        alAcotar: () => {
          outbox.wake();
          sync.wake();
          printQueue.wake();
          correo.wake();
        },
      });
    },
    () => reloj?.detener(),
  );
  return {
    outbox,
    printQueue,
    sync,
    tracker,
    correo,
    correoAjustes,
    entregas,
    avisarEntrega,
    alAutorizar: (fn) => {
      alAutorizarDocumento = fn;
    },
  };
};

/**
 * Composition root: opens the data folder, wires the services and builds the one handler
 * table that IPC and the browser host both serve. Services (workers, simulator timers, backups)
 * start only after every step succeeded; a step that fails or throws closes what the earlier
 * ones opened.
 * @example const app = await createApp({ dataDir, demo: true, logger, clock: systemClock })
 */
export const createApp = async (options: AppOptions): Promise<Result<App>> => {
  const life = createLifecycle(options.logger);
  try {
    const app = await wireApp(options, life);
    if (!app.ok) {
      await life.close();
      return app;
    }
    await life.start();
    options.logger.info('Aplicación iniciada', {
      dataDir: options.dataDir,
      backendSri: app.value.backendSri,
    });
    return ok(app.value.app);
  } catch (error) {
    await life.close();
    throw error;
  }
};

type Services = {
  sesion: ReturnType<typeof createSesionService>;
  emision: ReturnType<typeof createEmisionService>;
  notasCredito: ReturnType<typeof createNotasCreditoService>;
  mantenimiento: ReturnType<typeof createMantenimiento>;
};

/** Session, emission, credit notes and maintenance (backups, updates). */
const wireServices = (w: {
  options: AppOptions;
  db: Database;
  store: Store;
  sri: Sri;
  avisoRestauracion: Store['avisoRestauracion'];
  firmador: Signing['firmador'];
  jobs: Jobs;
  events: EventBus;
  ids: IdGenerator;
  life: Lifecycle;
}): Services => {
  const { options, db, firmador, events, ids, avisoRestauracion } = w;
  const { logger } = options;
  const { outbox, printQueue } = w.jobs;
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
  const emision = createEmisionService({
    db,
    clock: options.clock,
    ids,
    codigoNumerico: () => String(randomInt(0, 100_000_000)).padStart(8, '0'),
    firmador,
    logger,
    usuarioActual: sesion.usuarioActualId,
    marca: w.store.marca,
    alEmitir: () => {
      outbox.wake();
      printQueue.wake();
    },
    problemaFechaEmision: w.sri.relojSri.problemaFechaEmision,
  });
  const notasCredito = createNotasCreditoService({
    db,
    clock: options.clock,
    ids,
    codigoNumerico: () => String(randomInt(0, 100_000_000)).padStart(8, '0'),
    firmador,
    logger,
    usuarioActual: sesion.usuarioActualId,
    marca: w.store.marca,
    alEmitir: () => {
      outbox.wake();
      printQueue.wake();
    },
  });
  const alAutorizarDocumento = (documentoId: string): void => {
    const anulada = notasCredito.alAutorizar(documentoId);
    if (anulada !== null) {
      events.emit('documento', {
        documentoId: anulada.facturaId,
        estado: anulada.estado,
        detalle: 'Devolución total por nota de crédito',
      });
    }
  };
  w.jobs.alAutorizar(alAutorizarDocumento);
  // Notes authorized while the app was down (or before this start) void their invoices now.
  for (const id of notasCredito.autorizadasPendientes()) alAutorizarDocumento(id);

  const mantenimiento = createMantenimiento({
    db,
    dataDir: options.dataDir,
    version: options.version ?? packageJson.version,
    clock: options.clock,
    logger,
    avisoRestauracion:
      [avisoRestauracion, w.store.avisoSecuenciales].filter((a) => a !== null).join(' ') || null,
    updateBackend: options.updateBackend,
    dialogos: options.dialogos,
    reiniciar: options.reiniciar,
  });

  w.life.service('mantenimiento', () => mantenimiento.iniciar(), mantenimiento.detener);
  return { sesion, emision, notasCredito, mantenimiento };
};

/**
 * Each domain contributes the handlers of its own calls; `satisfies` makes a missing call a
 * type error here.
 */
const wireHandlers = (w: {
  options: AppOptions;
  db: Database;
  sri: Sri;
  signing: Signing;
  jobs: Jobs;
  services: Services;
  events: EventBus;
  ids: IdGenerator;
}): Handlers => {
  const { options, db, events, ids } = w;
  const { logger } = options;
  const { keychain, signingKeys } = w.signing;
  const { backendSri, simulator, ambiente } = w.sri;
  const { outbox, printQueue, sync, tracker } = w.jobs;
  const { sesion, emision, notasCredito, mantenimiento } = w.services;
  // Supervisor approvals: single-use tokens bound to one call and its input (issue 15).
  const aprobaciones = createAprobaciones({
    db,
    clock: options.clock,
    verificarPin: (credenciales, rol, accion) =>
      autorizar(db, credenciales, rol, { clock: options.clock, accion }),
  });
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
      // Ajustes › Firma says who signs: the training certificate while none is imported.
      capacitacion: w.signing.capacitacion,
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
        w.sri.cambiarAmbiente(nuevo);
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
    ...createImpresionHandlers({ printQueue }),
    ...createCarritoHandlers({ carrito: createCarritoService({ db, clock: options.clock }) }),
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
    ...createCorreoHandlers({
      ajustes: w.jobs.correoAjustes,
      db,
      clock: options.clock,
      administrador: (autorizacion, accion) =>
        exigirAutorizacion(db, autorizacion, 'administrador', { clock: options.clock, accion }),
      usuarioActualId: sesion.usuarioActualId,
      alCambiar: () => w.jobs.correo.reintentarTodo(),
      reenviar: createReenvio(db.sqlite),
      leerEntrega: w.jobs.entregas.leer,
      alReenviar: (id) => {
        w.jobs.correo.wake();
        w.jobs.avisarEntrega(id);
      },
    }),
    ...createSesionHandlers({ db, sesion, clock: options.clock, ids }),
    ...createNotasCreditoHandlers({ notasCredito, usuarioActual: sesion.actual }),
    ...createRecuperacionNormal(),
    ...createReportesHandlers({
      db,
      dataDir: options.dataDir,
      clock: options.clock,
      usuarioActual: sesion.actual,
    }),
    ...createSimuladorHandlers({ simulator, onChange: () => outbox.connectivityRestored() }),
    ...createAppHandlers({
      version: options.version ?? packageJson.version,
      ambiente,
      backendSri,
      tracker,
      relojSri: w.sri.relojSri.estado,
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
    // Answered by the customer display once it is wired (conectarPantallaCliente, below): until
    // then no cart asks for an e-mail, so there is nothing to discard.
    'pantallaCliente.descartarCorreo': () => ok({ descartado: false }),
  } satisfies Handlers;
  // No update installs while a credit note is being emitted.
  handlers['notasCredito.emitir'] = mantenimiento.ocupadoDurante(
    'nota_credito',
    handlers['notasCredito.emitir'],
  );
  // Approvals arrive as single-use tokens, never as an inline PIN (issue 15).
  aceptarAprobacionesDeUnSoloUso(handlers, aprobaciones);
  return handlers;
};

const wireApp = async (
  options: AppOptions,
  life: Lifecycle,
): Promise<Result<{ app: App; backendSri: BackendSri }>> => {
  const { logger } = options;
  const store = await wireStore(options, life);
  if (!store.ok) return store;
  const { db, avisoRestauracion } = store.value;
  const sri = await wireSri(options, db, life);
  if (!sri.ok) return sri;
  const signing = await wireSigning(options, db);
  // PIN hashes mix in a secret of the keychain, never stored in the database (issue 15 §5).
  fijarPimienta(db, fuentePimienta(signing.keychain, logger));
  const events = createEventBus({ logger });
  sri.value.conectarReloj((estado) => events.emit('relojSri', estado));
  const ids = createIdGenerator(options.clock);
  const jobs = wireJobs(options, db, sri.value.sri, signing.keychain, events, ids, life);
  const services = wireServices({
    options,
    db,
    store: store.value,
    sri: sri.value,
    avisoRestauracion,
    firmador: signing.firmador,
    jobs,
    events,
    ids,
    life,
  });
  const handlers = wireHandlers({
    options,
    db,
    sri: sri.value,
    signing,
    jobs,
    services,
    events,
    ids,
  });

  // The customer display follows the cart, the sale and its authorization (issue 18 §6).
  const pantallaCliente = conectarPantallaCliente({
    db,
    events,
    handlers,
    tienda: () => {
      const issuer = getActiveConfiguration(db)?.issuer;
      return issuer === undefined ? null : (issuer.nombreComercial ?? issuer.razonSocial);
    },
    logo: () => leerLogo(db),
    monotonoMs: options.monotonoMs ?? (() => performance.now()),
  });

  const checkOutput = options.checkOutputs ?? process.env.NODE_ENV !== 'production';
  return ok({
    backendSri: sri.value.backendSri,
    app: {
      db,
      handlers,
      events,
      call: (name, rawInput, transport) =>
        dispatch(handlers, name, rawInput, { transport, logger }, { checkOutput }),
      close: async () => {
        await life.close();
        logger.info('Aplicación cerrada');
      },
      pantallaCliente: pantallaCliente.estado,
      proponerCorreoCliente: pantallaCliente.proponerCorreo,
    },
  });
};
