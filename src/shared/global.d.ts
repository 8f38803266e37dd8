import type { MostradorApi } from './contract';

declare global {
  // biome-ignore lint/style/useConsistentTypeDefinitions: adding a property to `Window` needs declaration merging, which only an interface gives.
  interface Window {
    /** The contract bridge exposed by the Electron preload; absent in the browser host. */
    mostrador?: MostradorApi;
    /**
     * The customer display window's bridge (Electron): its events and the buyer's e-mail, no
     * contract call. Absent in the cashier's window and in the browser host.
     */
    mostradorCliente?: {
      subscribe: (listener: (payload: unknown) => void) => () => void;
      /** Main's answer: `{ ok: true, value }` or `{ ok: false, error }`, to validate. */
      proponerCorreo: (propuesta: unknown) => Promise<unknown>;
    };
  }
}
