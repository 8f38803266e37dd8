/**
 * Document status machine (docs/architecture.md §4) with the hosted API's status names, as ONE table of
 * `from → event → to`, and the classification of SRI message codes (docs/sri.md §7).
 * The outbox worker turns each SRI exchange into an event and asks `transicion` for the next
 * status; anything not in the table is refused, so an impossible history cannot be written.
 */
import { ESTADOS_DOCUMENTO, type EstadoDocumento } from '../../shared/estados';
import { err, ok, type Result } from '../../shared/result';

/** Status names of the hosted API (`POST /documents` status enum), shared with the contract. */
export const ESTADOS = ESTADOS_DOCUMENTO;

export type Estado = EstadoDocumento;

export const EVENTOS = [
  'validado',
  'numero_reservado',
  'xml_generado',
  'firmado',
  /** Outbox job created for the signed document. */
  'encolado',
  /** Intent written just before POST validarComprobante. */
  'envio_iniciado',
  /** Timeout, crash or HTTP 5xx: the outcome is unknown. */
  'sin_respuesta',
  /** Connection refused or no route: the request never left, so it is safe to send again. */
  'no_enviado',
  'recibida',
  /** DEVUELTA 50/33: resend the same bytes later. */
  'devuelta_transitoria',
  /** DEVUELTA 43/70: the SRI already has it; ask autorización. */
  'devuelta_consultar',
  /** DEVUELTA 45: secuencial registrado; ask autorización for the clave we sent. */
  'devuelta_45',
  /** DEVUELTA with a document error (35, 39, 52, 58…): correct and sign again. */
  'devuelta_permanente',
  /** Before POST autorizacionComprobante. */
  'consulta_iniciada',
  'autorizado',
  'no_autorizado',
  /** EN PROCESO, numeroComprobantes 0 or an empty list after RECIBIDA. */
  'en_proceso',
  /** Autorización has nothing for a clave whose reception outcome was unknown: resend. */
  'no_encontrado',
  /** Too many attempts. */
  'agotado',
  /** Unknown code, account problem, numbering collision: an operator must look. */
  'revision_manual',
  /** The operator gives the document up (its secuencial stays used). */
  'fallo_definitivo',
  /** The operator asks to try again: query autorización first, then resend if absent. */
  'reintento_manual',
  /** A REJECTED document corrected and signed again (same secuencial, docs/sri.md §7). */
  'refirmado',
  'anulacion_solicitada',
  'anulado',
  /** The receptor did not accept the cancellation in time: it lapses. */
  'anulacion_rechazada',
  'anulado_por_nc',
] as const;

export type Evento = (typeof EVENTOS)[number];

export type Transicion = { desde: Estado; evento: Evento; hacia: Estado };

