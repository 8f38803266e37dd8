/**
 * Reading the SRI answers (docs/sri.md §7) into outcome values, with a real XML parser. Anything
 * that is not the expected answer becomes `respuesta_invalida` or `soap_fault`, never an
 * exception.
 */
import type { Element } from '@xmldom/xmldom';
import { hijo, hijos, leerSobreSoap, NS_AUTORIZACION, NS_RECEPCION, textoHijo } from './soap';
import type {
  AutorizacionOutcome,
  AutorizacionSri,
  MensajeSri,
  RecepcionOutcome,
  Transitorio,
} from './types';

type RespuestaLeida<T> = T | Transitorio;

const invalida = (message: string): Transitorio => ({
  kind: 'transitorio',
  reason: 'respuesta_invalida',
  message,
  httpStatus: null,
});

const limpio = (texto: string | null): string | null => {
  if (texto === null) return null;
  const t = texto.trim();
  return t === '' ? null : t;
};

const leerMensajes = (padre: Element): MensajeSri[] => {
  const contenedor = hijo(padre, 'mensajes');
  if (contenedor === null) return [];
  return hijos(contenedor, 'mensaje').map((m) => ({
    identificador: (textoHijo(m, 'identificador') ?? '').trim(),
    mensaje: (textoHijo(m, 'mensaje') ?? '').trim(),
    informacionAdicional: limpio(textoHijo(m, 'informacionAdicional')),
    tipo: (textoHijo(m, 'tipo') ?? '').trim(),
  }));
};

/** The operation response element, checked by name and namespace, or why it is not there. */
const leerOperacion = (
  cuerpoHttp: string,
  operacion: string,
  namespace: string,
  respuesta: string,
): Element | Transitorio => {
  const sobre = leerSobreSoap(cuerpoHttp);
  if (!sobre.ok) return invalida(`Respuesta del SRI no válida: ${sobre.error.message}`);
  if (sobre.value.kind === 'fault') {
    const { faultcode, faultstring } = sobre.value;
    return {
      kind: 'transitorio',
      reason: 'soap_fault',
      message: `El SRI respondió con un error SOAP (${faultcode}): ${faultstring}`,
      httpStatus: null,
    };
  }
  const elemento = sobre.value.operacion;
  if (elemento.localName !== operacion || elemento.namespaceURI !== namespace) {
    return invalida(
      `Respuesta del SRI inesperada: «${elemento.nodeName}» en lugar de ${operacion}.`,
    );
  }
  const contenido = hijo(elemento, respuesta);
  if (contenido === null) return invalida(`Respuesta del SRI sin ${respuesta}.`);
  return contenido;
};

const esTransitorio = (valor: Element | Transitorio): valor is Transitorio =>
  'kind' in valor && valor.kind === 'transitorio';

/**
 * Reads a `validarComprobanteResponse` body: RECIBIDA or DEVUELTA with every message.
 * @example leerRespuestaRecepcion(textoDeLaRespuesta) // { kind: 'devuelta', claveAcceso: null, mensajes: [{ identificador: '35', … }] }
 */
export const leerRespuestaRecepcion = (
  cuerpoHttp: string,
): RespuestaLeida<Exclude<RecepcionOutcome, { kind: 'transitorio' }>> => {
  const respuesta = leerOperacion(
    cuerpoHttp,
    'validarComprobanteResponse',
    NS_RECEPCION,
    'RespuestaRecepcionComprobante',
  );
  if (esTransitorio(respuesta)) return respuesta;
  const estado = (textoHijo(respuesta, 'estado') ?? '').trim().toUpperCase();
  const comprobantes = hijo(respuesta, 'comprobantes');
  const lista = comprobantes === null ? [] : hijos(comprobantes, 'comprobante');
  const mensajes = lista.flatMap(leerMensajes);
  // The SRI writes `N/A` when it could not read the clave (e.g. structure errors).
  const claves = lista
    .map((c) => limpio(textoHijo(c, 'claveAcceso')))
    .filter((c): c is string => c !== null && c !== 'N/A');
  const claveAcceso = claves[0] ?? null;
  if (estado === 'RECIBIDA') return { kind: 'recibida', claveAcceso, mensajes };
  if (estado === 'DEVUELTA') return { kind: 'devuelta', claveAcceso, mensajes };
  return invalida(`Estado de recepción desconocido: «${estado}».`);
};

