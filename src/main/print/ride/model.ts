/**
 * The RIDE as data: everything docs/sri.md §9 asks the printed document to show, read from a factura
 * or nota de crédito XML (signed or not) or from an autorización response that carries it.
 * Built completely in memory before anything is drawn, so a bad document never half-prints.
 */
import { DOMParser, type Element, onErrorStopParsing } from '@xmldom/xmldom';
import { type AppError, type ErrorCode, ok, type Result } from '../../../shared/result';
import { normalizeLineEndingsXml10 } from '../../signing/xml10';
import { parseScaled } from './amounts';
import {
  CODIGO_ICE,
  CODIGO_IRBPNR,
  CODIGO_IVA,
  FORMAS_PAGO,
  IVA_POR_CODIGO,
  TIPOS_COMPROBANTE,
  TIPOS_IDENTIFICACION,
} from './catalog';
import { formatFechaAutorizacion } from './fechaAutorizacion';

export type RideTipo = 'factura' | 'notaCredito';
export type RideAmbiente = 'PRUEBAS' | 'PRODUCCIÓN';

export type RideEmisor = {
  razonSocial: string;
  nombreComercial: string | null;
  ruc: string;
  dirMatriz: string;
  dirEstablecimiento: string | null;
  contribuyenteEspecial: string | null;
  obligadoContabilidad: 'SI' | 'NO' | null;
  /** The legend exactly as the XML carries it (`CONTRIBUYENTE RÉGIMEN RIMPE`…). */
  contribuyenteRimpe: string | null;
  /** Resolution number of «Agente de Retención Resolución No. N». */
  agenteRetencion: string | null;
};

export type RideComprador = {
  tipoIdentificacion: string;
  /** Tabla 6 name, e.g. «CÉDULA». */
  tipoIdentificacionNombre: string;
  razonSocial: string;
  identificacion: string;
  direccion: string | null;
};

export type RideCampo = { nombre: string; valor: string };

export type RideLinea = {
  codigoPrincipal: string | null;
  codigoAuxiliar: string | null;
  descripcion: string;
  /** Micro-units (6 decimals). */
  cantidad: number;
  /** Micro-units (6 decimals). */
  precioUnitario: number;
  /** Cents. */
  descuento: number;
  /** Cents. */
  precioTotalSinImpuesto: number;
  detallesAdicionales: RideCampo[];
};

export type RideSubtotalIva = {
  codigoPorcentaje: string;
  /** «15 %», «0 %», «NO OBJETO DE IVA», «EXENTO DE IVA»… */
  etiqueta: string;
  /** Hundredths of a percent (15 % = 1500). */
  tarifa: number;
  /** Cents. */
  baseImponible: number;
  /** Cents. */
  valor: number;
};

/** All amounts in cents. */
export type RideTotales = {
  subtotalesIva: RideSubtotalIva[];
  subtotalSinImpuestos: number;
  totalDescuento: number;
  ice: number;
  irbpnr: number;
  iva: number;
  propina: number;
  /** `importeTotal` of a factura, `valorModificacion` of a nota de crédito. */
  total: number;
};

export type RidePago = {
  formaPago: string;
  /** Tabla 24 name. */
  nombre: string;
  /** Cents. */
  total: number;
  plazo: string | null;
  unidadTiempo: string | null;
};

export type RideNotaCredito = {
  codDocModificado: string;
  /** «FACTURA»… */
  docModificadoNombre: string;
  numDocModificado: string;
  fechaEmisionDocSustento: string;
  motivo: string;
};

export type Ride = {
  tipo: RideTipo;
  /** «FACTURA» or «NOTA DE CRÉDITO». */
  titulo: string;
  /** `estab-ptoEmi-secuencial`, e.g. 001-001-000000005. */
  numero: string;
  claveAcceso: string;
  /** Equals the clave de acceso in the offline scheme (docs/sri.md §1). */
  numeroAutorizacion: string;
  /** `dd/mm/aaaa hh:mm:ss` in Ecuador time, or null while not authorized («PENDIENTE»). */
  fechaAutorizacion: string | null;
  ambiente: RideAmbiente;
  emision: 'NORMAL';
  /** dd/mm/aaaa as in the XML. */
  fechaEmision: string;
  guiaRemision: string | null;
  emisor: RideEmisor;
  comprador: RideComprador;
  lineas: RideLinea[];
  totales: RideTotales;
  pagos: RidePago[];
  infoAdicional: RideCampo[];
  notaCredito: RideNotaCredito | null;
};

