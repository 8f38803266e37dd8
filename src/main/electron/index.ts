export { createDialogos } from './dialogos';
export { bindIpc } from './ipc';
export { createIpcCallHandler } from './ipcCall';
export { createElectronLogger } from './logger';
export { abrirPantallaCliente } from './pantallaCliente';
export { hardenElectron, hardenSession } from './security';
export { isTrustedSender, type SenderFrame, type TrustedRenderer } from './senderFrame';
export { createElectronUpdateBackend } from './updater';
export { createMainWindow } from './window';
export {
  loadWindowState,
  parseWindowState,
  type Rect,
  restoreWindowState,
  saveWindowState,
  type WindowState,
} from './windowState';
