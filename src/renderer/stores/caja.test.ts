import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../shared/result';
import { type CajaApi, createCajaStore } from './caja';

/** A fake main: records each call and answers from a table the test fills. */
const fakeApi = (respuestas: Record<string, (input: unknown) => Result<unknown>>) => {
  const llamadas: { name: string; input: unknown }[] = [];
  const api: CajaApi = {
    call: async (name, input) => {
      llamadas.push({ name, input });
      const responder = respuestas[name];
      if (responder === undefined) return err('interno', `sin respuesta para ${name}`);
      return responder(input) as never;
    },
    subscribe: () => () => {},
  };
  return { api, llamadas };
};

describe('store de Caja: el margen de diferencia al cerrar', () => {
  it('lo fija con la aprobación, lo muestra y lo dice en dólares', async () => {
    const { api, llamadas } = fakeApi({
      'caja.fijarTolerancia': (input) =>
        ok({ toleranciaCentavos: (input as { toleranciaCentavos: number }).toleranciaCentavos }),
    });
    const store = createCajaStore(api);
    const autorizacion = { usuarioId: 'u1', pin: '9012' };
    expect(await store.getState().fijarTolerancia(250, autorizacion)).toBeNull();
    expect(llamadas).toEqual([
      { name: 'caja.fijarTolerancia', input: { toleranciaCentavos: 250, autorizacion } },
    ]);
    expect(store.getState().toleranciaCentavos).toBe(250);
    expect(store.getState().mensaje).toEqual({
      tipo: 'info',
      texto: 'Margen de diferencia al cerrar: $2.50.',
    });
  });

  it('un rechazo deja el margen como estaba y devuelve el mensaje para el diálogo', async () => {
    const { api } = fakeApi({
      'caja.fijarTolerancia': () => err('pin_incorrecto', 'PIN incorrecto.'),
    });
    const store = createCajaStore(api);
    const fallo = await store.getState().fijarTolerancia(500, { usuarioId: 'u1', pin: '0000' });
    expect(fallo).toBe('PIN incorrecto.');
    expect(store.getState().toleranciaCentavos).toBe(0);
    expect(store.getState().mensaje).toBeNull();
  });
});