/** Authorization known outside the XML (e.g. the `document` row). */
export type RideAutorizacion = {
  numeroAutorizacion?: string;
  /** ISO 8601 instant, e.g. 2024-10-07T13:48:46-05:00. */
  fechaAutorizacion?: string;
};

/** Thrown inside the parser only to unwind to `parseRide`, which turns it into a Result. */
class RideInvalido extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
  }
}

const fail = (code: ErrorCode, message: string, field?: string): never => {
  throw new RideInvalido(field === undefined ? { code, message } : { code, message, field });
};

const parseXml = (xml: string): Element => {
  try {
    const doc = new DOMParser({
      onError: onErrorStopParsing,
      normalizeLineEndings: normalizeLineEndingsXml10,
    }).parseFromString(xml, 'text/xml');
    const root = doc.documentElement;
    if (root === null) return fail('ride_xml', 'El archivo no contiene un documento XML.');
    return root;
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : '';
    return fail('ride_xml', `El XML no se puede leer: ${detail}`);
  }
};

const childElements = (parent: Element, name?: string): Element[] => {
  const out: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (name === undefined || nameOf(element) === name) out.push(element);
    }
  }
  return out;
};

/** The element name without prefix (comprobantes have no namespace; SOAP wrappers do). */
const nameOf = (element: Element): string => element.localName ?? element.nodeName;

const child = (parent: Element, name: string): Element | null =>
  childElements(parent, name)[0] ?? null;

/** Text fields forbid line breaks; collapse runs of whitespace (`&#13;` included) for print. */
const clean = (text: string): string => text.replace(/\s+/g, ' ').trim();

const optional = (parent: Element, name: string): string | null => {
  const element = child(parent, name);
  if (element === null) return null;
  const text = clean(element.textContent ?? '');
  return text === '' ? null : text;
};

const required = (parent: Element, name: string, path: string): string => {
  const value = optional(parent, name);
  return (
    value ?? fail('ride_campo_faltante', `Falta el campo obligatorio «${path}/${name}».`, name)
  );
};

const requiredChild = (parent: Element, name: string, path: string): Element =>
  child(parent, name) ??
  fail('ride_campo_faltante', `Falta el campo obligatorio «${path}/${name}».`, name);

const cents = (text: string, campo: string): number =>
  parseScaled(text, 2) ??
  fail('ride_importe', `El importe «${text}» de «${campo}» no es válido.`, campo);

const micros = (text: string, campo: string): number =>
  parseScaled(text, 6) ??
  fail('ride_importe', `La cantidad «${text}» de «${campo}» no es válida.`, campo);

const findAll = (root: Element, name: string): Element[] => {
  const found: Element[] = [];
  const walk = (element: Element): void => {
    if (nameOf(element) === name) found.push(element);
    for (const c of childElements(element)) walk(c);
  };
  walk(root);
  return found;
};

type Unwrapped = { comprobante: Element; autorizacion: RideAutorizacion };

/** Accepts the comprobante itself or an autorización (SOAP response or the SRI's download). */
const unwrap = (root: Element): Unwrapped => {
  if (nameOf(root) === 'factura' || nameOf(root) === 'notaCredito') {
    return { comprobante: root, autorizacion: {} };
  }
  const autorizaciones = findAll(root, 'autorizacion');
  if (autorizaciones.length === 0) {
    return fail(
      'ride_tipo',
      `El XML no es una factura ni una nota de crédito (raíz «${nameOf(root)}»).`,
    );
  }
  // One clave can carry several attempts; the AUTORIZADO one wins (docs/sri.md §1).
  const elegida =
    autorizaciones.find((a) => optional(a, 'estado') === 'AUTORIZADO') ??
    (autorizaciones[0] as Element);
  const texto = optional(elegida, 'comprobante');
  if (texto === null) {
    return fail('ride_campo_faltante', 'La autorización no contiene el «comprobante».');
  }
  const comprobante = parseXml(child(elegida, 'comprobante')?.textContent ?? '');
  if (nameOf(comprobante) !== 'factura' && nameOf(comprobante) !== 'notaCredito') {
    return fail('ride_tipo', 'El comprobante autorizado no es una factura ni una nota de crédito.');
  }
  const autorizacion: RideAutorizacion = {};
  if (optional(elegida, 'estado') === 'AUTORIZADO') {
    const numero = optional(elegida, 'numeroAutorizacion');
    const fecha = optional(elegida, 'fechaAutorizacion');
    if (numero !== null) autorizacion.numeroAutorizacion = numero;
    if (fecha !== null) autorizacion.fechaAutorizacion = fecha;
  }
  return { comprobante, autorizacion };
};

