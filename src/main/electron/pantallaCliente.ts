import { BrowserWindow, screen } from 'electron';
import type { PantallaCliente } from '../../shared/contract/pantallaCliente';
import { IPC_EVENT_CHANNEL } from '../../shared/ipc';
import { opcionesVentana } from './opcionesVentana';
import { pantallaSecundaria } from './pantallas';

/**
 * The customer display (issue 18 §6): a second window, full screen on the second monitor, with
 * the same page at `#/cliente` and its own preload (events only). None when there is one screen.
 */
export const abrirPantallaCliente = async (options: {
  preload: string;
  load: { kind: 'file'; path: string } | { kind: 'url'; url: string };
  empaquetada: boolean;
  estado: () => PantallaCliente | null;
}): Promise<BrowserWindow | null> => {
  const area = pantallaSecundaria(
    screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds })),
    screen.getPrimaryDisplay().id,
  );
  if (area === null) return null;
  const window = new BrowserWindow({
    ...opcionesVentana({
      preload: options.preload,
      empaquetada: options.empaquetada,
      bounds: area,
      minimo: { width: 320, height: 240 },
    }),
    title: 'Mostrador — su compra',
    fullscreen: true,
    focusable: false,
  });
  window.removeMenu();
  window.once('ready-to-show', () => window.showInactive());
  // What is on display now, as soon as the page can hear it.
  window.webContents.on('did-finish-load', () => {
    const estado = options.estado();
    if (estado !== null) window.webContents.send(IPC_EVENT_CHANNEL, 'pantallaCliente', estado);
  });
  if (options.load.kind === 'file') {
    await window.loadFile(options.load.path, { hash: '/cliente' });
  } else {
    await window.loadURL(`${options.load.url}#/cliente`);
  }
  return window;
};
