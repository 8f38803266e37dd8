/** Web-service addresses (docs/sri.md §7): same paths on celcer (pruebas) and cel (producción). */

export type SriEndpoints = {
  /** POST target of `validarComprobante` (no `?wsdl`). */
  recepcion: string;
  /** POST target of `autorizacionComprobante` (no `?wsdl`). */
  autorizacion: string;
};

export type AmbienteSri = 'pruebas' | 'produccion';

export const RUTA_RECEPCION = '/comprobantes-electronicos-ws/RecepcionComprobantesOffline';
export const RUTA_AUTORIZACION = '/comprobantes-electronicos-ws/AutorizacionComprobantesOffline';

const HOSTS = {
  pruebas: 'https://celcer.sri.gob.ec',
  produccion: 'https://cel.sri.gob.ec',
} as const satisfies Record<AmbienteSri, string>;

/**
 * Endpoints of a base URL that serves the SRI paths (the real hosts or the simulator).
 * @example endpointsDesdeBase('http://127.0.0.1:8089').recepcion // 'http://127.0.0.1:8089/comprobantes-electronicos-ws/RecepcionComprobantesOffline'
 */
export const endpointsDesdeBase = (baseUrl: string): SriEndpoints => {
  const base = baseUrl.replace(/\/+$/, '');
  return { recepcion: `${base}${RUTA_RECEPCION}`, autorizacion: `${base}${RUTA_AUTORIZACION}` };
};

/**
 * Official endpoints of an ambiente: pruebas → celcer.sri.gob.ec, producción → cel.sri.gob.ec.
 * @example endpointsSri('produccion').autorizacion // 'https://cel.sri.gob.ec/comprobantes-electronicos-ws/AutorizacionComprobantesOffline'
 */
export const endpointsSri = (ambiente: AmbienteSri): SriEndpoints =>
  endpointsDesdeBase(HOSTS[ambiente]);
