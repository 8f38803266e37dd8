import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract';
import type { FactioEstado } from '../../shared/contract/sync';
import { err, ok, type Result } from '../../shared/result';
import { createFactioStore, type FactioApi } from './factio';

const estado = (over: Partial<FactioEstado> = {}): FactioEstado => ({
  configurada: true,
  claveFinal: 'abcd',
  ambiente: 'sandbox',
  url: 'https://sandbox.api.factioapp.com',
  urlPersonalizada: false,
  estado: 'activa',
  mensaje: null,
  ultimaSincronizacion: null,
  sincronizando: false,
  pendientes: 0,
  conError: 0,
  ultimoErrorDocumento: null,
  recursos: [],
  ...over,
});

const fakeApi = (respuestas: Record<string, (input: unknown) => Result<unknown>>) => {
  const llamadas: { name: string; input: unknown }[] = [];
  let oyente: ((e: EventPayload<'sincronizacion'>) => void) | null = null;
  const api: FactioApi = {
    call: async (name, input) => {
      llamadas.push({ name, input });
      const responder = respuestas[name];
      if (responder === undefined) return err('interno', `sin respuesta para ${name}`);
      return responder(input) as never;
    },
    subscribe: (_name, listener) => {
      oyente = listener;
      return () => {
        oyente = null;
      };
    },
  };
  return { api, llamadas, emitir: (e: FactioEstado) => oyente?.(e) };
};

describe('store de Ajustes › Factio', () => {
  it('guarda la clave con la aprobación solo cuando la hay y toma el estado que vuelve', async () => {
    const { api, llamadas } = fakeApi({
      'factio.guardarClave': () => ok(estado({ claveFinal: 'wxyz' })),
    });
    const store = createFactioStore(api);
    expect(await store.getState().guardarClave('clave-larga-1')).toBeNull();
    await store.getState().guardarClave('clave-larga-2', { token: 't'.repeat(32) });
    expect(llamadas.map((l) => l.input)).toEqual([
      { clave: 'clave-larga-1' },
      { clave: 'clave-larga-2', autorizacion: { token: 't'.repeat(32) } },
    ]);
    expect(store.getState().estado?.claveFinal).toBe('wxyz');
  });

  it('una dirección vacía vuelve a la del ambiente', async () => {
    const { api, llamadas } = fakeApi({ 'factio.configurar': () => ok(estado()) });
    const store = createFactioStore(api);
    await store.getState().configurar('produccion', '  ');
    expect(llamadas[0]?.input).toEqual({ ambiente: 'produccion', url: null });
  });

  it('una prueba fallida queda como nota de error con el mensaje de Factio', async () => {
    const { api } = fakeApi({
      'factio.probar': () =>
        ok({ exito: false, mensaje: 'Sin conexión con Factio.', latenciaMs: null }),
    });
    const store = createFactioStore(api);
    await store.getState().hacer(async () => {
      const r = await store.getState().probar();
      return r.ok ? null : r.error;
    }, 'Conexión correcta.');
    expect(store.getState().nota).toEqual({ tipo: 'error', texto: 'Sin conexión con Factio.' });
    expect(store.getState().ocupado).toBe(false);
  });

  it('el estado de la sincronización llega en vivo', () => {
    const { api, emitir } = fakeApi({});
    const store = createFactioStore(api);
    store.escuchar();
    emitir(estado({ estado: 'pausada', mensaje: 'Factio rechazó la clave.' }));
    expect(store.getState().estado?.estado).toBe('pausada');
  });
});