const leerAutorizacion = (elemento: Element): AutorizacionSri => ({
  estado: (textoHijo(elemento, 'estado') ?? '').trim().toUpperCase(),
  numeroAutorizacion: limpio(textoHijo(elemento, 'numeroAutorizacion')),
  fechaAutorizacion: limpio(textoHijo(elemento, 'fechaAutorizacion')),
  ambiente: limpio(textoHijo(elemento, 'ambiente')),
  // Kept exactly as sent (no trim): it is the authorized document.
  comprobante: textoHijo(elemento, 'comprobante'),
  mensajes: leerMensajes(elemento),
});

const ESTADOS_RECHAZO = new Set(['NO AUTORIZADO', 'RECHAZADA', 'RECHAZADO']);

/**
 * Reads an `autorizacionComprobanteResponse` body for the clave asked: any AUTORIZADO entry
 * wins; a pending entry (a newer submission still in process) comes before a NO AUTORIZADO one.
 * @example leerRespuestaAutorizacion(texto, clave).kind // 'autorizado' | 'no_autorizado' | 'pendiente' | 'transitorio'
 */
export const leerRespuestaAutorizacion = (
  cuerpoHttp: string,
  claveAcceso: string,
): AutorizacionOutcome => {
  const respuesta = leerOperacion(
    cuerpoHttp,
    'autorizacionComprobanteResponse',
    NS_AUTORIZACION,
    'RespuestaAutorizacionComprobante',
  );
  if (esTransitorio(respuesta)) return respuesta;
  const consultada = limpio(textoHijo(respuesta, 'claveAccesoConsultada'));
  if (consultada !== null && consultada !== claveAcceso) {
    return invalida(
      `El SRI respondió por la clave ${consultada} en lugar de la consultada ${claveAcceso}.`,
    );
  }
  const contenedor = hijo(respuesta, 'autorizaciones');
  const autorizaciones = (contenedor === null ? [] : hijos(contenedor, 'autorizacion')).map(
    leerAutorizacion,
  );
  const autorizada = autorizaciones.find((a) => a.estado === 'AUTORIZADO');
  if (autorizada !== undefined) {
    if (autorizada.fechaAutorizacion === null) {
      return invalida('El SRI marcó el comprobante AUTORIZADO sin fecha de autorización.');
    }
    return {
      kind: 'autorizado',
      claveAcceso,
      // docs/sri.md §1: in the offline scheme the número de autorización is the clave de acceso.
      numeroAutorizacion: autorizada.numeroAutorizacion ?? claveAcceso,
      fechaAutorizacion: autorizada.fechaAutorizacion,
      ambiente: autorizada.ambiente ?? '',
      comprobante: autorizada.comprobante ?? '',
      mensajes: autorizada.mensajes,
      autorizaciones,
    };
  }
  const pendiente = autorizaciones.find((a) => !ESTADOS_RECHAZO.has(a.estado));
  const rechazos = autorizaciones.filter((a) => ESTADOS_RECHAZO.has(a.estado));
  if (pendiente !== undefined || rechazos.length === 0) {
    return {
      kind: 'pendiente',
      claveAcceso,
      estado: pendiente?.estado ?? null,
      mensajes: autorizaciones.flatMap((a) => a.mensajes),
      autorizaciones,
    };
  }
  return {
    kind: 'no_autorizado',
    claveAcceso,
    fechaAutorizacion: rechazos[0]?.fechaAutorizacion ?? null,
    mensajes: rechazos.flatMap((a) => a.mensajes),
    autorizaciones,
  };
};
