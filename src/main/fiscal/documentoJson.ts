/**
 * The JSON input of `mostrador xml` and `firmar`, without zod (documentInput.ts holds the
 * schema): the hosted API's `POST /documents` body with issuer,
 * establishment and emission point resolved (see `test/fixtures/ejemplos/factura.json`). Parsed with
 * zod, turned into a `Borrador`, computed, and every total the input declares is checked
 * against ours; a mismatch names the JSON field (`taxes[0].tax_amount: se esperaba 1.90…`).
 *
 * Meaning of the API's totals (checked on the examples and the API docs, "total = subtotal −
 * discount + tax"):
 * - `subtotal` = Σ round2(quantity × unit_price), BEFORE discounts (factura.json: 7.00 + 1.50
 *   + 6.19 = 14.69, while totalSinImpuestos is 14.69 − 0.50 = 14.19);
 * - `total_discount` = Σ line discounts; `total_tax` = Σ taxes[].tax_amount;
 * - `total` = importeTotal (factura) or valorModificacion (nota de crédito);
 * - `taxes[]` = one entry per (tax_code, tax_rate_code), `taxable_base` after discounts,
 *   `rate` in percent; entries are matched by code, not by position;
 * - `lines[].subtotal`, when present, is the line's precioTotalSinImpuesto (after discount).
 * Money may be a decimal string or a JSON number (read through its shortest decimal text,
 * never through float arithmetic). A missing buyer means consumidor final. Three optional
 * fields beyond the API body: `buyer_phone`, `additional_info` [{ name, value }] and `tip`
 * (the factura's `propina`, included in `total`; a nota de crédito carries none).
 */
import { type AppError, err, ok, type Result } from '../../shared/result';
import type { Ambiente } from './claveAcceso';
import {
  type Borrador,
  type CampoAdicional,
  type Comprador,
  type Comprobante,
  calcularComprobante,
  type Emisor,
  LEYENDAS_RIMPE,
  type LeyendaRimpe,
  type LineaBorrador,
  type PagoBorrador,
  type VersionFactura,
} from './documento';
import { CONSUMIDOR_FINAL } from './identificacion';
import { formatCentavos, parseCentavos, parseMicros } from './money';
import { formatTarifa, resolverImpuesto } from './taxes';
import { fueraDeVentanaEmision } from './ventanaEmision';

/** The JSON document once read: `documentoJsonSchema`'s output (documentInput.ts checks both agree). */
export type DocumentoJson = {
  environment: '1' | '2';
  issuer: {
    ruc: string;
    razon_social: string;
    nombre_comercial?: string | null | undefined;
    direccion_matriz: string;
    obligado_contabilidad: boolean;
    contribuyente_especial?: string | null | undefined;
    agente_retencion?: string | null | undefined;
    regimen?: string | null | undefined;
  };
  establishment: { code: string; address?: string | null | undefined };
  emission_point: { code: string };
  document_type: '01' | '04';
  issue_date: string;
  sequential: string | number;
  numeric_code: string;
  buyer_id_type?: string | null | undefined;
  buyer_id?: string | null | undefined;
  buyer_name?: string | null | undefined;
  buyer_email?: string | null | undefined;
  buyer_address?: string | null | undefined;
  buyer_phone?: string | null | undefined;
  lines: {
    line_number?: number | undefined;
    main_code?: string | null | undefined;
    aux_code?: string | null | undefined;
    description: string;
    quantity: string;
    unit_price: string;
    discount: string;
    tax_code: string;
    tax_rate_code: string;
    subtotal?: string | undefined;
  }[];
  payments?:
    | {
        line_number?: number | undefined;
        payment_method_code: string;
        total: string;
        term?: number | null | undefined;
        time_unit?: string | null | undefined;
      }[]
    | null
    | undefined;
  subtotal: string;
  total_discount: string;
  total_tax: string;
  total: string;
  tip?: string | null | undefined;
  taxes: {
    tax_code: string;
    tax_rate_code: string;
    taxable_base: string;
    rate: number;
    tax_amount: string;
  }[];
  additional_info?: { name: string; value: string }[] | null | undefined;
  idempotency_key?: string | null | undefined;
  modified_document_type?: string | null | undefined;
  modified_document_number?: string | null | undefined;
  modified_document_issue_date?: string | null | undefined;
  reason?: string | null | undefined;
};

export type OpcionesDocumentoJson = {
  versionFactura?: VersionFactura;
  /** When given, `issue_date` must be inside the SRI's window at this instant (65). */
  ahora?: Date;
};