const parseCampos = (parent: Element | null, nombreHijo: string): RideCampo[] =>
  parent === null
    ? []
    : childElements(parent, nombreHijo).map((element) => ({
        nombre: clean(element.getAttribute('nombre') ?? ''),
        valor: clean(element.getAttribute('valor') ?? element.textContent ?? ''),
      }));

const parseEmisor = (infoTributaria: Element, info: Element): RideEmisor => {
  const obligado = optional(info, 'obligadoContabilidad');
  if (obligado !== null && obligado !== 'SI' && obligado !== 'NO') {
    fail('ride_campo', `«obligadoContabilidad» debe ser SI o NO, no «${obligado}».`);
  }
  const ruc = required(infoTributaria, 'ruc', 'infoTributaria');
  if (!/^\d{13}$/.test(ruc)) fail('ride_campo', `El RUC del emisor «${ruc}» no tiene 13 dígitos.`);
  return {
    razonSocial: required(infoTributaria, 'razonSocial', 'infoTributaria'),
    nombreComercial: optional(infoTributaria, 'nombreComercial'),
    ruc,
    dirMatriz: required(infoTributaria, 'dirMatriz', 'infoTributaria'),
    dirEstablecimiento: optional(info, 'dirEstablecimiento'),
    contribuyenteEspecial: optional(info, 'contribuyenteEspecial'),
    obligadoContabilidad: obligado as 'SI' | 'NO' | null,
    contribuyenteRimpe: optional(infoTributaria, 'contribuyenteRimpe'),
    agenteRetencion: optional(infoTributaria, 'agenteRetencion'),
  };
};

const parseComprador = (info: Element, path: string): RideComprador => {
  const tipo = required(info, 'tipoIdentificacionComprador', path);
  return {
    tipoIdentificacion: tipo,
    tipoIdentificacionNombre: TIPOS_IDENTIFICACION[tipo] ?? `TIPO ${tipo}`,
    razonSocial: required(info, 'razonSocialComprador', path),
    identificacion: required(info, 'identificacionComprador', path),
    direccion: optional(info, 'direccionComprador'),
  };
};

const parseLineas = (comprobante: Element, tipo: RideTipo): RideLinea[] => {
  const detalles = requiredChild(comprobante, 'detalles', nameOf(comprobante));
  const lineas = childElements(detalles, 'detalle').map((detalle, index): RideLinea => {
    const path = `detalles/detalle[${index + 1}]`;
    const descuento = optional(detalle, 'descuento');
    return {
      codigoPrincipal: optional(detalle, tipo === 'factura' ? 'codigoPrincipal' : 'codigoInterno'),
      codigoAuxiliar: optional(detalle, tipo === 'factura' ? 'codigoAuxiliar' : 'codigoAdicional'),
      descripcion: required(detalle, 'descripcion', path),
      cantidad: micros(required(detalle, 'cantidad', path), `${path}/cantidad`),
      precioUnitario: micros(required(detalle, 'precioUnitario', path), `${path}/precioUnitario`),
      descuento: descuento === null ? 0 : cents(descuento, `${path}/descuento`),
      precioTotalSinImpuesto: cents(
        required(detalle, 'precioTotalSinImpuesto', path),
        `${path}/precioTotalSinImpuesto`,
      ),
      detallesAdicionales: parseCampos(child(detalle, 'detallesAdicionales'), 'detAdicional'),
    };
  });
  if (lineas.length === 0) fail('ride_campo_faltante', 'El comprobante no tiene detalles.');
  return lineas;
};

/** The rate of an IVA code: the catalogue, else the `tarifa` the document itself states. */
const ivaDe = (
  codigoPorcentaje: string,
  tarifaTexto: string | null,
): { tarifa: number; etiqueta: string } => {
  const known = IVA_POR_CODIGO[codigoPorcentaje];
  if (known !== undefined) return known;
  const tarifa = tarifaTexto === null ? null : parseScaled(tarifaTexto, 2);
  if (tarifa === null) {
    return fail('ride_impuesto', `El código de IVA «${codigoPorcentaje}» no es conocido.`);
  }
  return { tarifa, etiqueta: `${tarifaTexto} %` };
};

