/**
 * What the outbox does with a document in a given status, and what an SRI answer means for it.
 * Pure: the worker performs the calls and writes the events this module decides, and the status
 * machine (`fiscal/estados.ts`) checks every move.
 */
import { assertNever } from '../../shared/result';
import { type Estado, type Evento, eventoDevuelta } from '../fiscal';
import { type BackoffPolicy, POLL_BACKOFF, RETRY_BACKOFF, SLOW_DOWN_BACKOFF } from '../jobs';
import type { AutorizacionOutcome, MensajeSri, RecepcionOutcome } from '../sri';

/** The next exchange with the SRI for a document in `estado`. */
export type Paso =
  /** Send the stored signed bytes to recepción (after writing SUBMITTED_TO_SRI). */
  | { kind: 'enviar'; antes: Evento[] }
  /** Ask autorización for the clave (after writing `antes`). */
  | { kind: 'consultar'; antes: Evento[] }
  /** Nothing left for the worker: the job is finished. */
  | { kind: 'terminado' };

/**
 * @example pasoPara('SUBMITTED_TO_SRI') // a crash mid-request: record it, then ask autorización
 */
export const pasoPara = (estado: Estado): Paso => {
  switch (estado) {
    case 'SIGNED':
      return { kind: 'enviar', antes: ['encolado', 'envio_iniciado'] };
    case 'RECEPTION_PENDING':
    case 'RECEPTION_RETRY_SCHEDULED':
      return { kind: 'enviar', antes: ['envio_iniciado'] };
    // Found at start: the process died after writing the intent. Never resend blindly.
    case 'SUBMITTED_TO_SRI':
      return { kind: 'consultar', antes: ['sin_respuesta'] };
    case 'RECEPTION_UNKNOWN':
    case 'AUTHORIZATION_PENDING':
      return { kind: 'consultar', antes: [] };
    case 'RECEIVED_BY_SRI':
    case 'AUTHORIZATION_RETRY_SCHEDULED':
    case 'AUTHORIZATION_UNKNOWN':
      return { kind: 'consultar', antes: ['consulta_iniciada'] };
    case 'DRAFT':
    case 'VALIDATED':
    case 'NUMBER_RESERVED':
    case 'XML_GENERATED':
    case 'AUTHORIZED':
    case 'REJECTED':
    case 'MANUAL_REVIEW_REQUIRED':
    case 'FAILED_PERMANENT':
    case 'CANCELLATION_REQUESTED':
    case 'CANCELLED':
    case 'VOIDED_BY_NC':
      return { kind: 'terminado' };
    default:
      return assertNever(estado);
  }
};

/** What to do after an answer: events to write, then either finish, query now, or wait. */
export type Decision = {
  eventos: Evento[];
  siguiente:
    | { kind: 'consultar' }
    | { kind: 'reintentar'; backoff: BackoffPolicy; cuentaIntento: boolean }
    | { kind: 'fin' }
    /** The SRI could not be reached: wait for connectivity without spending an attempt. */
    | { kind: 'sin_conexion' };
  mensajes: MensajeSri[];
  /** Spanish summary for the document's `last_sri_message` and the UI. */
  detalle: string | null;
};

const resumir = (mensajes: readonly MensajeSri[]): string | null =>
  mensajes.length === 0
    ? null
    : mensajes
        .map((m) =>
          [`${m.identificador}: ${m.mensaje}`, m.informacionAdicional]
            .filter((part) => part !== null && part !== '')
            .join(' — '),
        )
        .join(' | ');

const codigosError = (mensajes: readonly MensajeSri[]): string[] =>
  mensajes.map((m) => m.identificador);

/**
 * Meaning of a recepción answer (docs/sri.md §7).
 * @example decidirRecepcion({ kind: 'recibida', claveAcceso: null, mensajes: [] }).eventos // ['recibida', 'consulta_iniciada']
 */
