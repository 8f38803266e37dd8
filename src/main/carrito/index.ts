export { createCarritoHandlers } from './handlers';
export { type CarritoService, createCarritoService } from './service';