class Rechazo extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

// Internal short-circuit: conversion is a straight line of checks; the public function
// turns the first failure back into a Result.
const exigir = <T>(resultado: Result<T>): T => {
  if (!resultado.ok) throw new Rechazo(resultado.error);
  return resultado.value;
};

const centavos = (texto: string, campo: string): number => exigir(parseCentavos(texto, campo));

const sinNulo = (valor: string | null | undefined): string | undefined =>
  valor === null || valor === undefined || valor.trim() === '' ? undefined : valor;

const leyendaRimpe = (regimen: string | null | undefined): LeyendaRimpe | undefined => {
  const texto = sinNulo(regimen);
  if (texto === undefined) return undefined;
  if ((LEYENDAS_RIMPE as readonly string[]).includes(texto)) return texto as LeyendaRimpe;
  const normal = texto.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
  if (normal.includes('POPULAR')) return 'CONTRIBUYENTE NEGOCIO POPULAR - RÉGIMEN RIMPE';
  if (normal.includes('RIMPE') || normal.includes('EMPRENDEDOR')) {
    return 'CONTRIBUYENTE RÉGIMEN RIMPE';
  }
  if (normal === 'GENERAL') return undefined;
  throw new Rechazo({
    code: 'emisor_invalido',
    message: `issuer.regimen: «${texto}» no es un régimen conocido (GENERAL, RIMPE emprendedor o RIMPE negocio popular).`,
    field: 'issuer.regimen',
  });
};

const construirBorrador = (doc: DocumentoJson, opciones: OpcionesDocumentoJson): Borrador => {
  const emisor = {
    ruc: doc.issuer.ruc,
    razonSocial: doc.issuer.razon_social,
    nombreComercial: sinNulo(doc.issuer.nombre_comercial),
    dirMatriz: doc.issuer.direccion_matriz,
    obligadoContabilidad: doc.issuer.obligado_contabilidad,
    contribuyenteEspecial: sinNulo(doc.issuer.contribuyente_especial),
    agenteRetencion: sinNulo(doc.issuer.agente_retencion),
    contribuyenteRimpe: leyendaRimpe(doc.issuer.regimen),
  };
  const tipoComprador = sinNulo(doc.buyer_id_type) ?? CONSUMIDOR_FINAL.tipoIdentificacion;
  const esConsumidorFinal = tipoComprador === CONSUMIDOR_FINAL.tipoIdentificacion;
  const comprador = {
    tipoIdentificacion: tipoComprador,
    identificacion:
      sinNulo(doc.buyer_id) ?? (esConsumidorFinal ? CONSUMIDOR_FINAL.identificacion : ''),
    razonSocial: sinNulo(doc.buyer_name) ?? (esConsumidorFinal ? CONSUMIDOR_FINAL.razonSocial : ''),
    direccion: sinNulo(doc.buyer_address),
    email: sinNulo(doc.buyer_email),
    telefono: sinNulo(doc.buyer_phone),
  };
  if (comprador.identificacion === '') {
    throw new Rechazo({
      code: 'comprador_invalido',
      message: 'buyer_id: falta la identificación del comprador.',
      field: 'buyer_id',
    });
  }
  if (comprador.razonSocial === '') {
    throw new Rechazo({
      code: 'comprador_invalido',
      message: 'buyer_name: falta el nombre del comprador.',
      field: 'buyer_name',
    });
  }
  const lineas: LineaBorrador[] = doc.lines.map((l, i) => {
    const campo = `lines[${i}]`;
    const impuesto = exigir(
      resolverImpuesto(l.tax_code, l.tax_rate_code, `${campo}.tax_rate_code`),
    );
    return limpiar<LineaBorrador>({
      codigoPrincipal: sinNulo(l.main_code),
      codigoAuxiliar: sinNulo(l.aux_code),
      descripcion: l.description,
      cantidad: exigir(parseMicros(l.quantity, `${campo}.quantity`)),
      precioUnitario: exigir(parseMicros(l.unit_price, `${campo}.unit_price`)),
      descuento: centavos(l.discount, `${campo}.discount`),
      impuesto: { codigo: impuesto.codigo, codigoPorcentaje: impuesto.codigoPorcentaje },
    });
  });
  const infoAdicional: CampoAdicional[] = (doc.additional_info ?? []).map((c) => ({
    nombre: c.name,
    valor: c.value,
  }));
  const comun = {
    ambiente: doc.environment as Ambiente,
    emisor: limpiar<Emisor>(emisor),
    establecimiento: limpiar<{ codigo: string; direccion?: string }>({
      codigo: doc.establishment.code,
      direccion: sinNulo(doc.establishment.address),
    }),
    puntoEmision: doc.emission_point.code,
    secuencial: doc.sequential,
    codigoNumerico: doc.numeric_code,
    fechaEmision: doc.issue_date,
    comprador: limpiar<Comprador>(comprador),
    lineas,
    infoAdicional,
  };
  if (doc.document_type === '01') {
    const pagos: PagoBorrador[] = (doc.payments ?? []).map((p, i) =>
      limpiar<PagoBorrador>({
        formaPago: p.payment_method_code,
        total: centavos(p.total, `payments[${i}].total`),
        plazo: p.term ?? undefined,
        unidadTiempo: sinNulo(p.time_unit),
      }),
    );
    const propina = doc.tip === undefined || doc.tip === null ? 0 : centavos(doc.tip, 'tip');
    return {
      ...comun,
      tipo: 'factura',
      pagos,
      ...(propina > 0 ? { propina } : {}),
      ...(opciones.versionFactura === undefined ? {} : { version: opciones.versionFactura }),
    };
  }
  if (doc.tip !== undefined && doc.tip !== null && centavos(doc.tip, 'tip') !== 0) {
    throw new Rechazo({
      code: 'nota_credito_con_propina',
      message: 'tip: una nota de crédito no lleva propina.',
      field: 'tip',
    });
  }
  const faltante = (
    [
      ['modified_document_type', doc.modified_document_type],
      ['modified_document_number', doc.modified_document_number],
      ['modified_document_issue_date', doc.modified_document_issue_date],
      ['reason', doc.reason],
    ] as const
  ).find(([, valor]) => sinNulo(valor) === undefined);
  if (faltante !== undefined) {
    throw new Rechazo({
      code: 'nota_credito_incompleta',
      message: `${faltante[0]}: la nota de crédito necesita el documento modificado y el motivo.`,
      field: faltante[0],
    });
  }
  if (doc.modified_document_type !== '01') {
    throw new Rechazo({
      code: 'nota_credito_incompleta',
      message: `modified_document_type: «${doc.modified_document_type}» no admitido; una nota de crédito modifica una factura (01).`,
      field: 'modified_document_type',
    });
  }
  return {
    ...comun,
    tipo: 'notaCredito',
    docModificado: {
      codDoc: '01',
      numero: doc.modified_document_number as string,
      fechaEmision: doc.modified_document_issue_date as string,
    },
    motivo: doc.reason as string,
  };
};

