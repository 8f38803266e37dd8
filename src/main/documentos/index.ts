/** Reading documents for Conciliación, reprints and the checkout's last-sale panel. */
export { createDocumentReader } from './detalle';
export { createDocumentosHandlers } from './handlers';
export { type CambioEstado, cambiarEstado, type OrigenCambio } from './repo';
