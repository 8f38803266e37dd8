import type {
  CallInput,
  CallName,
  CallOutput,
  EventName,
  EventPayload,
  MostradorApi,
} from '../../shared/contract';
import type { AppError, Result } from '../../shared/result';
import { checkEvent, checkOutput } from './wire';

/** State of the channel to the local service (not the SRI's connectivity). */
export type ConexionLocal = 'conectando' | 'conectado' | 'reconectando';

/**
 * What each transport provides: calls and events as unchecked wire values. The checks against
 * the contract happen once, in `createMostradorApi`, for both transports.
 */
export type Transport = {
  kind: 'preload' | 'http';
  call: (name: CallName, input: unknown) => Promise<Result<unknown>>;
  /** The payload is a `Result` because decoding it can fail before any schema check. */
  listen: (name: EventName, listener: (payload: Result<unknown>) => void) => () => void;
  onConexion: (listener: (estado: ConexionLocal) => void) => () => void;
};

export type EventoInvalido = (name: EventName, error: AppError) => void;

/** The one `MostradorApi` the renderer uses, over either transport, checked against the contract. */
export const createMostradorApi = (
  transport: Transport,
  onEventoInvalido: EventoInvalido,
): MostradorApi => ({
  call: async <K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>> =>
    checkOutput(name, await transport.call(name, input)),
  subscribe: <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) =>
    transport.listen(name, (raw) => {
      const payload = raw.ok ? checkEvent(name, raw.value) : raw;
      if (payload.ok) listener(payload.value);
      else onEventoInvalido(name, payload.error);
    }),
});
