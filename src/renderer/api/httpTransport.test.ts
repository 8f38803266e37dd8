import { describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import type { Result } from '../../shared/result';
import {
  createHttpTransport,
  type EventStreamHandlers,
  type FetchLike,
  type OpenEventStream,
} from './httpTransport';
import type { ConexionLocal } from './transport';

/** A hand-written stand-in for `EventSource`: the test plays the server's side. */
const fakeStreams = () => {
  const abiertos: {
    url: string;
    names: readonly EventName[];
    handlers: EventStreamHandlers;
    cerrado: boolean;
  }[] = [];
  const open: OpenEventStream = (url, names, handlers) => {
    const stream = { url, names, handlers, cerrado: false };
    abiertos.push(stream);
    return {
      close: () => {
        stream.cerrado = true;
      },
    };
  };
  return { abiertos, open };
};

const fakeSchedule = () => {
  const pendientes: { task: () => void; ms: number; cancelada: boolean }[] = [];
  return {
    pendientes,
    schedule: (task: () => void, ms: number) => {
      const entrada = { task, ms, cancelada: false };
      pendientes.push(entrada);
      return () => {
        entrada.cancelada = true;
      };
    },
    ejecutarSiguiente: () => {
      const siguiente = pendientes.shift();
      if (siguiente !== undefined && !siguiente.cancelada) siguiente.task();
    },
  };
};

const sinFetch: FetchLike = () => Promise.reject(new Error('no se usa'));

const crear = (token: string | null = 'tok en') => {
  const streams = fakeStreams();
  const reloj = fakeSchedule();
  const transport = createHttpTransport({
    baseUrl: 'http://127.0.0.1:4310',
    token,
    fetch: sinFetch,
    openEventStream: streams.open,
    schedule: reloj.schedule,
    reconnectDelaysMs: [100, 500],
  });
  return { transport, streams, reloj };
};

describe('eventos del host del navegador', () => {
  it('abre un solo flujo con el token en la URL para todas las suscripciones', () => {
    const { transport, streams } = crear();
    transport.listen('outbox', () => {});
    transport.listen('conectividad', () => {});
    transport.onConexion(() => {});
    expect(streams.abiertos).toHaveLength(1);
    expect(streams.abiertos[0]?.url).toBe('http://127.0.0.1:4310/api/events?token=tok%20en');
    expect(streams.abiertos[0]?.names).toEqual(expect.arrayContaining(['outbox', 'conectividad']));
  });

  it('entrega a cada oyente solo los eventos de su nombre, ya decodificados', () => {
    const { transport, streams } = crear();
    const outbox: Result<unknown>[] = [];
    const conectividad: Result<unknown>[] = [];
    transport.listen('outbox', (p) => outbox.push(p));
    transport.listen('conectividad', (p) => conectividad.push(p));
    streams.abiertos[0]?.handlers.onEvent('outbox', '{"pendientes":4,"ultimoErrorSri":null}');
    expect(outbox).toEqual([{ ok: true, value: { pendientes: 4, ultimoErrorSri: null } }]);
    expect(conectividad).toEqual([]);
  });

  it('un evento con JSON roto llega como error', () => {
    const { transport, streams } = crear();
    const recibidos: Result<unknown>[] = [];
    transport.listen('outbox', (p) => recibidos.push(p));
    streams.abiertos[0]?.handlers.onEvent('outbox', 'no es json');
    expect(recibidos[0]?.ok).toBe(false);
  });

  it('informa conectando, conectado y reconectando mientras el navegador reintenta', () => {
    const { transport, streams } = crear();
    const estados: ConexionLocal[] = [];
    transport.onConexion((e) => estados.push(e));
    const h = streams.abiertos[0]?.handlers;
    h?.onOpen();
    h?.onError(false);
    h?.onOpen();
    expect(estados).toEqual(['conectando', 'conectado', 'reconectando', 'conectado']);
    expect(streams.abiertos).toHaveLength(1);
  });

  it('un flujo rechazado antes de abrir nunca se anuncia como conexión perdida', () => {
    const { transport, streams, reloj } = crear();
    const estados: ConexionLocal[] = [];
    transport.onConexion((e) => estados.push(e));
    streams.abiertos[0]?.handlers.onError(true);
    reloj.ejecutarSiguiente();
    streams.abiertos[1]?.handlers.onError(false);
    expect(estados).toEqual(['conectando']);
    expect(streams.abiertos).toHaveLength(2);
  });

  it('si el navegador cierra el flujo, lo vuelve a abrir con espera creciente', () => {
    const { transport, streams, reloj } = crear();
    transport.listen('outbox', () => {});
    streams.abiertos[0]?.handlers.onError(true);
    expect(streams.abiertos[0]?.cerrado).toBe(true);
    expect(reloj.pendientes.map((p) => p.ms)).toEqual([100]);
    reloj.ejecutarSiguiente();
    expect(streams.abiertos).toHaveLength(2);
    streams.abiertos[1]?.handlers.onError(true);
    reloj.ejecutarSiguiente();
    streams.abiertos[2]?.handlers.onError(true);
    // The last delay repeats.
    expect(reloj.pendientes.map((p) => p.ms)).toEqual([500]);
    reloj.ejecutarSiguiente();
    streams.abiertos[3]?.handlers.onOpen();
    streams.abiertos[3]?.handlers.onError(true);
    // A successful open resets the wait.
    expect(reloj.pendientes.map((p) => p.ms)).toEqual([100]);
  });

  it('cierra el flujo y cancela el reintento cuando ya nadie escucha', () => {
    const { transport, streams, reloj } = crear();
    const dejar = transport.listen('outbox', () => {});
    const dejarConexion = transport.onConexion(() => {});
    dejar();
    expect(streams.abiertos[0]?.cerrado).toBe(false);
    streams.abiertos[0]?.handlers.onError(true);
    dejarConexion();
    expect(reloj.pendientes[0]?.cancelada).toBe(true);
    transport.listen('outbox', () => {});
    expect(streams.abiertos).toHaveLength(2);
  });

  it('sin token abre el flujo sin parámetro; el host responderá 401', () => {
    const { transport, streams } = crear(null);
    transport.listen('outbox', () => {});
    expect(streams.abiertos[0]?.url).toBe('http://127.0.0.1:4310/api/events');
  });
});
