import type { HandlerGroup } from '../rpc';
import type { NotasCreditoService } from './service';

/** `notasCredito.*` calls: find an invoice, see what is left to return, preview and emit. */
export const createNotasCreditoHandlers = (deps: {
  notasCredito: NotasCreditoService;
}): HandlerGroup<
  'notasCredito.buscar' | 'notasCredito.factura' | 'notasCredito.calcular' | 'notasCredito.emitir'
> => ({
  'notasCredito.buscar': (filtro) => ({ ok: true, value: deps.notasCredito.buscar(filtro) }),
  'notasCredito.factura': ({ facturaId }) => deps.notasCredito.factura(facturaId),
  'notasCredito.calcular': (devolucion) => deps.notasCredito.calcular(devolucion),
  'notasCredito.emitir': (solicitud) => deps.notasCredito.emitir(solicitud),
});
