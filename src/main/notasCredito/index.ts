/** Notas de crédito: returns against authorized invoices, through the sale's emission path. */
export { createNotasCreditoHandlers } from './handlers';
export { disponible, type LineaAcreditable, lineaDevuelta } from './lineas';
export {
  createNotasCreditoService,
  type Devolucion,
  type FacturaAnulada,
  type NotasCreditoDeps,
  type NotasCreditoService,
  type SolicitudNota,
} from './service';
