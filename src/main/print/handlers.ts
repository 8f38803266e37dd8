import type { HandlerGroup } from '../rpc';
import type { PrintQueue } from './queue';

/** `impresion.*` calls: what happened to a print job, and trying it again. */
export const createImpresionHandlers = (deps: {
  printQueue: PrintQueue;
}): HandlerGroup<'impresion.reintentar'> => ({
  'impresion.reintentar': ({ trabajoId }) => deps.printQueue.reintentar(trabajoId),
});
