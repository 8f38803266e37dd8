import type { HandlerGroup } from '../rpc';
import type { Aprobaciones } from './service';

/** `aprobaciones.solicitar`: the one call that carries a supervisor's PIN. */
export const createAprobacionesHandlers = (deps: {
  aprobaciones: Aprobaciones;
}): HandlerGroup<'aprobaciones.solicitar'> => ({
  'aprobaciones.solicitar': (input) => deps.aprobaciones.solicitar(input),
});
