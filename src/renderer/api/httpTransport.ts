import { type EventName, events } from '../../shared/contract';
import { err, type Result } from '../../shared/result';
import { errorPorEstadoHttp, mensajes } from './mensajes';
import type { ConexionLocal, Transport } from './transport';
import { decodeEventData, parseEnvelope } from './wire';

/** The part of `fetch` the transport uses; the browser's `fetch` and Node's both fit. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<{ status: number; text: () => Promise<string> }>;

export type EventStreamHandlers = {
  onOpen: () => void;
  /** `closed` is true when the stream gave up; while false the browser retries by itself. */
  onError: (closed: boolean) => void;
  onEvent: (name: EventName, data: unknown) => void;
};

/** Opens a server-sent events stream listening for `names` (an `EventSource` in the browser). */
export type OpenEventStream = (
  url: string,
  names: readonly EventName[],
  handlers: EventStreamHandlers,
) => { close: () => void };

/** Runs `task` after `ms`; returns a function that cancels it. */
export type Schedule = (task: () => void, ms: number) => () => void;

export type HttpTransportOptions = {
  /** Origin of the browser host, e.g. `http://127.0.0.1:4310`. */
  baseUrl: string;
  token: string | null;
  fetch: FetchLike;
  openEventStream: OpenEventStream;
  schedule: Schedule;
  /** Waits before reopening a stream the browser closed; the last one repeats. */
  reconnectDelaysMs?: readonly number[];
};

const defaultReconnectDelaysMs = [1_000, 2_000, 5_000, 10_000, 30_000] as const;
const eventNames = Object.keys(events) as EventName[];

/**
 * The browser-host transport: `POST /api/call/<name>` with the bearer token, and one shared
 * `EventSource` on `/api/events?token=…` for every subscription.
 */
export const createHttpTransport = (options: HttpTransportOptions): Transport => {
  const { baseUrl, token, schedule } = options;
  const delays = options.reconnectDelaysMs ?? defaultReconnectDelaysMs;
  const listeners = new Map<EventName, Set<(payload: Result<unknown>) => void>>();
  const conexionListeners = new Set<(estado: ConexionLocal) => void>();
  let conexion: ConexionLocal = 'conectando';
  let stream: { close: () => void } | null = null;
  let cancelReconnect: (() => void) | null = null;
  let failedOpens = 0;

  const setConexion = (estado: ConexionLocal): void => {
    if (estado === conexion) return;
    conexion = estado;
    for (const listener of conexionListeners) listener(estado);
  };

  const subscriberCount = (): number => {
    let count = conexionListeners.size;
    for (const set of listeners.values()) count += set.size;
    return count;
  };

  const eventsUrl =
    token === null
      ? `${baseUrl}/api/events`
      : `${baseUrl}/api/events?token=${encodeURIComponent(token)}`;

  const open = (): void => {
    cancelReconnect = null;
    stream = options.openEventStream(eventsUrl, eventNames, {
      onOpen: () => {
        failedOpens = 0;
        setConexion('conectado');
      },
      onError: (closed) => {
        // Before the first open this is a refusal (bad token) or a service that is not there;
        // the failed `app.estado` call already says which. «Lost» only fits a channel we had.
        if (conexion === 'conectado') setConexion('reconectando');
        if (!closed) return;
        stream?.close();
        stream = null;
        const delay = delays[Math.min(failedOpens, delays.length - 1)] ?? 30_000;
        failedOpens += 1;
        cancelReconnect = schedule(open, delay);
      },
      onEvent: (name, data) => {
        const payload = decodeEventData(data);
        for (const listener of listeners.get(name) ?? []) listener(payload);
      },
    });
  };

  const ensureOpen = (): void => {
    if (stream === null && cancelReconnect === null) open();
  };

  const closeIfUnused = (): void => {
    if (subscriberCount() > 0) return;
    cancelReconnect?.();
    cancelReconnect = null;
    stream?.close();
    stream = null;
    failedOpens = 0;
    conexion = 'conectando';
  };

  return {
    kind: 'http',
    call: async (name, input) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (token !== null) headers.Authorization = `Bearer ${token}`;
      let status: number;
      let text: string;
      try {
        const response = await options.fetch(`${baseUrl}/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(input ?? {}),
        });
        status = response.status;
        text = await response.text();
      } catch {
        return err('sin_conexion', mensajes.sinConexion);
      }
      const envelope = parseEnvelope(text);
      if (envelope !== null && status >= 200 && status < 300) return envelope;
      // Outside 2xx the channel failed, not the operation: the host's code is kept for code,
      // and the message shown is ours, which tells the person what to do next.
      const error = errorPorEstadoHttp(status);
      const code = envelope !== null && !envelope.ok ? envelope.error.code : error.code;
      return err(code, error.message);
    },
    listen: (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      ensureOpen();
      return () => {
        set.delete(listener);
        closeIfUnused();
      };
    },
    onConexion: (listener) => {
      conexionListeners.add(listener);
      listener(conexion);
      ensureOpen();
      return () => {
        conexionListeners.delete(listener);
        closeIfUnused();
      };
    },
  };
};
