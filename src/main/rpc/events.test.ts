import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract';
import { createMemoryLogger } from '../log';
import { createEventBus } from './events';

describe('createEventBus', () => {
  it('entrega el evento solo a quien se suscribió a ese nombre', () => {
    const bus = createEventBus({ logger: createMemoryLogger() });
    const conectividad: EventPayload<'conectividad'>[] = [];
    const outbox: EventPayload<'outbox'>[] = [];
    bus.subscribe('conectividad', (payload) => conectividad.push(payload));
    bus.subscribe('outbox', (payload) => outbox.push(payload));
    bus.emit('conectividad', { enLinea: true });
    expect(conectividad).toEqual([{ enLinea: true }]);
    expect(outbox).toEqual([]);
  });

  it('deja de entregar después de cancelar la suscripción', () => {
    const bus = createEventBus({ logger: createMemoryLogger() });
    const seen: unknown[] = [];
    const stop = bus.subscribe('conectividad', (payload) => seen.push(payload));
    const stopAll = bus.subscribeAll((name, payload) => seen.push([name, payload]));
    stop();
    stopAll();
    bus.emit('conectividad', { enLinea: false });
    expect(seen).toEqual([]);
  });

  it('subscribeAll recibe el nombre y la carga de cada evento', () => {
    const bus = createEventBus({ logger: createMemoryLogger() });
    const seen: unknown[] = [];
    bus.subscribeAll((name, payload) => seen.push([name, payload]));
    bus.emit('outbox', { pendientes: 3, ultimoErrorSri: null });
    expect(seen).toEqual([['outbox', { pendientes: 3, ultimoErrorSri: null }]]);
  });

  it('lanza ante una carga que no cumple el esquema del evento y no la entrega', () => {
    const bus = createEventBus({ logger: createMemoryLogger() });
    const seen: unknown[] = [];
    bus.subscribeAll((name) => seen.push(name));
    // A wrong payload is a programming error; the cast is what such a bug would look like.
    const wrong = { pendientes: -1, ultimoErrorSri: null } as EventPayload<'outbox'>;
    expect(() => bus.emit('outbox', wrong)).toThrow(/outbox/u);
    expect(seen).toEqual([]);
  });

  it('sigue entregando a los demás cuando un suscriptor falla', () => {
    const logger = createMemoryLogger();
    const bus = createEventBus({ logger });
    const seen: boolean[] = [];
    bus.subscribe('conectividad', () => {
      throw new Error('socket cerrado');
    });
    bus.subscribe('conectividad', (payload) => seen.push(payload.enLinea));
    bus.emit('conectividad', { enLinea: true });
    expect(seen).toEqual([true]);
    expect(logger.entries[0]).toMatchObject({ level: 'error', data: { event: 'conectividad' } });
  });
});
