export type { BackupInspection } from './backups';
export { backupDaily, inspectBackup } from './backups';
export type { Database, OpenDatabaseOptions, Orm } from './connection';
export { BUSY_TIMEOUT_MS, defaultMigrationsDir, openDatabase } from './connection';
export type { SqliteFailureCode } from './errors';
export { classifySqliteError, runSqlite, sqliteFailureCode } from './errors';
export type { IdGenerator } from './ids';
export { createIdGenerator } from './ids';
export type {
  AppliedMigration,
  MigrateOptions,
  Migration,
  MigrationPlan,
  MigrationReport,
} from './migrator';
export {
  backupDatabase,
  loadMigrations,
  MIGRATIONS_TABLE,
  migrate,
  planMigrations,
} from './migrator';
export {
  type FuentePimienta,
  fijarPimienta,
  MENSAJE_SIN_PIMIENTA,
  pimientaDe,
} from './pimienta';
export {
  hashPin,
  huellaPimienta,
  pimientaCorresponde,
  pinConPimienta,
  validatePin,
  verifyPin,
} from './pin';
export type { AuditEntry, NewAuditEntry } from './repos/audit';
export { appendAudit, listAudit } from './repos/audit';
export type { Buyer, BuyerInput } from './repos/buyers';
export { findBuyerByIdentificacion, searchBuyers, upsertBuyer } from './repos/buyers';
export { guardarLocal, LOCAL_POR_DEFECTO, LOCAL_SETTING, leerLocal } from './repos/local';
export type { Product, ProductInput } from './repos/products';
export {
  countProducts,
  findProductByBarcode,
  findProductByCode,
  getProduct,
  searchProducts,
  setProductActive,
  toFtsQuery,
  upsertProducts,
} from './repos/products';
export {
  deleteSetting,
  getRawSetting,
  getSetting,
  listSettings,
  SETTING_KEYS,
  setSetting,
} from './repos/settings';
export type {
  EmissionPoint,
  EmissionPointInput,
  Establishment,
  EstablishmentInput,
  Issuer,
  IssuerInput,
  StoreConfiguration,
} from './repos/store';
export {
  getActiveConfiguration,
  getIssuer,
  getSequences,
  listEmissionPoints,
  setTerminalEmissionPoint,
  upsertEmissionPoint,
  upsertEstablishment,
  upsertIssuer,
} from './repos/store';
export type { AppUser, Rol } from './repos/users';
export { checkUserPin, createUser, getUser, listUsers } from './repos/users';
export * as schema from './schema';
