/**
 * The composition root: `createApp` wires every service of main into one handler table and one
 * lifecycle; the Electron shell, the browser host and the CLI are its only importers.
 */
export { type App, type AppOptions, createApp, DATABASE_FILE } from './createApp';
export { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './csp';
export {
  type Ambiente,
  type BackendSri,
  createAppHandlers,
  type EstadoTracker,
  trackEstado,
} from './estado';
