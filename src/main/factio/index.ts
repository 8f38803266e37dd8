/** Hosted Factio API: client, pull, push and the sync worker (docs/architecture.md §9). */
export type { EstadoFactio } from './api';
export {
  createFactioClient,
  DEFAULT_FACTIO_TIMEOUTS,
  type FactioClient,
  type FactioError,
  type FactioResult,
  type FactioTimeouts,
  parseRetryAfter,
} from './client';
export { createSyncHandlers, type SyncCallName } from './handlers';
export { aMicros, type PullReport, pullTodo } from './pull';
export { centavosADecimal, estadoDesdeFactio, estadoHaciaFactio, microsADecimal } from './push';
export {
  type ConsultaComprador,
  createSyncService,
  FACTIO_KEY_ACCOUNT,
  FACTIO_SETTINGS,
  FACTIO_URLS,
  type SyncService,
  type SyncServiceDeps,
} from './service';
export {
  createSyncWorker,
  DEFAULT_SYNC_OPTIONS,
  type SyncOptions,
  type SyncWorker,
} from './worker';
