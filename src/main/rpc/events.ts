import {
  type EventName,
  type EventPayload,
  type Events,
  events,
  isEventName,
} from '../../shared/contract';
import type { Logger } from '../log';

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;
export type AnyEventListener = (name: EventName, payload: unknown) => void;

/** Server → renderer events, typed from the contract's `events` table. */
export type EventBus = {
  /** Validates the payload (a bad one is a bug: throws) and delivers it to every subscriber. */
  emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
  subscribe: <E extends EventName>(name: E, listener: EventListener<E>) => () => void;
  /** Every event, for transports that forward them all (SSE, IPC). */
  subscribeAll: (listener: AnyEventListener) => () => void;
};

/**
 * One in-process bus. A subscriber that throws is logged and skipped, so a broken transport
 * never stops the others from hearing the event.
 * @example const bus = createEventBus({ logger }); bus.emit('conectividad', { enLinea: true })
 */
export const createEventBus = (deps: { logger: Logger }): EventBus => {
  const byName = new Map<EventName, Set<(payload: unknown) => void>>();
  const all = new Set<AnyEventListener>();

  const deliver = (run: () => void, name: EventName): void => {
    try {
      run();
    } catch (error) {
      deps.logger.error('Un suscriptor de eventos falló', {
        event: name,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };

  return {
    emit: (name, payload) => {
      if (!isEventName(name)) {
        throw new Error(`Evento no declarado en el contrato: ${String(name)}`);
      }
      const schema: Events[EventName] = events[name];
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        throw new Error(`Carga inválida para el evento ${name}: ${parsed.error.message}`);
      }
      for (const listener of [...(byName.get(name) ?? [])]) {
        deliver(() => listener(parsed.data), name);
      }
      for (const listener of [...all]) {
        deliver(() => listener(name, parsed.data), name);
      }
    },
    subscribe: (name, listener) => {
      const set = byName.get(name) ?? new Set();
      byName.set(name, set);
      // Stored untyped; `emit` only delivers payloads parsed by this event's own schema.
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => {
        set.delete(untyped);
      };
    },
    subscribeAll: (listener) => {
      all.add(listener);
      return () => {
        all.delete(listener);
      };
    },
  };
};
