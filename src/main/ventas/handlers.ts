import type { HandlerGroup } from '../rpc';
import type { EmisionService } from './service';

/** `ventas.*` calls: the checkout's running totals and the one-keystroke Cobrar. */
export const createVentasHandlers = (deps: {
  emision: EmisionService;
}): HandlerGroup<'ventas.calcular' | 'ventas.cobrar'> => ({
  'ventas.calcular': (carrito) => deps.emision.calcular(carrito),
  'ventas.cobrar': (carrito) => deps.emision.cobrar(carrito),
});
