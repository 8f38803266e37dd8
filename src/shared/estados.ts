/**
 * Status names of a document: the hosted API's `POST /documents` status enum
 * (`test/fixtures/factio/post-documents.txt`), so both sides speak the same language (docs/architecture.md §4). Defined
 * once here: the fiscal status machine, the contract and the renderer all read this list.
 */
export const ESTADOS_DOCUMENTO = [
  'DRAFT',
  'VALIDATED',
  'NUMBER_RESERVED',
  'XML_GENERATED',
  'SIGNED',
  'RECEPTION_PENDING',
  'SUBMITTED_TO_SRI',
  'RECEIVED_BY_SRI',
  'AUTHORIZATION_PENDING',
  'AUTHORIZED',
  'REJECTED',
  'RECEPTION_RETRY_SCHEDULED',
  'AUTHORIZATION_RETRY_SCHEDULED',
  'RECEPTION_UNKNOWN',
  'AUTHORIZATION_UNKNOWN',
  'MANUAL_REVIEW_REQUIRED',
  'FAILED_PERMANENT',
  'CANCELLATION_REQUESTED',
  'CANCELLED',
  'VOIDED_BY_NC',
] as const;

export type EstadoDocumento = (typeof ESTADOS_DOCUMENTO)[number];
