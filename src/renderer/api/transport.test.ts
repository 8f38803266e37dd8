import { describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import { type AppError, err, ok, type Result } from '../../shared/result';
import { createMostradorApi, type Transport } from './transport';

const fakeTransport = (respuesta: Result<unknown>) => {
  const oyentes = new Map<EventName, (payload: Result<unknown>) => void>();
  const llamadas: { name: string; input: unknown }[] = [];
  const transport: Transport = {
    kind: 'http',
    call: async (name, input) => {
      llamadas.push({ name, input });
      return respuesta;
    },
    listen: (name, listener) => {
      oyentes.set(name, listener);
      return () => oyentes.delete(name);
    },
    onConexion: () => () => {},
  };
  return { transport, oyentes, llamadas };
};

const estado = {
  version: '0.1.0',
  ambiente: 'pruebas' as const,
  backendSri: 'simulador' as const,
  enLinea: false,
  outboxPendientes: 0,
  ultimoErrorSri: null,
  tienda: null,
};

describe('API del renderer sobre un transporte', () => {
  it('devuelve la salida de la llamada validada por el contrato', async () => {
    const { transport, llamadas } = fakeTransport(ok(estado));
    const api = createMostradorApi(transport, () => {});
    expect(await api.call('app.estado', {})).toEqual(ok(estado));
    expect(llamadas).toEqual([{ name: 'app.estado', input: {} }]);
  });

  it('una salida fuera del contrato se vuelve un error con mensaje en español', async () => {
    const { transport } = fakeTransport(ok({ version: 1 }));
    const r = await createMostradorApi(transport, () => {}).call('app.estado', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'respuesta_invalida' } });
  });

  it('entrega los eventos válidos y aparta los inválidos sin llamar al oyente', () => {
    const { transport, oyentes } = fakeTransport(err('interno', 'y'));
    const invalidos: [EventName, AppError][] = [];
    const api = createMostradorApi(transport, (name, error) => invalidos.push([name, error]));
    const recibidos: boolean[] = [];
    api.subscribe('conectividad', (p) => recibidos.push(p.enLinea));
    oyentes.get('conectividad')?.(ok({ enLinea: true }));
    oyentes.get('conectividad')?.(ok({ enLinea: 'no' }));
    oyentes.get('conectividad')?.(err('evento_invalido', 'JSON roto'));
    expect(recibidos).toEqual([true]);
    expect(invalidos.map(([name, e]) => [name, e.code])).toEqual([
      ['conectividad', 'evento_invalido'],
      ['conectividad', 'evento_invalido'],
    ]);
  });
});
