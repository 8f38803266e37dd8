import type { MostradorApi } from '../../shared/contract';

/**
 * Screens hand a supervisor's `{ usuarioId, pin }` to the call that needs it; this layer swaps it,
 * just before sending, for a single-use approval bound to that call and its input
 * (`aprobaciones.solicitar`), so the PIN never travels with — nor can be replayed from — the
 * action itself. Nothing here keeps the PIN.
 * @example const api = conAprobacionDeUnSoloUso(createMostradorApi(transport, avisar))
 */
export const conAprobacionDeUnSoloUso = (api: MostradorApi): MostradorApi => ({
  ...api,
  call: async (name, input) => {
    const entrada = input as Record<string, unknown>;
    const a = entrada.autorizacion;
    if (typeof a !== 'object' || a === null || !('pin' in a) || !('usuarioId' in a)) {
      return api.call(name, input);
    }
    const { autorizacion: _pin, ...resto } = entrada;
    const aprobada = await api.call('aprobaciones.solicitar', {
      usuarioId: String(a.usuarioId),
      pin: String(a.pin),
      accion: name,
      entrada: resto,
    });
    if (!aprobada.ok) return aprobada;
    return api.call(name, {
      ...resto,
      autorizacion: { token: aprobada.value.token },
    } as typeof input);
  },
});
