import { BrowserWindow, ipcMain } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc';
import { err } from '../../shared/result';
import type { App } from '../app';
import type { Logger } from '../log';
import { isTrustedSender, type TrustedRenderer } from './senderFrame';

/**
 * Binds the contract to IPC: one `mostrador:call` handler (sender frame checked, then the same
 * `dispatch` the HTTP host uses) and every bus event forwarded to our windows.
 * Returns a function that unbinds both.
 */
export const bindIpc = (options: {
  app: Pick<App, 'call' | 'events'>;
  trusted: TrustedRenderer;
  logger: Logger;
}): (() => void) => {
  const { app, trusted, logger } = options;
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, name: unknown, input: unknown) => {
    const frame = event.senderFrame;
    const sender = frame === null ? null : { url: frame.url, isMainFrame: frame.parent === null };
    if (!isTrustedSender(sender, trusted)) {
      logger.warn('Llamada IPC rechazada: el remitente no es la página de la aplicación', {
        call: typeof name === 'string' ? name : typeof name,
      });
      return err('prohibido', 'Solo la ventana de Mostrador puede usar esta operación.');
    }
    if (typeof name !== 'string') {
      return err('llamada_desconocida', 'El nombre de la operación debe ser texto.');
    }
    return app.call(name, input, 'ipc');
  });
  const unsubscribe = app.events.subscribeAll((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    unsubscribe();
  };
};
