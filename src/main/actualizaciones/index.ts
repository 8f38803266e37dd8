export { type Canal, type FeedFile, feedFileName, parseFeed, type UpdateInfo } from './feed';
export { createFeedBackend, type FeedBackendOptions, installerFor } from './feedBackend';
export { actualizacionVerificable, publicadoresDe } from './firma';
export {
  type Actividad,
  createActividad,
  documentosEnEnvio,
  type Espera,
  type MotivoEspera,
} from './gate';
export {
  type ConfigActualizaciones,
  createUpdatePolicy,
  DEFAULT_INTERVAL_MS,
  type Decision,
  type EstadoActualizacion,
  evaluarActualizacion,
  type UpdateBackend,
  type UpdatePolicy,
  type UpdatePolicyDeps,
} from './policy';
export { INSTALL_ID_FILE, inRollout, installId, rolloutPosition } from './rollout';
export {
  guardarConfigActualizaciones,
  leerConfigActualizaciones,
  UPDATE_SETTING_KEYS,
} from './settings';
export { compareVersions, parseVersion, type Version } from './version';
