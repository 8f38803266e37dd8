import { BrowserWindow, Menu, screen } from 'electron';
import type { Logger } from '../log';
import { opcionesVentana } from './opcionesVentana';
import {
  loadWindowState,
  MIN_WINDOW_SIZE,
  restoreWindowState,
  saveWindowState,
} from './windowState';

/** Opens the one application window where it was last left, and remembers it on close. */
export const createMainWindow = async (options: {
  preload: string;
  /** `file` loads the built index.html; `url` the dev server. */
  load: { kind: 'file'; path: string } | { kind: 'url'; url: string };
  stateFile: string;
  logger: Logger;
  /** `app.isPackaged`: no DevTools and no menu. */
  empaquetada: boolean;
}): Promise<{ window: BrowserWindow; stateSaved: () => Promise<void> }> => {
  const saved = await loadWindowState(options.stateFile);
  const state = restoreWindowState(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const window = new BrowserWindow(
    opcionesVentana({
      preload: options.preload,
      empaquetada: options.empaquetada,
      bounds: state.bounds,
      minimo: MIN_WINDOW_SIZE,
    }),
  );
  // A packaged build shows no application menu (its View menu opens DevTools).
  if (options.empaquetada) {
    Menu.setApplicationMenu(null);
    window.removeMenu();
  }
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  let saving: Promise<void> = Promise.resolve();
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    saving = saveWindowState(options.stateFile, {
      bounds,
      maximized: window.isMaximized(),
    }).catch((error: unknown) =>
      options.logger.warn('No se pudo guardar la posición de la ventana', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  });
  if (options.load.kind === 'file') {
    await window.loadFile(options.load.path);
  } else {
    await window.loadURL(options.load.url);
  }
  return { window, stateSaved: () => saving };
};
