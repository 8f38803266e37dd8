/** Emission of sales: cart → exact totals → one transaction that numbers, signs and queues. */
export { resolverPagos } from './pagos';
export {
  createEmisionService,
  type EmisionDeps,
  type EmisionService,
  type Firmador,
} from './servicio';
