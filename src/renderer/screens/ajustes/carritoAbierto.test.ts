import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { vigilarCarrito } from './carritoAbierto';

describe('aviso de venta abierta', () => {
  it('avisa solo cuando el carrito pasa de vacío a con líneas y de vuelta', async () => {
    const store = createStore<{ lineas: readonly string[] }>(() => ({ lineas: [] }));
    const enviados: unknown[] = [];
    const api = {
      call: async (name: string, input: unknown) => {
        enviados.push([name, input]);
        return { ok: true as const, value: input };
      },
    } as Parameters<typeof vigilarCarrito>[1];
    const dejar = vigilarCarrito(store, api);
    store.setState({ lineas: ['a'] });
    store.setState({ lineas: ['a', 'b'] });
    store.setState({ lineas: [] });
    dejar();
    store.setState({ lineas: ['c'] });
    expect(enviados).toEqual([
      ['app.carritoAbierto', { abierto: false }],
      ['app.carritoAbierto', { abierto: true }],
      ['app.carritoAbierto', { abierto: false }],
    ]);
  });
});
