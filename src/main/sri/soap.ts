/**
 * SOAP 1.1 envelopes of the two SRI operations (docs/sri.md §7) and the strict XML reading shared by
 * the client and the simulator. Document/literal: the operation element is qualified, its
 * children are not (`xmlns=""`).
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { err, ok, type Result } from '../../shared/result';
import { normalizeLineEndingsXml10 } from '../signing/xml10';

export const NS_SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
export const NS_RECEPCION = 'http://ec.gob.sri.ws.recepcion';
export const NS_AUTORIZACION = 'http://ec.gob.sri.ws.autorizacion';

/** Headers of every SRI POST: SOAP 1.1 with an empty SOAPAction, as the WSDL binding says. */
export const SOAP_HEADERS = {
  'Content-Type': 'text/xml; charset=utf-8',
  SOAPAction: '""',
} as const;

const DECLARACION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * Escapes text for an XML element (also CR, which a parser would otherwise turn into LF).
 * @example escaparXml('a<b & c') // 'a&lt;b &amp; c'
 */
export const escaparXml = (texto: string): string =>
  texto.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');

/** Wraps a body element in the SOAP 1.1 envelope. */
export const sobreSoap = (cuerpo: string): string =>
  `${DECLARACION}<soap:Envelope xmlns:soap="${NS_SOAP}"><soap:Body>${cuerpo}</soap:Body></soap:Envelope>`;

/**
 * Request of `validarComprobante`: the signed bytes base64-encoded exactly once.
 * @example solicitudValidarComprobante('<factura/>') // '…<validarComprobante xmlns="http://ec.gob.sri.ws.recepcion"><xml xmlns="">PGZhY3R1cmEvPg==</xml>…'
 */
export const solicitudValidarComprobante = (comprobanteFirmado: string | Uint8Array): string => {
  const bytes =
    typeof comprobanteFirmado === 'string'
      ? Buffer.from(comprobanteFirmado, 'utf8')
      : Buffer.from(comprobanteFirmado);
  return sobreSoap(
    `<validarComprobante xmlns="${NS_RECEPCION}"><xml xmlns="">${bytes.toString('base64')}</xml></validarComprobante>`,
  );
};

/**
 * Request of `autorizacionComprobante` for one clave de acceso.
 * @example solicitudAutorizacionComprobante('2110201201179214673900110020010000000011234567818')
 */
export const solicitudAutorizacionComprobante = (claveAcceso: string): string =>
  sobreSoap(
    `<autorizacionComprobante xmlns="${NS_AUTORIZACION}"><claveAccesoComprobante xmlns="">${escaparXml(claveAcceso)}</claveAccesoComprobante></autorizacionComprobante>`,
  );

/**
 * Parses XML strictly: any warning-free error (unclosed tag, unknown entity, no root) is a
 * failure, so an HTML page or garbage never passes for an answer.
 * @example parsearXml('<a/>').ok // true
 */
export const parsearXml = (texto: string): Result<Document> => {
  let problema: string | null = null;
  try {
    const documento = new DOMParser({
      // XML 1.0: U+0085 and U+2028 in the returned comprobante are characters, not line ends
      normalizeLineEndings: normalizeLineEndingsXml10,
      onError: (nivel, mensaje) => {
        if (nivel !== 'warning' && problema === null) problema = mensaje;
      },
    }).parseFromString(texto, 'text/xml');
    if (problema !== null) return err('xml_invalido', `XML mal formado: ${problema}`);
    if (documento.documentElement === null) {
      return err('xml_invalido', 'XML mal formado: no tiene elemento raíz.');
    }
    return ok(documento);
  } catch (error) {
    // xmldom throws ParseError on fatal errors; the message is all we keep.
    const detalle = error instanceof Error ? error.message : String(error);
    return err('xml_invalido', `XML mal formado: ${problema ?? detalle}`);
  }
};

/** Child elements of `padre`, optionally only those with this local name. */
export const hijos = (padre: Element, nombre?: string): Element[] => {
  const resultado: Element[] = [];
  for (let nodo = padre.firstChild; nodo !== null; nodo = nodo.nextSibling) {
    if (nodo.nodeType === nodo.ELEMENT_NODE) {
      const elemento = nodo as Element;
      if (nombre === undefined || elemento.localName === nombre) resultado.push(elemento);
    }
  }
  return resultado;
};

/** First child element with this local name, or `null`. */
export const hijo = (padre: Element, nombre: string): Element | null =>
  hijos(padre, nombre)[0] ?? null;

/** Text of the first child element with this local name, or `null` when absent. */
export const textoHijo = (padre: Element, nombre: string): string | null => {
  const elemento = hijo(padre, nombre);
  return elemento === null ? null : (elemento.textContent ?? '');
};

export type CuerpoSoap =
  | { kind: 'cuerpo'; operacion: Element }
  | { kind: 'fault'; faultcode: string; faultstring: string };

/**
 * Reads a SOAP 1.1 envelope: the single element inside `Body`, or the Fault.
 * @example leerSobreSoap(sobreSoap('<x/>')) // ok({ kind: 'cuerpo', operacion: <x/> })
 */
export const leerSobreSoap = (texto: string): Result<CuerpoSoap> => {
  const parseado = parsearXml(texto);
  if (!parseado.ok) return parseado;
  const raiz = parseado.value.documentElement;
  if (raiz === null || raiz.localName !== 'Envelope' || raiz.namespaceURI !== NS_SOAP) {
    return err('no_soap', `La respuesta no es un sobre SOAP 1.1 (raíz «${raiz?.nodeName}»).`);
  }
  const cuerpo = hijos(raiz, 'Body').find((e) => e.namespaceURI === NS_SOAP);
  if (cuerpo === undefined) return err('no_soap', 'El sobre SOAP no tiene Body.');
  const [operacion] = hijos(cuerpo);
  if (operacion === undefined) return err('no_soap', 'El Body del sobre SOAP está vacío.');
  if (operacion.localName === 'Fault' && operacion.namespaceURI === NS_SOAP) {
    return ok({
      kind: 'fault',
      faultcode: (textoHijo(operacion, 'faultcode') ?? '').trim(),
      faultstring: (textoHijo(operacion, 'faultstring') ?? '').trim(),
    });
  }
  return ok({ kind: 'cuerpo', operacion });
};
