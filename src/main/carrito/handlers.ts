import type { HandlerGroup } from '../rpc';
import type { CarritoService } from './service';

/** `carrito.*` calls: the checkout's cart in progress, kept in main. */
export const createCarritoHandlers = (deps: {
  carrito: CarritoService;
}): HandlerGroup<'carrito.obtener' | 'carrito.guardar'> => ({
  'carrito.obtener': () => deps.carrito.obtener(),
  'carrito.guardar': (input) => deps.carrito.guardar(input),
});
