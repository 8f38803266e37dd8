import { err } from '../../shared/result';
import type { AppUser } from '../db';
import type { HandlerGroup } from '../rpc';
import type { NotasCreditoService } from './service';

/** `notasCredito.*` calls: find an invoice, see what is left to return, preview and emit. */
export const createNotasCreditoHandlers = (deps: {
  notasCredito: NotasCreditoService;
  /** Nobody logged in emits no credit note (issue 15). */
  usuarioActual: () => AppUser | null;
}): HandlerGroup<
  'notasCredito.buscar' | 'notasCredito.factura' | 'notasCredito.calcular' | 'notasCredito.emitir'
> => ({
  'notasCredito.buscar': (filtro) => ({ ok: true, value: deps.notasCredito.buscar(filtro) }),
  'notasCredito.factura': ({ facturaId }) => deps.notasCredito.factura(facturaId),
  'notasCredito.calcular': (devolucion) => deps.notasCredito.calcular(devolucion),
  'notasCredito.emitir': (solicitud) =>
    deps.usuarioActual() === null
      ? err(
          'sin_sesion',
          'Nadie ha ingresado en esta caja: ingrese con su PIN para emitir la nota de crédito.',
        )
      : deps.notasCredito.emitir(solicitud),
});
