import { err, type Result } from '../../shared/result';
import type { App } from '../app';
import type { Logger } from '../log';
import { isTrustedSender, type SenderFrame, type TrustedRenderer } from './senderFrame';

/**
 * The body of the `mostrador:call` IPC handler, free of Electron so it is tested as is: a
 * sender that is not our page's top frame is refused before anything runs; everything else goes
 * through the same `dispatch` as HTTP (zod validation first, nothing written on bad input).
 */
export const createIpcCallHandler =
  (options: { app: Pick<App, 'call'>; trusted: TrustedRenderer; logger: Logger }) =>
  async (sender: SenderFrame | null, name: unknown, input: unknown): Promise<Result<unknown>> => {
    // The customer display only listens (issue 18 §6): it is our page, but it may call nothing.
    if (sender?.pantallaCliente === true) {
      options.logger.warn('Llamada IPC rechazada: la pantalla del cliente solo muestra', {
        call: typeof name === 'string' ? name : typeof name,
      });
      return err('prohibido', 'La pantalla del cliente solo muestra; no puede operar.');
    }
    if (!isTrustedSender(sender, options.trusted)) {
      options.logger.warn('Llamada IPC rechazada: el remitente no es la página de la aplicación', {
        call: typeof name === 'string' ? name : typeof name,
      });
      return err('prohibido', 'Solo la ventana de Mostrador puede usar esta operación.');
    }
    if (typeof name !== 'string') {
      return err('llamada_desconocida', 'El nombre de la operación debe ser texto.');
    }
    return options.app.call(name, input, 'ipc');
  };

/**
 * The body of the display's `mostrador:cliente-correo` handler (issue 19 §4): only the customer
 * display's window may propose the buyer's e-mail; main validates it and tells the cashier.
 */
export const createIpcCorreoClienteHandler =
  (options: { app: Pick<App, 'proponerCorreoCliente'>; logger: Logger }) =>
  (sender: SenderFrame | null, input: unknown): Result<unknown> => {
    if (sender?.pantallaCliente !== true || !sender.isMainFrame) {
      options.logger.warn('Correo de la pantalla rechazado: no viene de la pantalla del cliente');
      return err('prohibido', 'Solo la pantalla del cliente propone el correo del comprador.');
    }
    return options.app.proponerCorreoCliente(input);
  };
