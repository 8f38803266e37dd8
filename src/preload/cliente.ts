import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';

/**
 * `IPC_EVENT_CHANNEL` of src/shared/ipc.ts, written out: importing it from both preloads would
 * make the bundler share it in a chunk, and a sandboxed preload cannot require a file
 * (src/main/electron/pantallas.test.ts checks they are equal).
 */
const IPC_EVENT_CHANNEL = 'mostrador:event';
/** `IPC_CLIENTE_CORREO_CHANNEL` of src/shared/ipc.ts, written out for the same reason. */
const IPC_CLIENTE_CORREO_CHANNEL = 'mostrador:cliente-correo';

// The customer display's window (issue 18 §6) gets its picture as main sends it and may send
// one thing back: the buyer's e-mail (issue 19 §4), which main only passes to the cashier.
// No `call`: main refuses this window's calls anyway (src/main/electron/ipcCall.ts).
contextBridge.exposeInMainWorld('mostradorCliente', {
  subscribe: (listener: (payload: unknown) => void) => {
    const onEvent = (_event: IpcRendererEvent, eventName: unknown, payload: unknown): void => {
      if (eventName === 'pantallaCliente') listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, onEvent);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, onEvent);
    };
  },
  proponerCorreo: (propuesta: unknown): Promise<unknown> =>
    ipcRenderer.invoke(IPC_CLIENTE_CORREO_CHANNEL, propuesta),
});
