/**
 * What the renderer does before a call that carries a supervisor's PIN (src/renderer/api/
 * aprobaciones.ts): exchange it for a single-use approval bound to that call and its input.
 */
import type { Result } from '../../src/shared/result';

type Llamar = (name: string, input: unknown) => Promise<Result<unknown>>;

/** @example const call = aprobando((n, i) => app.call(n, i, 'interno')) */
export const aprobando =
  (llamar: Llamar): Llamar =>
  async (name, input) => {
    const entrada = input as Record<string, unknown>;
    const a = entrada?.autorizacion as { usuarioId?: unknown; pin?: unknown } | undefined;
    if (a === undefined || a.pin === undefined) return llamar(name, input);
    const { autorizacion: _pin, ...resto } = entrada;
    const aprobada = await llamar('aprobaciones.solicitar', {
      usuarioId: a.usuarioId,
      pin: a.pin,
      accion: name,
      entrada: resto,
    });
    if (!aprobada.ok) return aprobada;
    const { token } = aprobada.value as { token: string };
    return llamar(name, { ...resto, autorizacion: { token } });
  };

type ConCall = {
  call: (
    name: string,
    input: unknown,
    transport: 'ipc' | 'http' | 'interno',
  ) => Promise<Result<unknown>>;
};

/**
 * Makes `app.call` (and what is served from it) exchange inline PINs like the renderer does,
 * for tests about something else than approvals.
 */
export const aprobandoEnApp = <A extends ConCall>(app: A): A => {
  const original = app.call.bind(app);
  app.call = (name, input, transport) =>
    aprobando((n, i) => original(n, i, transport))(name, input);
  return app;
};
