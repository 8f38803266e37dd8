/** Emission of sales: cart → exact totals → one transaction that numbers, signs and queues. */
export { resolverPagos } from './pagos';
export {
  Abortar,
  createPersistencia,
  type DocumentoFirmado,
  emisorDe,
  exigir,
  numeroDe,
  type Persistencia,
} from './persistencia';
export {
  createEmisionService,
  type EmisionDeps,
  type EmisionService,
  type Firmador,
} from './service';