/** Drops undefined members (exactOptionalPropertyTypes). */
const limpiar = <T extends object>(objeto: { [K in keyof T]?: T[K] | undefined }): T =>
  Object.fromEntries(Object.entries(objeto).filter(([, v]) => v !== undefined)) as T;

const compararImporte = (campo: string, declarado: string, calculado: number): void => {
  const valor = centavos(declarado, campo);
  if (valor !== calculado) {
    throw new Rechazo({
      code: 'totales_no_cuadran',
      message: `${campo}: se esperaba ${formatCentavos(calculado)}, se recibió ${formatCentavos(valor)}.`,
      field: campo,
    });
  }
};

const verificarDeclarados = (doc: DocumentoJson, c: Comprobante): void => {
  doc.lines.forEach((l, i) => {
    if (l.subtotal !== undefined) {
      compararImporte(
        `lines[${i}].subtotal`,
        l.subtotal,
        c.lineas[i]?.precioTotalSinImpuesto ?? -1,
      );
    }
  });
  compararImporte('subtotal', doc.subtotal, c.totales.subtotal);
  compararImporte('total_discount', doc.total_discount, c.totales.totalDescuento);
  const usados = new Set<number>();
  doc.taxes.forEach((t, i) => {
    const j = c.totales.impuestos.findIndex(
      (g, k) => !usados.has(k) && g.codigo === t.tax_code && g.codigoPorcentaje === t.tax_rate_code,
    );
    const grupo = c.totales.impuestos[j];
    if (grupo === undefined) {
      throw new Rechazo({
        code: 'totales_no_cuadran',
        message: `taxes[${i}]: el impuesto ${t.tax_code}/${t.tax_rate_code} no corresponde a ninguna línea (o está repetido).`,
        field: `taxes[${i}]`,
      });
    }
    usados.add(j);
    compararImporte(`taxes[${i}].taxable_base`, t.taxable_base, grupo.baseImponible);
    const tarifa = exigir(parseCentavos(String(t.rate), `taxes[${i}].rate`));
    if (tarifa !== grupo.tarifa) {
      throw new Rechazo({
        code: 'totales_no_cuadran',
        message: `taxes[${i}].rate: se esperaba ${formatTarifa(grupo.tarifa)}, se recibió ${String(t.rate)}.`,
        field: `taxes[${i}].rate`,
      });
    }
    compararImporte(`taxes[${i}].tax_amount`, t.tax_amount, grupo.valor);
  });
  const faltante = c.totales.impuestos.find((_, k) => !usados.has(k));
  if (faltante !== undefined) {
    throw new Rechazo({
      code: 'totales_no_cuadran',
      message: `taxes: falta el impuesto ${faltante.codigo}/${faltante.codigoPorcentaje} con base ${formatCentavos(faltante.baseImponible)}.`,
      field: 'taxes',
    });
  }
  compararImporte('total_tax', doc.total_tax, c.totales.totalImpuestos);
  compararImporte('total', doc.total, c.totales.importeTotal);
};

