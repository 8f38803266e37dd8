import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { EventName, EventPayload, MostradorApi } from '../shared/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/ipc';

// The renderer gets exactly the contract: two functions. Never ipcRenderer itself, never the
// IPC event object (it carries `sender`).
const api: MostradorApi = {
  call: (name, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, name, input),
  subscribe: <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) => {
    const onEvent = (_event: IpcRendererEvent, eventName: unknown, payload: unknown): void => {
      // Main validated the payload against this event's schema before sending it.
      if (eventName === name) listener(payload as EventPayload<E>);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, onEvent);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, onEvent);
    };
  },
};

contextBridge.exposeInMainWorld('mostrador', api);
