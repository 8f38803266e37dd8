import { z } from 'zod';
import {
  type CallName,
  type CallOutput,
  calls,
  type EventName,
  type EventPayload,
  events,
  resultSchema,
} from '../../shared/contract';
import { isErrorCode } from '../../shared/errores';
import { err, ok, type Result } from '../../shared/result';
import { mensajes } from './mensajes';

const envelopeSchema = resultSchema(z.unknown());

/**
 * Reads a call's answer as sent on the wire: a `Result` whose value is still unchecked.
 * Returns null when the text is not a `Result` at all (e.g. a proxy's HTML error page).
 */
export const parseEnvelope = (text: string): Result<unknown> | null => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return null;
  if (parsed.data.ok) return ok(parsed.data.value);
  const { code, message, field } = parsed.data.error;
  // A host of another version may answer with a code this renderer does not know: keep its
  // message for the person, and let code treat it as an internal failure.
  return err(isErrorCode(code) ? code : 'interno', message, field);
};

/** Checks a successful call's value against the contract's output schema. */
export const checkOutput = <K extends CallName>(
  name: K,
  envelope: Result<unknown>,
): Result<CallOutput<K>> => {
  if (!envelope.ok) return envelope;
  const parsed = calls[name].output.safeParse(envelope.value);
  if (!parsed.success) return err('respuesta_invalida', mensajes.respuestaInvalida);
  // `calls[name]` widens to the union of every call; the schema parsed is the one for K.
  return ok(parsed.data as CallOutput<K>);
};

/** Checks an event payload (already decoded from JSON) against the contract's schema. */
export const checkEvent = <E extends EventName>(
  name: E,
  payload: unknown,
): Result<EventPayload<E>> => {
  const parsed = events[name].safeParse(payload);
  if (!parsed.success) return err('evento_invalido', mensajes.eventoInvalido);
  return ok(parsed.data as EventPayload<E>);
};

/** Decodes the `data` field of a server-sent event: JSON text, as the host writes it. */
export const decodeEventData = (data: unknown): Result<unknown> => {
  if (typeof data !== 'string') return err('evento_invalido', mensajes.eventoInvalido);
  try {
    return ok(JSON.parse(data));
  } catch {
    return err('evento_invalido', mensajes.eventoInvalido);
  }
};
