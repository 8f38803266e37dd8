/**
 * What the simulator checks in a received comprobante before answering RECIBIDA: well-formed
 * XML, a supported root and version with `id="comprobante"`, the required elements of the XSD,
 * and a clave de acceso that is valid and agrees with `infoTributaria` (docs/sri.md §2, §3).
 */
import type { Element } from '@xmldom/xmldom';
import { validarClaveAcceso } from '../../fiscal/claveAcceso';
import { fueraDeVentanaEmision } from '../../fiscal/ventanaEmision';
import { hijo, hijos, parsearXml, textoHijo } from '../soap';
import { problemaAritmetico } from './aritmetica';

/** Identity of a secuencial: two claves with the same key collide (DEVUELTA 45). */
export type ComprobanteRecibido = {
  claveAcceso: string;
  codDoc: string;
  secuencialKey: string;
};

export type RechazoRecepcion = {
  codigo: string;
  mensaje: string;
  informacionAdicional: string;
  /** `N/A` when the clave could not be read, as the SRI writes it. */
  claveAcceso: string;
};

export type RevisionComprobante =
  | { ok: true; comprobante: ComprobanteRecibido }
  | { ok: false; rechazo: RechazoRecepcion };

const VERSIONES: Record<string, { codDoc: string; versiones: readonly string[] }> = {
  factura: { codDoc: '01', versiones: ['1.0.0', '1.1.0', '2.0.0', '2.1.0'] },
  notaCredito: { codDoc: '04', versiones: ['1.0.0', '1.1.0'] },
};

const INFO_TRIBUTARIA = [
  'ambiente',
  'tipoEmision',
  'razonSocial',
  'ruc',
  'claveAcceso',
  'codDoc',
  'estab',
  'ptoEmi',
  'secuencial',
  'dirMatriz',
] as const;

/** Required children per element path (XSD minOccurs ≥ 1), for the POS documents. */
const REQUERIDOS: Record<string, Record<string, readonly string[]>> = {
  factura: {
    infoFactura: [
      'fechaEmision',
      'tipoIdentificacionComprador',
      'razonSocialComprador',
      'identificacionComprador',
      'totalSinImpuestos',
      'totalDescuento',
      'totalConImpuestos',
      'importeTotal',
    ],
    detalle: [
      'descripcion',
      'cantidad',
      'precioUnitario',
      'descuento',
      'precioTotalSinImpuesto',
      'impuestos',
    ],
    totalImpuesto: ['codigo', 'codigoPorcentaje', 'baseImponible', 'valor'],
    impuesto: ['codigo', 'codigoPorcentaje', 'tarifa', 'baseImponible', 'valor'],
  },
  notaCredito: {
    infoNotaCredito: [
      'fechaEmision',
      'tipoIdentificacionComprador',
      'razonSocialComprador',
      'identificacionComprador',
      'codDocModificado',
      'numDocModificado',
      'fechaEmisionDocSustento',
      'totalSinImpuestos',
      'valorModificacion',
      'totalConImpuestos',
      'motivo',
    ],
    detalle: ['descripcion', 'cantidad', 'precioUnitario', 'precioTotalSinImpuesto', 'impuestos'],
    totalImpuesto: ['codigo', 'codigoPorcentaje', 'baseImponible', 'valor'],
    impuesto: ['codigo', 'codigoPorcentaje', 'baseImponible', 'valor'],
  },
};

const ESTRUCTURA = 'ARCHIVO NO CUMPLE ESTRUCTURA XML';

const rechazo = (
  codigo: string,
  mensaje: string,
  informacionAdicional: string,
  claveAcceso = 'N/A',
): RevisionComprobante => ({
  ok: false,
  rechazo: { codigo, mensaje, informacionAdicional, claveAcceso },
});

const faltante = (padre: Element, requeridos: readonly string[]): string | null =>
  requeridos.find((nombre) => hijo(padre, nombre) === null) ?? null;

/** First structural problem in the document body, or `null`. */
const problemaDeEstructura = (raiz: Element, tipo: string): string | null => {
  const reglas = REQUERIDOS[tipo] ?? {};
  const info = tipo === 'factura' ? 'infoFactura' : 'infoNotaCredito';
  const infoDoc = hijo(raiz, info);
  if (infoDoc === null) return `Falta el elemento ${info}.`;
  const falta = faltante(infoDoc, reglas[info] ?? []);
  if (falta !== null) return `Falta el elemento ${info}/${falta}.`;
  const totales = hijos(hijo(infoDoc, 'totalConImpuestos') as Element, 'totalImpuesto');
  if (totales.length === 0) return `${info}/totalConImpuestos no tiene totalImpuesto.`;
  for (const total of totales) {
    const f = faltante(total, reglas.totalImpuesto ?? []);
    if (f !== null) return `Falta el elemento totalImpuesto/${f}.`;
  }
  const detalles = hijo(raiz, 'detalles');
  const lineas = detalles === null ? [] : hijos(detalles, 'detalle');
  if (lineas.length === 0) return 'El comprobante no tiene detalles/detalle.';
  for (const [i, linea] of lineas.entries()) {
    const f = faltante(linea, reglas.detalle ?? []);
    if (f !== null) return `Falta el elemento detalle[${i + 1}]/${f}.`;
    const impuestos = hijos(hijo(linea, 'impuestos') as Element, 'impuesto');
    if (impuestos.length === 0) return `detalle[${i + 1}]/impuestos no tiene impuesto.`;
    for (const impuesto of impuestos) {
      const fi = faltante(impuesto, reglas.impuesto ?? []);
      if (fi !== null) return `Falta el elemento detalle[${i + 1}]/impuesto/${fi}.`;
    }
  }
  return null;
};

