import { BrowserWindow, ipcMain } from 'electron';
import { IPC_CALL_CHANNEL, IPC_CLIENTE_CORREO_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc';
import type { App } from '../app';
import type { Logger } from '../log';
import { createIpcCallHandler, createIpcCorreoClienteHandler } from './ipcCall';
import type { TrustedRenderer } from './senderFrame';

/**
 * Binds the contract to IPC: one `mostrador:call` handler (sender frame checked, then the same
 * `dispatch` the HTTP host uses), the customer display's e-mail channel (that window only) and
 * every bus event forwarded to our windows.
 * Returns a function that unbinds both.
 */
export const bindIpc = (options: {
  app: Pick<App, 'call' | 'events' | 'proponerCorreoCliente'>;
  trusted: TrustedRenderer;
  logger: Logger;
  /** The customer display's webContents: it gets its one event and may call nothing. */
  esPantallaCliente?: (webContentsId: number) => boolean;
}): (() => void) => {
  const handle = createIpcCallHandler(options);
  const pantalla = options.esPantallaCliente ?? (() => false);
  ipcMain.handle(IPC_CALL_CHANNEL, (event, name: unknown, input: unknown) => {
    const frame = event.senderFrame;
    return handle(
      frame === null
        ? null
        : {
            url: frame.url,
            isMainFrame: frame.parent === null,
            pantallaCliente: pantalla(event.sender.id),
          },
      name,
      input,
    );
  });
  const correo = createIpcCorreoClienteHandler(options);
  ipcMain.handle(IPC_CLIENTE_CORREO_CHANNEL, (event, input: unknown) => {
    const frame = event.senderFrame;
    return correo(
      frame === null
        ? null
        : {
            url: frame.url,
            isMainFrame: frame.parent === null,
            pantallaCliente: pantalla(event.sender.id),
          },
      input,
    );
  });
  const unsubscribe = options.app.events.subscribeAll((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (window.isDestroyed()) continue;
      if (pantalla(window.webContents.id) && name !== 'pantallaCliente') continue;
      window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    ipcMain.removeHandler(IPC_CLIENTE_CORREO_CHANNEL);
    unsubscribe();
  };
};
