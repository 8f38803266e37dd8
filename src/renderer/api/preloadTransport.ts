import type { CallInput, CallName, MostradorApi } from '../../shared/contract';
import { err, ok } from '../../shared/result';
import { mensajes } from './mensajes';
import type { Transport } from './transport';

/**
 * The Electron transport: the `window.mostrador` bridge exposed by the preload. A rejected
 * promise means the IPC channel itself failed (main crashed or has no handler), so it becomes
 * a `Result` error like any other.
 */
export const createPreloadTransport = (bridge: MostradorApi): Transport => ({
  kind: 'preload',
  call: async (name, input) => {
    try {
      return await bridge.call(name, input as CallInput<CallName>);
    } catch {
      return err('puente', mensajes.puente);
    }
  },
  listen: (name, listener) => bridge.subscribe(name, (payload) => listener(ok(payload))),
  // IPC lives as long as the window: there is nothing to reconnect.
  onConexion: (listener) => {
    listener('conectado');
    return () => {};
  },
});