/** Not the fast path's to judge: the zod schema (documentInput.ts) reads it and names the problem. */
class NoRapido extends Error {}
const noRapido = (): never => {
  throw new NoRapido();
};

type Objeto = Record<string, unknown>;
const objeto = (v: unknown): Objeto =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Objeto) : noRapido();
const texto = (v: unknown): string => (typeof v === 'string' ? v : noRapido());
const textoNulo = (v: unknown): string | null | undefined =>
  v === null || v === undefined ? v : texto(v);
const decimal = (v: unknown): string =>
  typeof v === 'string'
    ? v.trim()
    : typeof v === 'number' && Number.isFinite(v)
      ? String(v).trim()
      : noRapido();
const entero = (v: unknown): number =>
  typeof v === 'number' && Number.isSafeInteger(v) ? v : noRapido();
const numero = (v: unknown): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : noRapido();
const conForma = (v: unknown, forma: RegExp): string =>
  forma.test(texto(v)) ? (v as string) : noRapido();
const FECHA = /^\d{4}-\d{2}-\d{2}$/;
const lista = <T>(v: unknown, leer: (item: unknown) => T, minimo = 0): T[] =>
  Array.isArray(v) && v.length >= minimo ? v.map(leer) : noRapido();
const listaNula = <T>(v: unknown, leer: (item: unknown) => T): T[] | null | undefined =>
  v === null || v === undefined ? v : lista(v, leer);
/** Drops members left undefined, as the schema's output does for absent optional fields. */
const sinIndefinidos = <T extends Objeto>(o: T): T => {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
};

const leerLinea = (v: unknown): DocumentoJson['lines'][number] => {
  const l = objeto(v);
  return sinIndefinidos({
    line_number: l.line_number === undefined ? undefined : entero(l.line_number),
    main_code: textoNulo(l.main_code),
    aux_code: textoNulo(l.aux_code),
    description: texto(l.description),
    quantity: decimal(l.quantity),
    unit_price: decimal(l.unit_price),
    discount: l.discount === undefined ? '0.00' : decimal(l.discount),
    tax_code: l.tax_code === undefined ? '2' : texto(l.tax_code),
    tax_rate_code: texto(l.tax_rate_code),
    subtotal: l.subtotal === undefined ? undefined : decimal(l.subtotal),
  });
};

const leerPago = (v: unknown): NonNullable<DocumentoJson['payments']>[number] => {
  const p = objeto(v);
  const term = p.term === null || p.term === undefined ? p.term : entero(p.term);
  return sinIndefinidos({
    line_number: p.line_number === undefined ? undefined : entero(p.line_number),
    payment_method_code: texto(p.payment_method_code),
    total: decimal(p.total),
    term: typeof term === 'number' && term < 0 ? noRapido() : term,
    time_unit: textoNulo(p.time_unit),
  });
};

const leerImpuesto = (v: unknown): DocumentoJson['taxes'][number] => {
  const t = objeto(v);
  return {
    tax_code: texto(t.tax_code),
    tax_rate_code: texto(t.tax_rate_code),
    taxable_base: decimal(t.taxable_base),
    rate: numero(t.rate),
    tax_amount: decimal(t.tax_amount),
  };
};

const leerCampo = (v: unknown): { name: string; value: string } => {
  const c = objeto(v);
  return { name: texto(c.name), value: texto(c.value) };
};

