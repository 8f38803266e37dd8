import { describe, expect, it } from 'vitest';
import type { AppEstado, EventName, MostradorApi } from '../../shared/contract';
import { err, ok, type Result } from '../../shared/result';
import type { ConexionLocal } from '../api';
import { conectarApp, createAppStore } from './app';
import { createAvisosStore } from './avisos';

const estado: AppEstado = {
  version: '0.1.0',
  ambiente: 'pruebas',
  backendSri: 'simulador',
  enLinea: false,
  outboxPendientes: 7,
  ultimoErrorSri: null,
  relojSri: { desfaseSegundos: -2_700, desincronizado: true },
  tienda: null,
};

/** A fake service: answers `app.estado` with whatever the test queues, emits on demand. */
const fakeCliente = () => {
  const respuestas: ((r: Result<AppEstado>) => void)[] = [];
  const oyentes = new Map<EventName, (payload: never) => void>();
  let conexion: (e: ConexionLocal) => void = () => {};
  const api: MostradorApi = {
    call: () =>
      new Promise((resolve) => {
        respuestas.push(resolve as (r: Result<AppEstado>) => void);
      }),
    subscribe: (name, listener) => {
      oyentes.set(name, listener as (payload: never) => void);
      return () => oyentes.delete(name);
    },
  };
  return {
    cliente: {
      api,
      onConexion: (l: (e: ConexionLocal) => void) => {
        conexion = l;
        l('conectando');
        return () => {};
      },
    },
    responder: async (r: Result<AppEstado>) => {
      respuestas.shift()?.(r);
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    pendientes: () => respuestas.length,
    emitir: (name: EventName, payload: unknown) =>
      (oyentes.get(name) as (p: unknown) => void)(payload),
    conexion: (e: ConexionLocal) => conexion(e),
    oyentes,
  };
};

const montar = () => {
  const servicio = fakeCliente();
  const store = createAppStore();
  const avisos = createAvisosStore();
  const conexion = conectarApp(servicio.cliente, store, avisos);
  return { servicio, store, avisos, conexion };
};

describe('estado de la aplicación', () => {
  it('toma los valores iniciales de app.estado', async () => {
    const { servicio, store } = montar();
    expect(store.getState().carga).toEqual({ tipo: 'cargando' });
    await servicio.responder(ok(estado));
    expect(store.getState()).toMatchObject({
      carga: { tipo: 'lista' },
      ambiente: 'pruebas',
      backendSri: 'simulador',
      enLinea: false,
      outboxPendientes: 7,
      relojSri: { desfaseSegundos: -2_700, desincronizado: true },
    });
  });

  it('el evento relojSri actualiza el aviso de hora', async () => {
    const { servicio, store } = montar();
    await servicio.responder(ok(estado));
    servicio.emitir('relojSri', { desfaseSegundos: 3, desincronizado: false });
    expect(store.getState().relojSri).toEqual({ desfaseSegundos: 3, desincronizado: false });
  });

  it('los eventos conectividad y outbox actualizan el estado', async () => {
    const { servicio, store } = montar();
    await servicio.responder(ok(estado));
    servicio.emitir('conectividad', { enLinea: true });
    servicio.emitir('outbox', { pendientes: 2, ultimoErrorSri: 'Error 70: clave en proceso' });
    expect(store.getState()).toMatchObject({
      enLinea: true,
      outboxPendientes: 2,
      ultimoErrorSri: 'Error 70: clave en proceso',
    });
  });

  it('un evento llegado mientras se esperaba app.estado no es pisado por la respuesta', async () => {
    const { servicio, store } = montar();
    servicio.emitir('outbox', { pendientes: 9, ultimoErrorSri: null });
    await servicio.responder(ok(estado));
    expect(store.getState().outboxPendientes).toBe(9);
    expect(store.getState().enLinea).toBe(false);
  });

  it('si app.estado falla, muestra el aviso y marca la carga como fallida', async () => {
    const { servicio, store, avisos } = montar();
    await servicio.responder(err('sin_conexion', 'No hay conexión con el servicio local.'));
    expect(store.getState().carga).toMatchObject({ tipo: 'fallida' });
    expect(avisos.getState().avisos.map((a) => a.error.code)).toEqual(['sin_conexion']);
  });

  it('al volver la conexión local pide de nuevo app.estado, porque se perdieron eventos', async () => {
    const { servicio, store } = montar();
    servicio.conexion('conectado');
    await servicio.responder(ok(estado));
    expect(servicio.pendientes()).toBe(0);
    servicio.conexion('reconectando');
    expect(store.getState().conexionLocal).toBe('reconectando');
    servicio.conexion('conectado');
    expect(servicio.pendientes()).toBe(1);
    await servicio.responder(ok({ ...estado, outboxPendientes: 0 }));
    expect(store.getState().outboxPendientes).toBe(0);
  });

  it('desconectar deja de escuchar los eventos', async () => {
    const { servicio, conexion } = montar();
    expect(servicio.oyentes.size).toBe(3);
    conexion.desconectar();
    expect(servicio.oyentes.size).toBe(0);
  });

  it('ir a otra pantalla cierra la ayuda', () => {
    const store = createAppStore();
    store.getState().alternarAyuda();
    store.getState().irA('caja');
    expect(store.getState()).toMatchObject({ pantalla: 'caja', ayudaAbierta: false });
  });
});

describe('avisos', () => {
  it('no repite el mismo aviso y guarda como máximo tres', () => {
    const avisos = createAvisosStore();
    const { avisar } = avisos.getState();
    avisar({ code: 'sin_conexion', message: 'A' });
    avisar({ code: 'sin_conexion', message: 'A' });
    avisar({ code: 'disco_lleno', message: 'B' });
    avisar({ code: 'interno', message: 'C' });
    avisar({ code: 'sin_turno', message: 'D' });
    expect(avisos.getState().avisos.map((a) => a.error.code)).toEqual([
      'disco_lleno',
      'interno',
      'sin_turno',
    ]);
    const primero = avisos.getState().avisos[0];
    if (primero !== undefined) avisos.getState().descartar(primero.id);
    expect(avisos.getState().avisos.map((a) => a.error.code)).toEqual(['interno', 'sin_turno']);
  });
});