const parseTotales = (
  info: Element,
  comprobante: Element,
  tipo: RideTipo,
  lineas: RideLinea[],
  path: string,
): RideTotales => {
  const totalConImpuestos = requiredChild(info, 'totalConImpuestos', path);
  const subtotalesIva: RideSubtotalIva[] = [];
  let ice = 0;
  let irbpnr = 0;
  // Line taxes state `tarifa` even when the header does not (notaCredito has no header tarifa).
  const tarifasDeLinea = new Map<string, string>();
  for (const impuesto of findAll(comprobante, 'impuesto')) {
    const codigoPorcentaje = optional(impuesto, 'codigoPorcentaje');
    const tarifa = optional(impuesto, 'tarifa');
    if (
      optional(impuesto, 'codigo') === CODIGO_IVA &&
      codigoPorcentaje !== null &&
      tarifa !== null
    ) {
      tarifasDeLinea.set(codigoPorcentaje, tarifa);
    }
  }
  const impuestos = childElements(totalConImpuestos, 'totalImpuesto');
  if (impuestos.length === 0)
    fail('ride_campo_faltante', `Falta «${path}/totalConImpuestos/totalImpuesto».`);
  impuestos.forEach((impuesto, index) => {
    const ipath = `${path}/totalConImpuestos/totalImpuesto[${index + 1}]`;
    const codigo = required(impuesto, 'codigo', ipath);
    const codigoPorcentaje = required(impuesto, 'codigoPorcentaje', ipath);
    const valor = cents(required(impuesto, 'valor', ipath), `${ipath}/valor`);
    const base = cents(required(impuesto, 'baseImponible', ipath), `${ipath}/baseImponible`);
    if (codigo === CODIGO_IVA) {
      const tarifaTexto =
        optional(impuesto, 'tarifa') ?? tarifasDeLinea.get(codigoPorcentaje) ?? null;
      const { tarifa, etiqueta } = ivaDe(codigoPorcentaje, tarifaTexto);
      const existing = subtotalesIva.find((s) => s.codigoPorcentaje === codigoPorcentaje);
      if (existing === undefined) {
        subtotalesIva.push({ codigoPorcentaje, etiqueta, tarifa, baseImponible: base, valor });
      } else {
        existing.baseImponible += base;
        existing.valor += valor;
      }
    } else if (codigo === CODIGO_ICE) {
      ice += valor;
    } else if (codigo === CODIGO_IRBPNR) {
      irbpnr += valor;
    } else {
      fail('ride_impuesto', `El código de impuesto «${codigo}» no es conocido.`);
    }
  });
  // Highest rate first, as RIDEs customarily list «SUBTOTAL 15 %» before «SUBTOTAL 0 %».
  subtotalesIva.sort(
    (a, b) => b.tarifa - a.tarifa || a.codigoPorcentaje.localeCompare(b.codigoPorcentaje),
  );
  const iva = subtotalesIva.reduce((sum, s) => sum + s.valor, 0);
  const subtotalSinImpuestos = cents(
    required(info, 'totalSinImpuestos', path),
    'totalSinImpuestos',
  );
  if (tipo === 'factura') {
    const propina = optional(info, 'propina');
    return {
      subtotalesIva,
      subtotalSinImpuestos,
      totalDescuento: cents(required(info, 'totalDescuento', path), 'totalDescuento'),
      ice,
      irbpnr,
      iva,
      propina: propina === null ? 0 : cents(propina, 'propina'),
      total: cents(required(info, 'importeTotal', path), 'importeTotal'),
    };
  }
  return {
    subtotalesIva,
    subtotalSinImpuestos,
    // infoNotaCredito has no totalDescuento: the discounts are the lines'.
    totalDescuento: lineas.reduce((sum, l) => sum + l.descuento, 0),
    ice,
    irbpnr,
    iva,
    propina: 0,
    total: cents(required(info, 'valorModificacion', path), 'valorModificacion'),
  };
};

const parsePagos = (info: Element, path: string): RidePago[] => {
  const pagos = child(info, 'pagos');
  if (pagos === null) return [];
  return childElements(pagos, 'pago').map((pago, index) => {
    const ppath = `${path}/pagos/pago[${index + 1}]`;
    const formaPago = required(pago, 'formaPago', ppath);
    return {
      formaPago,
      nombre: FORMAS_PAGO[formaPago] ?? `FORMA DE PAGO ${formaPago}`,
      total: cents(required(pago, 'total', ppath), `${ppath}/total`),
      plazo: optional(pago, 'plazo'),
      unidadTiempo: optional(pago, 'unidadTiempo'),
    };
  });
};

