import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { SRI_SAMPLES_DIR } from '../../../test/fixtures/paths';
import {
  hijos,
  leerSobreSoap,
  NS_AUTORIZACION,
  NS_RECEPCION,
  parsearXml,
  SOAP_HEADERS,
  solicitudAutorizacionComprobante,
  solicitudValidarComprobante,
} from './soap';
import { WSDL_AUTORIZACION, WSDL_RECEPCION } from './wsdl';

const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const samples = SRI_SAMPLES_DIR;
const leer = (archivo: string): string => readFileSync(archivo, 'utf8');

/** Element tree without whitespace-only text: namespace, local name, text of leaves. */
type Nodo = { ns: string | null; nombre: string; texto?: string; hijos?: Nodo[] };
const arbol = (e: Element): Nodo => {
  const h = hijos(e);
  return h.length === 0
    ? { ns: e.namespaceURI, nombre: e.localName ?? '', texto: (e.textContent ?? '').trim() }
    : { ns: e.namespaceURI, nombre: e.localName ?? '', hijos: h.map(arbol) };
};
const arbolDe = (xml: string): Nodo => {
  const d = parsearXml(xml);
  if (!d.ok || d.value.documentElement === null) throw new Error('XML inválido en la prueba');
  return arbol(d.value.documentElement);
};

const WSDL = {
  recepcion: path.join(repoRoot, 'resources/wsdl/RecepcionComprobantesOffline.wsdl'),
  autorizacion: path.join(repoRoot, 'resources/wsdl/AutorizacionComprobantesOffline.wsdl'),
};
const NS_XS = 'http://www.w3.org/2001/XMLSchema';
const NS_WSDL_SOAP = 'http://schemas.xmlsoap.org/wsdl/soap/';

/** What a WSDL says about one operation: namespace, child elements of its request, soapAction. */
const operacionDelWsdl = (archivo: string, operacion: string) => {
  const d = parsearXml(leer(archivo));
  if (!d.ok || d.value.documentElement === null) throw new Error('WSDL inválido');
  const raiz = d.value.documentElement;
  const schema = d.value.getElementsByTagNameNS(NS_XS, 'schema')[0];
  const tipo = Array.from(d.value.getElementsByTagNameNS(NS_XS, 'complexType')).find(
    (t) => t.getAttribute('name') === operacion,
  );
  const elementos = tipo
    ? Array.from(tipo.getElementsByTagNameNS(NS_XS, 'element')).map((e) => e.getAttribute('name'))
    : [];
  const soapOps = Array.from(d.value.getElementsByTagNameNS(NS_WSDL_SOAP, 'operation'));
  const binding = d.value.getElementsByTagNameNS(NS_WSDL_SOAP, 'binding')[0];
  return {
    targetNamespace: raiz.getAttribute('targetNamespace'),
    elementFormDefault: schema?.getAttribute('elementFormDefault'),
    elementoGlobal: Array.from(d.value.getElementsByTagNameNS(NS_XS, 'element')).some(
      (e) => e.parentNode === schema && e.getAttribute('name') === operacion,
    ),
    elementos,
    soapActions: soapOps.map((o) => o.getAttribute('soapAction')),
    estilo: binding?.getAttribute('style'),
  };
};

describe('sobres SOAP de solicitud', () => {
  it('validarComprobante tiene la forma de la muestra real', () => {
    const muestra = leer(path.join(samples, 'soap_validarComprobante_request.xml'));
    expect(arbolDe(solicitudValidarComprobante('<foo><bar/></foo>'))).toEqual(arbolDe(muestra));
  });

  it('autorizacionComprobante tiene la forma de la muestra real', () => {
    const muestra = leer(path.join(samples, 'soap_autorizacionComprobante_request.xml'));
    expect(
      arbolDe(
        solicitudAutorizacionComprobante('2110201201179214673900110020010000000011234567818'),
      ),
    ).toEqual(arbolDe(muestra));
  });

  it('codifica en base64 una sola vez los bytes exactos del comprobante', () => {
    const firmado = '<?xml version="1.0" encoding="UTF-8"?>\r\n<factura>días ñ</factura>';
    const sobre = leerSobreSoap(solicitudValidarComprobante(firmado));
    if (!sobre.ok || sobre.value.kind !== 'cuerpo') throw new Error('sobre inválido');
    const base64 = sobre.value.operacion.textContent ?? '';
    expect(Buffer.from(base64, 'base64').toString('utf8')).toBe(firmado);
    expect(solicitudValidarComprobante(Buffer.from(firmado, 'utf8'))).toBe(
      solicitudValidarComprobante(firmado),
    );
  });

  it('usa SOAP 1.1 con SOAPAction vacío', () => {
    expect(SOAP_HEADERS).toEqual({ 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' });
  });
});

describe('sobres frente a los WSDL empaquetados', () => {
  it.each([
    {
      wsdl: WSDL.recepcion,
      operacion: 'validarComprobante',
      ns: NS_RECEPCION,
      sobre: solicitudValidarComprobante('<x/>'),
    },
    {
      wsdl: WSDL.autorizacion,
      operacion: 'autorizacionComprobante',
      ns: NS_AUTORIZACION,
      sobre: solicitudAutorizacionComprobante('1'.repeat(49)),
    },
  ])(
    '$operacion coincide en nombre, namespace, hijos y soapAction',
    ({ wsdl, operacion, ns, sobre }) => {
      const w = operacionDelWsdl(wsdl, operacion);
      expect(w.targetNamespace).toBe(ns);
      expect(w.elementoGlobal).toBe(true);
      expect(w.elementFormDefault).toBe('unqualified');
      expect(w.estilo).toBe('document');
      expect(new Set(w.soapActions)).toEqual(new Set(['']));
      const leido = leerSobreSoap(sobre);
      if (!leido.ok || leido.value.kind !== 'cuerpo') throw new Error('sobre inválido');
      const op = leido.value.operacion;
      expect({ nombre: op.localName, ns: op.namespaceURI }).toEqual({ nombre: operacion, ns });
      // elementFormDefault="unqualified": the children carry no namespace.
      expect(hijos(op).map((h) => ({ nombre: h.localName, ns: h.namespaceURI }))).toEqual(
        w.elementos.map((nombre) => ({ nombre, ns: null })),
      );
    },
  );
});

describe('WSDL incrustados', () => {
  it('son idénticos a los archivos de resources/wsdl', () => {
    expect(WSDL_RECEPCION).toBe(leer(WSDL.recepcion));
    expect(WSDL_AUTORIZACION).toBe(leer(WSDL.autorizacion));
  });
});