/**
 * The document a well-formed JSON body describes, read by hand in a fraction of the schema's
 * time (the cost that matters to `firmar` of many files); `null` for anything it is not sure
 * of, which then goes through `documentoJsonSchema` for the exact Spanish message. Same output
 * as the schema on everything it accepts (a fuzz test in documentInput.test.ts checks it).
 * @example leerDocumentoJsonRapido(JSON.parse(texto))?.lines.length // 3
 */
export const leerDocumentoJsonRapido = (json: unknown): DocumentoJson | null => {
  try {
    const d = objeto(json);
    const issuer = objeto(d.issuer);
    const establishment = objeto(d.establishment);
    const emission = objeto(d.emission_point);
    const environment: '1' | '2' =
      d.environment === '1' || d.environment === '2' ? d.environment : noRapido();
    const documentType: '01' | '04' =
      d.document_type === '01' || d.document_type === '04' ? d.document_type : noRapido();
    return sinIndefinidos({
      environment,
      issuer: sinIndefinidos({
        ruc: texto(issuer.ruc),
        razon_social: texto(issuer.razon_social),
        nombre_comercial: textoNulo(issuer.nombre_comercial),
        direccion_matriz: texto(issuer.direccion_matriz),
        obligado_contabilidad:
          typeof issuer.obligado_contabilidad === 'boolean'
            ? issuer.obligado_contabilidad
            : noRapido(),
        contribuyente_especial: textoNulo(issuer.contribuyente_especial),
        agente_retencion: textoNulo(issuer.agente_retencion),
        regimen: textoNulo(issuer.regimen),
      }),
      establishment: sinIndefinidos({
        code: texto(establishment.code),
        address: textoNulo(establishment.address),
      }),
      emission_point: { code: texto(emission.code) },
      document_type: documentType,
      issue_date: conForma(d.issue_date, FECHA),
      sequential:
        typeof d.sequential === 'number'
          ? entero(d.sequential)
          : conForma(d.sequential, /^\d{1,9}$/),
      numeric_code: conForma(d.numeric_code, /^\d{8}$/),
      buyer_id_type: textoNulo(d.buyer_id_type),
      buyer_id: textoNulo(d.buyer_id),
      buyer_name: textoNulo(d.buyer_name),
      buyer_email: textoNulo(d.buyer_email),
      buyer_address: textoNulo(d.buyer_address),
      buyer_phone: textoNulo(d.buyer_phone),
      lines: lista(d.lines, leerLinea, 1),
      payments: listaNula(d.payments, leerPago),
      subtotal: decimal(d.subtotal),
      total_discount: d.total_discount === undefined ? '0.00' : decimal(d.total_discount),
      total_tax: decimal(d.total_tax),
      total: decimal(d.total),
      tip: d.tip === null || d.tip === undefined ? d.tip : decimal(d.tip),
      taxes: lista(d.taxes, leerImpuesto, 1),
      additional_info: listaNula(d.additional_info, leerCampo),
      idempotency_key: textoNulo(d.idempotency_key),
      modified_document_type: textoNulo(d.modified_document_type),
      modified_document_number: textoNulo(d.modified_document_number),
      modified_document_issue_date:
        d.modified_document_issue_date === null || d.modified_document_issue_date === undefined
          ? d.modified_document_issue_date
          : conForma(d.modified_document_issue_date, FECHA),
      reason: textoNulo(d.reason),
    });
  } catch (error) {
    if (error instanceof NoRapido) return null;
    throw error;
  }
};

/**
 * The comprobante of a document already read (by `leerDocumentoJsonRapido` or the schema):
 * computed, with every total it declares checked against ours.
 * @example comprobanteDesdeDocumento(leido, { ahora: new Date() }) // ok({ tipo: 'factura', … })
 */
export const comprobanteDesdeDocumento = (
  doc: DocumentoJson,
  opciones: OpcionesDocumentoJson = {},
): Result<Comprobante> => {
  if (opciones.ahora !== undefined) {
    const fuera = fueraDeVentanaEmision(doc.issue_date, opciones.ahora);
    if (fuera !== null) return err('fecha_fuera_de_ventana', `issue_date: ${fuera}`, 'issue_date');
  }
  try {
    const borrador = construirBorrador(doc, opciones);
    const comprobante = exigir(calcularComprobante(borrador));
    verificarDeclarados(doc, comprobante);
    return ok(comprobante);
  } catch (error) {
    if (error instanceof Rechazo) return { ok: false, error: error.error };
    throw error;
  }
};
