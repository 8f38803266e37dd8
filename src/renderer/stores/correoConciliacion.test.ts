import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { EventPayload } from '../../shared/contract';
import type { DocumentoFila } from '../../shared/contract/conciliacion';
import { MENSAJE_CORREO_INVALIDO } from '../../shared/contract/correo';
import { err, ok, type Result } from '../../shared/result';
import { type CorreoConciliacionApi, createCorreoConciliacionStore } from './correoConciliacion';

const fila = (id: string): DocumentoFila => ({
  id,
  codDoc: '01',
  numero: '001-001-000000001',
  claveAcceso: '1'.repeat(49),
  fechaEmision: '2026-11-25',
  estado: 'AUTHORIZED',
  comprador: { identificacion: '1710034065', razonSocial: 'María' },
  totalCentavos: 100,
  ultimoMensajeSri: null,
  creadoEn: '2026-11-25T15:00:00.000Z',
  actualizadoEn: '2026-11-25T15:00:00.000Z',
  entrega: { estado: 'rechazado', para: 'rebota@example.com', enviadoEn: null, motivo: '550' },
  impresion: null,
});

const crear = (responder: (input: unknown) => Result<unknown>) => {
  const llamadas: unknown[] = [];
  let oyente: ((p: EventPayload<'correo'>) => void) | null = null;
  const api: CorreoConciliacionApi = {
    call: async (_name, input) => {
      llamadas.push(input);
      return responder(input) as never;
    },
    subscribe: (_name, listener) => {
      oyente = listener;
      return () => {
        oyente = null;
      };
    },
  };
  const conciliacion = createStore<{ filas: DocumentoFila[] }>()(() => ({
    filas: [fila('d1'), fila('d2')],
  }));
  const store = createCorreoConciliacionStore(api, conciliacion);
  store.escuchar();
  return { store, conciliacion, llamadas, emitir: (p: EventPayload<'correo'>) => oyente?.(p) };
};

describe('correo en Conciliación (store)', () => {
  it('una dirección inválida se rechaza en español sin llamar a main', async () => {
    const { store, llamadas } = crear(() => err('interno', 'no'));
    expect(await store.getState().reenviar('d1', 'otra arroba')).toBe(false);
    expect(store.getState().nota).toEqual({ tipo: 'error', texto: MENSAJE_CORREO_INVALIDO });
    expect(llamadas).toEqual([]);
  });

  it('reenvía a otra dirección y la fila queda pendiente para esa dirección', async () => {
    const pendiente = {
      estado: 'pendiente',
      para: 'otra@example.com',
      enviadoEn: null,
      motivo: null,
    };
    const { store, conciliacion, llamadas } = crear(() => ok(pendiente));
    expect(await store.getState().reenviar('d1', ' otra@example.com ')).toBe(true);
    expect(llamadas).toEqual([{ id: 'd1', para: 'otra@example.com' }]);
    expect(conciliacion.getState().filas[0]?.entrega).toEqual(pendiente);
    expect(conciliacion.getState().filas[1]?.entrega?.estado).toBe('rechazado');
  });

  it('sin dirección reenvía a la misma (no manda «para»)', async () => {
    const { store, llamadas } = crear(() =>
      ok({ estado: 'pendiente', para: 'rebota@example.com', enviadoEn: null, motivo: null }),
    );
    await store.getState().reenviar('d2', '');
    expect(llamadas).toEqual([{ id: 'd2' }]);
  });

  it('los eventos de correo actualizan la fila', () => {
    const { conciliacion, emitir } = crear(() => err('interno', 'no'));
    emitir({
      documentoId: 'd2',
      entrega: {
        estado: 'enviado',
        para: 'x@example.com',
        enviadoEn: '2026-11-25T15:04:00.000Z',
        motivo: null,
      },
    });
    expect(conciliacion.getState().filas[1]?.entrega?.estado).toBe('enviado');
  });
});