export const decidirRecepcion = (outcome: RecepcionOutcome): Decision => {
  switch (outcome.kind) {
    case 'recibida':
      // RECIBIDA is not success: ask autorización right away.
      return {
        eventos: ['recibida', 'consulta_iniciada'],
        siguiente: { kind: 'consultar' },
        mensajes: outcome.mensajes,
        detalle: resumir(outcome.mensajes),
      };
    case 'devuelta': {
      const evento = eventoDevuelta(codigosError(outcome.mensajes));
      const detalle = resumir(outcome.mensajes) ?? 'El SRI devolvió el comprobante sin mensajes.';
      switch (evento) {
        case 'devuelta_consultar':
        case 'devuelta_45':
          return {
            eventos: [evento],
            siguiente: { kind: 'consultar' },
            mensajes: outcome.mensajes,
            detalle,
          };
        case 'devuelta_transitoria': {
          const sancionado = outcome.mensajes.some(
            (m) => m.identificador.replace(/^0+/, '') === '33',
          );
          return {
            eventos: [evento],
            siguiente: {
              kind: 'reintentar',
              backoff: sancionado ? SLOW_DOWN_BACKOFF : RETRY_BACKOFF,
              cuentaIntento: true,
            },
            mensajes: outcome.mensajes,
            detalle,
          };
        }
        default:
          return {
            eventos: [evento],
            siguiente: { kind: 'fin' },
            mensajes: outcome.mensajes,
            detalle,
          };
      }
    }
    case 'transitorio':
      if (outcome.unknown) {
        // It may have arrived: the next attempt asks autorización before anything else.
        return {
          eventos: ['sin_respuesta'],
          siguiente: { kind: 'reintentar', backoff: POLL_BACKOFF, cuentaIntento: true },
          mensajes: [],
          detalle: outcome.message,
        };
      }
      return {
        eventos: ['no_enviado'],
        siguiente: { kind: 'sin_conexion' },
        mensajes: [],
        detalle: outcome.message,
      };
    default:
      return assertNever(outcome);
  }
};

/**
 * Meaning of an autorización answer for a document in `estado` (AUTHORIZATION_PENDING or
 * RECEPTION_UNKNOWN). `tras45` marks the query that follows DEVUELTA 45: anything but our own
 * authorization means the number was used by another document.
 */
export const decidirAutorizacion = (
  estado: Estado,
  outcome: AutorizacionOutcome,
  tras45: boolean,
): Decision => {
  switch (outcome.kind) {
    case 'autorizado':
      return {
        eventos: ['autorizado'],
        siguiente: { kind: 'fin' },
        mensajes: outcome.mensajes,
        detalle: resumir(outcome.mensajes),
      };
    case 'no_autorizado':
      return {
        eventos: tras45 ? ['revision_manual'] : ['no_autorizado'],
        siguiente: { kind: 'fin' },
        mensajes: outcome.mensajes,
        detalle: tras45
          ? 'El SRI ya tiene registrado este secuencial con otro comprobante (error 45): revise la numeración del punto de emisión.'
          : (resumir(outcome.mensajes) ?? 'El SRI no autorizó el comprobante.'),
      };
    case 'pendiente':
      if (tras45) {
        return {
          eventos: ['revision_manual'],
          siguiente: { kind: 'fin' },
          mensajes: outcome.mensajes,
          detalle:
            'El SRI ya tiene registrado este secuencial con otro comprobante (error 45): revise la numeración del punto de emisión.',
        };
      }
      if (estado === 'RECEPTION_UNKNOWN' && outcome.estado === null) {
        // The SRI never got it: resend the same signed bytes now.
        return {
          eventos: ['no_encontrado'],
          siguiente: { kind: 'reintentar', backoff: POLL_BACKOFF, cuentaIntento: false },
          mensajes: outcome.mensajes,
          detalle: 'El SRI no tiene el comprobante; se reenviará.',
        };
      }
      return {
        eventos: ['en_proceso'],
        siguiente: { kind: 'reintentar', backoff: POLL_BACKOFF, cuentaIntento: true },
        mensajes: outcome.mensajes,
        detalle: resumir(outcome.mensajes),
      };
    case 'transitorio': {
      const offline =
        outcome.reason === 'conexion_rechazada' ||
        outcome.reason === 'sin_conexion' ||
        outcome.reason === 'timeout';
      return {
        eventos: estado === 'AUTHORIZATION_PENDING' ? ['sin_respuesta'] : [],
        siguiente: offline
          ? { kind: 'sin_conexion' }
          : { kind: 'reintentar', backoff: RETRY_BACKOFF, cuentaIntento: true },
        mensajes: [],
        detalle: outcome.message,
      };
    }
    default:
      return assertNever(outcome);
  }
};
