import { join } from 'node:path';
import { app, type BrowserWindow, dialog } from 'electron';
import { arrancar } from './app/arranque';
import {
  abrirPantallaCliente,
  bindIpc,
  createDialogos,
  createElectronLogger,
  createElectronUpdateBackend,
  createMainWindow,
  hardenElectron,
  hardenSession,
  type TrustedRenderer,
} from './electron/index';
import { systemClock } from './log';
import { logsDirOf } from './mantenimiento';
import { bloquearCarpeta } from './recuperacion/bloqueo';

// Electron entry: one window, the app core in this process, the contract bound to IPC.
const logger = createElectronLogger({ logsDir: logsDirOf(app.getPath('userData')) });
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const dev = !app.isPackaged && devServerUrl !== undefined;
const rendererIndex = join(import.meta.dirname, '..', 'renderer', 'index.html');
const trusted: TrustedRenderer =
  dev && devServerUrl !== undefined
    ? { kind: 'dev', origin: new URL(devServerUrl).origin }
    : { kind: 'file', indexFile: rendererIndex };

hardenElectron({ logger });

let mainWindow: BrowserWindow | null = null;

const start = async (): Promise<void> => {
  hardenSession({ dev });
  // requestSingleInstanceLock covers this app only; the folder lock also keeps a
  // «mostrador serve» on the same data folder out (issue 17 §5).
  const bloqueo = bloquearCarpeta(app.getPath('userData'));
  if (!bloqueo.ok) {
    dialog.showErrorBox('Mostrador ya está abierto', bloqueo.error.message);
    app.exit(2);
    return;
  }
  app.on('will-quit', () => bloqueo.value.liberar());
  // A damaged store opens the recovery screen (same renderer), never an error box.
  const created = await arrancar({
    dataDir: app.getPath('userData'),
    demo: process.argv.includes('--demo'),
    logger,
    clock: systemClock,
    version: app.getVersion(),
    checkOutputs: !app.isPackaged,
    // Installed builds update themselves; a development run never does.
    ...(app.isPackaged
      ? {
          updateBackend: createElectronUpdateBackend({
            logger,
            resourcesPath: process.resourcesPath,
          }),
        }
      : {}),
    dialogos: createDialogos(() => mainWindow),
    // A staged restore is applied at start: restart, and the before-quit below closes the store.
    reiniciar: () => {
      app.relaunch();
      app.quit();
    },
  });
  if (!created.ok) {
    dialog.showErrorBox('Mostrador no pudo iniciar', created.error.message);
    app.exit(1);
    return;
  }
  const core = created.value;
  let pantallaCliente: BrowserWindow | null = null;
  const unbind = bindIpc({
    app: core,
    trusted,
    logger,
    esPantallaCliente: (id) => pantallaCliente?.webContents.id === id,
  });
  const opened = await createMainWindow({
    preload: join(import.meta.dirname, '..', 'preload', 'index.cjs'),
    load:
      trusted.kind === 'dev' && devServerUrl !== undefined
        ? { kind: 'url', url: devServerUrl }
        : { kind: 'file', path: rendererIndex },
    stateFile: join(app.getPath('userData'), 'ventana.json'),
    logger,
    empaquetada: app.isPackaged,
  });
  mainWindow = opened.window;
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  // A second screen shows the buyer their purchase (issue 18 §6).
  pantallaCliente = await abrirPantallaCliente({
    preload: join(import.meta.dirname, '..', 'preload', 'cliente.cjs'),
    load:
      trusted.kind === 'dev' && devServerUrl !== undefined
        ? { kind: 'url', url: devServerUrl }
        : { kind: 'file', path: rendererIndex },
    empaquetada: app.isPackaged,
    estado: core.pantallaCliente,
  }).catch((error: unknown) => {
    logger.warn('No se abrió la pantalla del cliente', {
      error: error instanceof Error ? error.message : String(error),
    });
    return null;
  });

  // Closing the database is asynchronous: hold the quit until it is done, once.
  let shutdown: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (shutdown === 'stopped') return;
    event.preventDefault();
    if (shutdown === 'stopping') return;
    shutdown = 'stopping';
    unbind();
    Promise.all([opened.stateSaved(), core.close()])
      .catch((error: unknown) =>
        logger.error('Error al cerrar', {
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        shutdown = 'stopped';
        app.quit();
      });
  });
};

if (!app.requestSingleInstanceLock()) {
  // Two instances would be two writers of one database: hand over to the running one.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // A point of sale has one window; closing it ends the app on every platform.
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.error('Mostrador no pudo iniciar', {
        error: error instanceof Error ? error.message : String(error),
      });
      dialog.showErrorBox(
        'Mostrador no pudo iniciar',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });
}