/** Every allowed transition, and only those. */
export const TRANSICIONES: readonly Transicion[] = [
  { desde: 'DRAFT', evento: 'validado', hacia: 'VALIDATED' },
  { desde: 'VALIDATED', evento: 'numero_reservado', hacia: 'NUMBER_RESERVED' },
  { desde: 'NUMBER_RESERVED', evento: 'xml_generado', hacia: 'XML_GENERATED' },
  { desde: 'XML_GENERATED', evento: 'firmado', hacia: 'SIGNED' },
  { desde: 'SIGNED', evento: 'encolado', hacia: 'RECEPTION_PENDING' },
  { desde: 'RECEPTION_PENDING', evento: 'envio_iniciado', hacia: 'SUBMITTED_TO_SRI' },
  { desde: 'RECEPTION_RETRY_SCHEDULED', evento: 'envio_iniciado', hacia: 'SUBMITTED_TO_SRI' },
  // Recepción answers.
  { desde: 'SUBMITTED_TO_SRI', evento: 'sin_respuesta', hacia: 'RECEPTION_UNKNOWN' },
  { desde: 'SUBMITTED_TO_SRI', evento: 'recibida', hacia: 'RECEIVED_BY_SRI' },
  { desde: 'SUBMITTED_TO_SRI', evento: 'devuelta_transitoria', hacia: 'RECEPTION_RETRY_SCHEDULED' },
  { desde: 'SUBMITTED_TO_SRI', evento: 'no_enviado', hacia: 'RECEPTION_RETRY_SCHEDULED' },
  { desde: 'SUBMITTED_TO_SRI', evento: 'devuelta_consultar', hacia: 'AUTHORIZATION_PENDING' },
  { desde: 'SUBMITTED_TO_SRI', evento: 'devuelta_45', hacia: 'AUTHORIZATION_PENDING' },
  { desde: 'SUBMITTED_TO_SRI', evento: 'devuelta_permanente', hacia: 'REJECTED' },
  { desde: 'SUBMITTED_TO_SRI', evento: 'revision_manual', hacia: 'MANUAL_REVIEW_REQUIRED' },
  // Autorización queries.
  { desde: 'RECEIVED_BY_SRI', evento: 'consulta_iniciada', hacia: 'AUTHORIZATION_PENDING' },
  {
    desde: 'AUTHORIZATION_RETRY_SCHEDULED',
    evento: 'consulta_iniciada',
    hacia: 'AUTHORIZATION_PENDING',
  },
  { desde: 'AUTHORIZATION_UNKNOWN', evento: 'consulta_iniciada', hacia: 'AUTHORIZATION_PENDING' },
  { desde: 'AUTHORIZATION_PENDING', evento: 'autorizado', hacia: 'AUTHORIZED' },
  { desde: 'AUTHORIZATION_PENDING', evento: 'no_autorizado', hacia: 'REJECTED' },
  { desde: 'AUTHORIZATION_PENDING', evento: 'en_proceso', hacia: 'AUTHORIZATION_RETRY_SCHEDULED' },
  { desde: 'AUTHORIZATION_PENDING', evento: 'sin_respuesta', hacia: 'AUTHORIZATION_UNKNOWN' },
  { desde: 'AUTHORIZATION_PENDING', evento: 'revision_manual', hacia: 'MANUAL_REVIEW_REQUIRED' },
  // Reception outcome unknown: resolved by querying autorización, never by a blind resend.
  { desde: 'RECEPTION_UNKNOWN', evento: 'autorizado', hacia: 'AUTHORIZED' },
  { desde: 'RECEPTION_UNKNOWN', evento: 'no_autorizado', hacia: 'REJECTED' },
  { desde: 'RECEPTION_UNKNOWN', evento: 'en_proceso', hacia: 'AUTHORIZATION_RETRY_SCHEDULED' },
  { desde: 'RECEPTION_UNKNOWN', evento: 'no_encontrado', hacia: 'RECEPTION_RETRY_SCHEDULED' },
  { desde: 'RECEPTION_UNKNOWN', evento: 'revision_manual', hacia: 'MANUAL_REVIEW_REQUIRED' },
  { desde: 'RECEPTION_UNKNOWN', evento: 'agotado', hacia: 'MANUAL_REVIEW_REQUIRED' },
  // Retrying states give up after too many attempts or on an unknown code.
  { desde: 'RECEPTION_RETRY_SCHEDULED', evento: 'agotado', hacia: 'MANUAL_REVIEW_REQUIRED' },
  {
    desde: 'RECEPTION_RETRY_SCHEDULED',
    evento: 'revision_manual',
    hacia: 'MANUAL_REVIEW_REQUIRED',
  },
  { desde: 'AUTHORIZATION_RETRY_SCHEDULED', evento: 'agotado', hacia: 'MANUAL_REVIEW_REQUIRED' },
  {
    desde: 'AUTHORIZATION_RETRY_SCHEDULED',
    evento: 'revision_manual',
    hacia: 'MANUAL_REVIEW_REQUIRED',
  },
  { desde: 'AUTHORIZATION_UNKNOWN', evento: 'agotado', hacia: 'MANUAL_REVIEW_REQUIRED' },
  { desde: 'AUTHORIZATION_UNKNOWN', evento: 'revision_manual', hacia: 'MANUAL_REVIEW_REQUIRED' },
  // Operator decisions.
  { desde: 'MANUAL_REVIEW_REQUIRED', evento: 'reintento_manual', hacia: 'RECEPTION_UNKNOWN' },
  { desde: 'MANUAL_REVIEW_REQUIRED', evento: 'fallo_definitivo', hacia: 'FAILED_PERMANENT' },
  { desde: 'REJECTED', evento: 'refirmado', hacia: 'SIGNED' },
  { desde: 'REJECTED', evento: 'fallo_definitivo', hacia: 'FAILED_PERMANENT' },
  // After authorization.
  { desde: 'AUTHORIZED', evento: 'anulacion_solicitada', hacia: 'CANCELLATION_REQUESTED' },
  { desde: 'CANCELLATION_REQUESTED', evento: 'anulado', hacia: 'CANCELLED' },
  { desde: 'CANCELLATION_REQUESTED', evento: 'anulacion_rechazada', hacia: 'AUTHORIZED' },
  { desde: 'AUTHORIZED', evento: 'anulado_por_nc', hacia: 'VOIDED_BY_NC' },
];