const buildRide = (xml: string, externa: RideAutorizacion): Ride => {
  const { comprobante, autorizacion } = unwrap(parseXml(xml));
  const tipo: RideTipo = nameOf(comprobante) === 'factura' ? 'factura' : 'notaCredito';
  const infoTributaria = requiredChild(comprobante, 'infoTributaria', nameOf(comprobante));
  const codDoc = required(infoTributaria, 'codDoc', 'infoTributaria');
  const codDocEsperado = tipo === 'factura' ? '01' : '04';
  if (codDoc !== codDocEsperado) {
    fail('ride_tipo', `El «codDoc» ${codDoc} no corresponde a «${nameOf(comprobante)}».`);
  }
  const infoName = tipo === 'factura' ? 'infoFactura' : 'infoNotaCredito';
  const info = requiredChild(comprobante, infoName, nameOf(comprobante));
  const claveAcceso = required(infoTributaria, 'claveAcceso', 'infoTributaria');
  if (!/^\d{49}$/.test(claveAcceso)) {
    fail('ride_clave', `La clave de acceso «${claveAcceso}» no tiene 49 dígitos.`, 'claveAcceso');
  }
  const ambienteCodigo = required(infoTributaria, 'ambiente', 'infoTributaria');
  const ambiente: RideAmbiente | null =
    ambienteCodigo === '1' ? 'PRUEBAS' : ambienteCodigo === '2' ? 'PRODUCCIÓN' : null;
  if (ambiente === null) fail('ride_campo', `El ambiente «${ambienteCodigo}» no es 1 ni 2.`);
  const tipoEmision = required(infoTributaria, 'tipoEmision', 'infoTributaria');
  // Offline scheme: tipoEmision 1 only (docs/sri.md §8, contingency retired).
  if (tipoEmision !== '1')
    fail('ride_campo', `El tipo de emisión «${tipoEmision}» no es 1 (normal).`);
  const estab = required(infoTributaria, 'estab', 'infoTributaria');
  const ptoEmi = required(infoTributaria, 'ptoEmi', 'infoTributaria');
  const secuencial = required(infoTributaria, 'secuencial', 'infoTributaria');
  const lineas = parseLineas(comprobante, tipo);
  const numeroAutorizacion =
    externa.numeroAutorizacion ?? autorizacion.numeroAutorizacion ?? claveAcceso;
  const fechaIso = externa.fechaAutorizacion ?? autorizacion.fechaAutorizacion;
  const fechaAutorizacion = fechaIso === undefined ? null : formatFechaAutorizacion(fechaIso);
  if (fechaIso !== undefined && fechaAutorizacion === null) {
    fail('ride_campo', `La fecha de autorización «${fechaIso}» no es válida.`);
  }
  let notaCredito: RideNotaCredito | null = null;
  if (tipo === 'notaCredito') {
    const codDocModificado = required(info, 'codDocModificado', infoName);
    notaCredito = {
      codDocModificado,
      docModificadoNombre: TIPOS_COMPROBANTE[codDocModificado] ?? `COMPROBANTE ${codDocModificado}`,
      numDocModificado: required(info, 'numDocModificado', infoName),
      fechaEmisionDocSustento: required(info, 'fechaEmisionDocSustento', infoName),
      motivo: required(info, 'motivo', infoName),
    };
  }
  return {
    tipo,
    titulo: tipo === 'factura' ? 'FACTURA' : 'NOTA DE CRÉDITO',
    numero: `${estab}-${ptoEmi}-${secuencial}`,
    claveAcceso,
    numeroAutorizacion,
    fechaAutorizacion,
    ambiente: ambiente as RideAmbiente,
    emision: 'NORMAL',
    fechaEmision: required(info, 'fechaEmision', infoName),
    guiaRemision: tipo === 'factura' ? optional(info, 'guiaRemision') : null,
    emisor: parseEmisor(infoTributaria, info),
    comprador: parseComprador(info, infoName),
    lineas,
    totales: parseTotales(info, comprobante, tipo, lineas, infoName),
    pagos: tipo === 'factura' ? parsePagos(info, infoName) : [],
    infoAdicional: parseCampos(child(comprobante, 'infoAdicional'), 'campoAdicional'),
    notaCredito,
  };
};

/**
 * Reads a factura or nota de crédito (signed or not, or inside an autorización response) into
 * the RIDE model. `autorizacion` overrides what the XML says (e.g. fields stored in the database).
 * @example parseRide(readFileSync('factura.xml', 'utf8')) // ok({ titulo: 'FACTURA', numero: '001-001-000000005', … })
 */
export const parseRide = (xml: string, autorizacion: RideAutorizacion = {}): Result<Ride> => {
  try {
    return ok(buildRide(xml.replace(/^\uFEFF/, ''), autorizacion));
  } catch (error) {
    if (error instanceof RideInvalido) return { ok: false, error: error.appError };
    throw error;
  }
};
