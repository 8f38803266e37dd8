/** SRI web services: SOAP client, response reading, DEVUELTA classification and endpoints. */
export { type AccionDevuelta, clasificarDevuelta, resumirMensajes } from './clasificacion';
export { createSriClient, type SriClient, type SriClientOptions, type SriTimeouts } from './client';
export {
  type AmbienteSri,
  endpointsDesdeBase,
  endpointsSri,
  RUTA_AUTORIZACION,
  RUTA_RECEPCION,
  type SriEndpoints,
} from './endpoints';
export { leerRespuestaAutorizacion, leerRespuestaRecepcion } from './respuestas';
export { solicitudAutorizacionComprobante, solicitudValidarComprobante } from './soap';
export type {
  AutorizacionOutcome,
  AutorizacionSri,
  MensajeSri,
  MotivoTransitorio,
  ProbeOutcome,
  RecepcionOutcome,
  Transitorio,
} from './types';