/**
 * Reviews a decoded comprobante as the SRI recepción would, for an ambiente ('1' pruebas): structure
 * (35), clave (58), arithmetic (52) and, given the time, the emission date window (65).
 * @example revisarComprobante(xmlFirmado, '1') // { ok: true, comprobante: { claveAcceso, codDoc: '01', secuencialKey } }
 */
export const revisarComprobante = (
  xml: string,
  ambiente: '1' | '2',
  ahora: Date | null = null,
): RevisionComprobante => {
  const documento = parsearXml(xml);
  if (!documento.ok) return rechazo('35', ESTRUCTURA, documento.error.message);
  const raiz = documento.value.documentElement;
  if (raiz === null) return rechazo('35', ESTRUCTURA, 'El XML no tiene elemento raíz.');
  const tipo = raiz.localName ?? '';
  const definicion = VERSIONES[tipo];
  if (definicion === undefined || raiz.namespaceURI !== null) {
    return rechazo(
      '35',
      ESTRUCTURA,
      `El elemento raíz «${raiz.nodeName}» no es un comprobante admitido (factura, notaCredito) sin namespace.`,
    );
  }
  if (raiz.getAttribute('id') !== 'comprobante') {
    return rechazo('35', ESTRUCTURA, `El atributo id de ${tipo} debe ser «comprobante».`);
  }
  const version = raiz.getAttribute('version') ?? '';
  if (!definicion.versiones.includes(version)) {
    return rechazo(
      '35',
      ESTRUCTURA,
      `La versión «${version}» de ${tipo} no existe (${definicion.versiones.join(', ')}).`,
    );
  }
  const infoTributaria = hijo(raiz, 'infoTributaria');
  if (infoTributaria === null)
    return rechazo('35', ESTRUCTURA, 'Falta el elemento infoTributaria.');
  const campo = (nombre: string): string => (textoHijo(infoTributaria, nombre) ?? '').trim();
  const claveTexto = campo('claveAcceso');
  const clave = /^\d{49}$/.test(claveTexto) ? claveTexto : 'N/A';
  const falta = faltante(infoTributaria, INFO_TRIBUTARIA);
  if (falta !== null) {
    return rechazo('35', ESTRUCTURA, `Falta el elemento infoTributaria/${falta}.`, clave);
  }
  const estructura = problemaDeEstructura(raiz, tipo);
  if (estructura !== null) return rechazo('35', ESTRUCTURA, estructura, clave);

  const decodificada = validarClaveAcceso(claveTexto);
  if (!decodificada.ok) {
    return rechazo(
      '35',
      ESTRUCTURA,
      `La clave de acceso ${claveTexto} no es válida: ${decodificada.error.message}`,
      clave,
    );
  }
  const info = hijo(raiz, tipo === 'factura' ? 'infoFactura' : 'infoNotaCredito') as Element;
  const fecha = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec((textoHijo(info, 'fechaEmision') ?? '').trim());
  const partes = decodificada.value;
  const diferencias = [
    [
      'fechaEmision',
      fecha === null ? '' : `${fecha[3]}-${fecha[2]}-${fecha[1]}`,
      partes.fechaEmision,
    ],
    ['codDoc', campo('codDoc'), partes.codDoc],
    ['ruc', campo('ruc'), partes.ruc],
    ['ambiente', campo('ambiente'), partes.ambiente],
    ['estab', campo('estab'), partes.estab],
    ['ptoEmi', campo('ptoEmi'), partes.ptoEmi],
    ['secuencial', campo('secuencial'), partes.secuencial],
    ['tipoEmision', campo('tipoEmision'), partes.tipoEmision],
  ].filter(([, enXml, enClave]) => enXml !== enClave);
  if (diferencias.length > 0) {
    return rechazo(
      '58',
      'ERROR EN LA ESTRUCTURA DE LA CLAVE DE ACCESO',
      `La clave de acceso no corresponde al comprobante: ${diferencias
        .map(([nombre, enXml, enClave]) => `${nombre} ${enXml} ≠ ${enClave}`)
        .join(', ')}.`,
      clave,
    );
  }
  if (campo('codDoc') !== definicion.codDoc) {
    return rechazo(
      '35',
      ESTRUCTURA,
      `codDoc ${campo('codDoc')} no corresponde a ${tipo} (${definicion.codDoc}).`,
      clave,
    );
  }
  if (campo('ambiente') !== ambiente) {
    return rechazo(
      '35',
      ESTRUCTURA,
      `Se encontró el siguiente error en la estructura del comprobante: ${campo('ambiente')} no corresponde al ambiente de este servicio (${ambiente}).`,
      clave,
    );
  }
  const diferencia = problemaAritmetico(raiz, tipo as 'factura' | 'notaCredito');
  if (diferencia !== null) return rechazo('52', 'ERROR EN DIFERENCIAS', diferencia, clave);
  if (ahora !== null && fecha !== null) {
    const fuera = fueraDeVentanaEmision(`${fecha[3]}-${fecha[2]}-${fecha[1]}`, ahora);
    if (fuera !== null) {
      return rechazo('65', 'FECHA DE EMISIÓN EXTEMPORANEA', fuera, clave);
    }
  }
  return {
    ok: true,
    comprobante: {
      claveAcceso: claveTexto,
      codDoc: campo('codDoc'),
      secuencialKey: [
        campo('ruc'),
        campo('codDoc'),
        campo('estab'),
        campo('ptoEmi'),
        campo('secuencial'),
      ].join('-'),
    },
  };
};
