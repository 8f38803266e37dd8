export { listBackups, parseBackupName, type RespaldoArchivo, type TipoRespaldo } from './files';
export {
  apartarBaseDanada,
  aplicarRestauracionPendiente,
  baseDanada,
  cancelarRestauracion,
  PENDING_RESTORE_MARKER,
  type RestauracionAplicada,
  type RestauracionPendiente,
  type RestauracionSolicitada,
  restauracionPendiente,
  STAGED_RESTORE_FILE,
  solicitarRestauracion,
} from './restore';
export { backupsToKeep, DEFAULT_ROTATION, type RotationPolicy } from './rotation';
export { type ConfirmacionOtroRuc, revisarRuc, rucDelRespaldo, rucsConocidos } from './ruc';
export {
  BACKUP_FOLDER_SETTING,
  type BackupService,
  type BackupServiceDeps,
  createBackupService,
} from './service';