/** States from which no event leads anywhere. */
export const ESTADOS_FINALES: readonly Estado[] = ['CANCELLED', 'VOIDED_BY_NC', 'FAILED_PERMANENT'];

/** The status a document takes when the counter commits it (docs/architecture.md §3, step 3). */
export const ESTADO_INICIAL_EMISION: Estado = 'SIGNED';

const indice = new Map<string, Estado>(
  TRANSICIONES.map((t) => [`${t.desde}|${t.evento}`, t.hacia]),
);

/**
 * Next status after `evento`, or an error if the table does not allow it.
 * @example transicion('SUBMITTED_TO_SRI', 'recibida') // ok('RECEIVED_BY_SRI')
 */
export const transicion = (estado: Estado, evento: Evento): Result<Estado> => {
  const hacia = indice.get(`${estado}|${evento}`);
  if (hacia === undefined) {
    return err(
      'transicion_invalida',
      `El evento «${evento}» no es posible en el estado ${estado}.`,
      'estado',
    );
  }
  return ok(hacia);
};

/**
 * Events allowed in a status (for the Conciliación buttons and the worker's sanity checks).
 * @example eventosPosibles('AUTHORIZED') // ['anulacion_solicitada', 'anulado_por_nc']
 */
export const eventosPosibles = (estado: Estado): Evento[] =>
  TRANSICIONES.filter((t) => t.desde === estado).map((t) => t.evento);

export type AccionSri = 'QUERY' | 'RETRY' | 'FIX' | 'MANUAL' | 'LOG';

/** SRI web-service message codes → what to do (docs/sri.md §7). Unknown codes are MANUAL. */
export const ACCIONES_CODIGO_SRI: Readonly<Record<string, AccionSri>> = {
  '43': 'QUERY',
  '70': 'QUERY',
  // 45 secuencial registrado: query the clave we sent; none or different → MANUAL.
  '45': 'QUERY',
  '50': 'RETRY',
  '33': 'RETRY',
  '35': 'FIX',
  '26': 'FIX',
  '36': 'FIX',
  '47': 'FIX',
  '48': 'FIX',
  '49': 'FIX',
  '39': 'FIX',
  '52': 'FIX',
  '58': 'FIX',
  '64': 'FIX',
  '67': 'FIX',
  '69': 'FIX',
  '65': 'MANUAL',
  '40': 'MANUAL',
  '42': 'MANUAL',
  '2': 'MANUAL',
  '10': 'MANUAL',
  '27': 'MANUAL',
  '28': 'MANUAL',
  '37': 'MANUAL',
  '46': 'MANUAL',
  '56': 'MANUAL',
  '57': 'MANUAL',
  '63': 'MANUAL',
  '59': 'LOG',
  '60': 'LOG',
  '62': 'LOG',
  '68': 'LOG',
};

/**
 * Action for an SRI message `identificador` (leading zeros ignored).
 * @example clasificarCodigoSri('70') // 'QUERY'
 */
export const clasificarCodigoSri = (codigo: string | number): AccionSri => {
  const normalizado = String(codigo)
    .trim()
    .replace(/^0+(?=\d)/, '');
  return ACCIONES_CODIGO_SRI[normalizado] ?? 'MANUAL';
};

/**
 * The event a DEVUELTA answer produces from all its message codes: the SRI already holding the
 * document wins, then 45, then account problems, then document errors, then transient ones.
 * @example eventoDevuelta(['35', '60']) // 'devuelta_permanente'
 */
export const eventoDevuelta = (codigos: readonly (string | number)[]): Evento => {
  const normalizados = codigos.map((c) =>
    String(c)
      .trim()
      .replace(/^0+(?=\d)/, ''),
  );
  const acciones = normalizados.map(clasificarCodigoSri);
  if (normalizados.some((c) => c === '43' || c === '70')) return 'devuelta_consultar';
  if (normalizados.includes('45')) return 'devuelta_45';
  if (acciones.includes('MANUAL')) return 'revision_manual';
  if (acciones.includes('FIX')) return 'devuelta_permanente';
  if (acciones.includes('RETRY')) return 'devuelta_transitoria';
  // DEVUELTA with only warnings (or nothing) is not something a retry can settle.
  return 'revision_manual';
};
