import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options, apart so a test can read them without Electron (issue 15): a
 * packaged build has no DevTools — Ctrl+Shift+I would put `window.mostrador.call` one keystroke
 * from the cashier — and the renderer stays sandboxed and isolated.
 * @example new BrowserWindow(opcionesVentana({ preload, empaquetada: app.isPackaged, bounds }))
 */
export const opcionesVentana = (options: {
  preload: string;
  empaquetada: boolean;
  bounds: { x?: number; y?: number; width: number; height: number };
  minimo: { width: number; height: number };
}): BrowserWindowConstructorOptions => ({
  ...options.bounds,
  minWidth: options.minimo.width,
  minHeight: options.minimo.height,
  show: false,
  title: 'Mostrador',
  backgroundColor: '#ffffff',
  autoHideMenuBar: true,
  webPreferences: {
    preload: options.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    devTools: !options.empaquetada,
  },
});
