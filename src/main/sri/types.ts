/**
 * What the SRI web services answer, as values (docs/sri.md §1 and §7). The client never throws for
 * network or parse problems: every answer is one of these discriminated unions.
 */

/** One `mensaje` of a recepción or autorización answer, kept verbatim for the status history. */
export type MensajeSri = {
  identificador: string;
  mensaje: string;
  /** Often the only useful detail (e.g. which RUC or field failed); `null` when absent. */
  informacionAdicional: string | null;
  /** `ERROR`, `ADVERTENCIA` or `INFORMATIVO` as the SRI writes it. */
  tipo: string;
};

/** Why a call gave no usable SRI answer. */
export type MotivoTransitorio =
  /** No answer within the deadline. */
  | 'timeout'
  /** Nothing listens at the address (ECONNREFUSED): the request never left. */
  | 'conexion_rechazada'
  /** DNS failure, no route, TLS handshake failure: the request never left. */
  | 'sin_conexion'
  /** The connection was reset or closed after the request went out. */
  | 'conexion_cortada'
  /** HTTP status other than 200 without a SOAP answer (e.g. 500, 502, 503). */
  | 'http_error'
  /** A SOAP Fault instead of an answer. */
  | 'soap_fault'
  /** A body that is not the expected SOAP answer (HTML page, garbage, wrong shape). */
  | 'respuesta_invalida';

export type Transitorio = {
  kind: 'transitorio';
  reason: MotivoTransitorio;
  /** Spanish, for the status history and the operator. */
  message: string;
  /** HTTP status when a response arrived. */
  httpStatus: number | null;
};

/**
 * Answer of `validarComprobante`. RECIBIDA is **not** success (docs/sri.md §1): the document is
 * queued and autorización must be asked. On `transitorio`, `unknown: true` means the request
 * may have reached the SRI, so the caller must query autorización before any resend.
 */
export type RecepcionOutcome =
  | { kind: 'recibida'; claveAcceso: string | null; mensajes: MensajeSri[] }
  | { kind: 'devuelta'; claveAcceso: string | null; mensajes: MensajeSri[] }
  | (Transitorio & { unknown: boolean });

/** One `autorizacion` entry as the SRI returned it. */
export type AutorizacionSri = {
  estado: string;
  numeroAutorizacion: string | null;
  fechaAutorizacion: string | null;
  ambiente: string | null;
  comprobante: string | null;
  mensajes: MensajeSri[];
};

/**
 * Answer of `autorizacionComprobante`. Among several entries (one per submission) any
 * AUTORIZADO wins; `pendiente` covers numeroComprobantes 0, an empty list and EN PROCESO.
 */
export type AutorizacionOutcome =
  | {
      kind: 'autorizado';
      claveAcceso: string;
      numeroAutorizacion: string;
      /** As sent by the SRI, e.g. `2024-10-07T13:48:46-05:00`. */
      fechaAutorizacion: string;
      /** `PRUEBAS` or `PRODUCCIÓN`. */
      ambiente: string;
      /** The authorized XML as the SRI returned it. */
      comprobante: string;
      mensajes: MensajeSri[];
      autorizaciones: AutorizacionSri[];
    }
  | {
      kind: 'no_autorizado';
      claveAcceso: string;
      fechaAutorizacion: string | null;
      mensajes: MensajeSri[];
      autorizaciones: AutorizacionSri[];
    }
  | {
      kind: 'pendiente';
      claveAcceso: string;
      /** The estado seen (e.g. `EN PROCESO`), `null` when the SRI has no entry yet. */
      estado: string | null;
      mensajes: MensajeSri[];
      autorizaciones: AutorizacionSri[];
    }
  | Transitorio;

/** Result of the cheap connectivity probe. */
export type ProbeOutcome =
  | { online: true; latencyMs: number }
  | { online: false; reason: MotivoTransitorio; message: string };
