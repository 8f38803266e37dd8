/**
 * The public contract's side of single-use approvals: every call with an `autorizacion` field
 * gets its `{ token }` used up here, bound to that call and its input, before the domain sees
 * it; the domain then receives credentials main marked as approved. An inline PIN — what older
 * clients sent, and what a captured request would replay — is refused with a Spanish message.
 */
import { z } from 'zod';
import { type CallName, calls } from '../../shared/contract';
import { err } from '../../shared/result';
import type { CallContext, Handlers } from '../rpc';
import { credencialesAprobadas } from '../sesion';
import type { Aprobaciones } from './service';

export const MENSAJE_PIN_EN_LINEA =
  'Por seguridad, el PIN ya no viaja con la operación: la aprobación se pide aparte y sirve una sola vez. Recargue Mostrador (Ctrl+R) e intente de nuevo.';

/** The calls whose input has the field `campo`, read from the contract itself. */
export const llamadasConCampo = (campo: string): CallName[] =>
  (Object.keys(calls) as CallName[]).filter((name) => {
    const input = calls[name].input;
    return input instanceof z.ZodObject && Object.hasOwn(input.shape, campo);
  });

type HandlerSuelto = (input: unknown, ctx: CallContext) => unknown;

/**
 * Wraps, in place, the handler of every call that carries `autorizacion`.
 * @example aceptarAprobacionesDeUnSoloUso(handlers, aprobaciones)
 */
export const aceptarAprobacionesDeUnSoloUso = (
  handlers: Handlers,
  aprobaciones: Aprobaciones,
): void => {
  const tabla = handlers as unknown as Record<CallName, HandlerSuelto>;
  for (const name of llamadasConCampo('autorizacion')) {
    const original = tabla[name];
    tabla[name] = (input, ctx) => {
      const entrada = input as Record<string, unknown>;
      const a = entrada.autorizacion as { token: string } | { pin: string } | undefined;
      if (a === undefined) return original(input, ctx);
      if (!('token' in a)) return err('aprobacion_con_pin', MENSAJE_PIN_EN_LINEA, 'autorizacion');
      const usado = aprobaciones.consumir(a.token, name, entrada);
      if (!usado.ok) return usado;
      return original({ ...entrada, autorizacion: credencialesAprobadas(usado.value) }, ctx);
    };
  }
};
