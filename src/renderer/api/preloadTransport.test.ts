import { describe, expect, it } from 'vitest';
import type { MostradorApi } from '../../shared/contract';
import { ok, type Result } from '../../shared/result';
import { createPreloadTransport } from './preloadTransport';
import type { ConexionLocal } from './transport';

describe('transporte del preload', () => {
  it('pasa la llamada al puente y devuelve su Result', async () => {
    const recibidas: unknown[] = [];
    const puente: MostradorApi = {
      call: async (name, input) => {
        recibidas.push([name, input]);
        return { ok: false, error: { code: 'validacion', message: 'Dato inválido' } };
      },
      subscribe: () => () => {},
    };
    const r = await createPreloadTransport(puente).call('app.estado', {});
    expect(r).toEqual({ ok: false, error: { code: 'validacion', message: 'Dato inválido' } });
    expect(recibidas).toEqual([['app.estado', {}]]);
  });

  it('si el IPC rechaza la promesa, devuelve un error que pide reiniciar la aplicación', async () => {
    const puente: MostradorApi = {
      call: () => Promise.reject(new Error("No handler registered for 'mostrador:call'")),
      subscribe: () => () => {},
    };
    const r = await createPreloadTransport(puente).call('app.estado', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'puente' } });
    if (!r.ok) expect(r.error.message).toContain('Cierre la aplicación y ábrala de nuevo');
  });

  it('entrega los eventos del puente sin decodificar y deja de escuchar al desuscribirse', () => {
    const oyentes = new Set<(p: unknown) => void>();
    const puente: MostradorApi = {
      call: async () => ok({}) as never,
      subscribe: (_name, listener) => {
        const l = listener as (p: unknown) => void;
        oyentes.add(l);
        return () => oyentes.delete(l);
      },
    };
    const recibidos: Result<unknown>[] = [];
    const dejar = createPreloadTransport(puente).listen('conectividad', (p) => recibidos.push(p));
    for (const l of oyentes) l({ enLinea: true });
    expect(recibidos).toEqual([{ ok: true, value: { enLinea: true } }]);
    dejar();
    expect(oyentes.size).toBe(0);
  });

  it('el canal IPC se da por conectado desde el inicio', () => {
    const estados: ConexionLocal[] = [];
    createPreloadTransport({
      call: async () => ok({}) as never,
      subscribe: () => () => {},
    }).onConexion((e) => estados.push(e));
    expect(estados).toEqual(['conectado']);
  });
});
