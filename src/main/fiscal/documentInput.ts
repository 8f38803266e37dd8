/**
 * The JSON input of `mostrador xml`: the hosted API's `POST /documents` body with issuer,
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
import * as z from 'zod';
// The Spanish locale alone: `z.locales.es` would bundle all of zod's languages into every start.
import es from 'zod/v4/locales/es.js';
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

const decimal = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
const textoNulo = z.string().nullish();
const fecha = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'debe tener la forma AAAA-MM-DD');

const lineaSchema = z.object({
  line_number: z.number().int().optional(),
  main_code: textoNulo,
  aux_code: textoNulo,
  description: z.string(),
  quantity: decimal,
  unit_price: decimal,
  discount: decimal.default('0.00'),
  tax_code: z.string().default('2'),
  tax_rate_code: z.string(),
  subtotal: decimal.optional(),
});

const pagoSchema = z.object({
  line_number: z.number().int().optional(),
  payment_method_code: z.string(),
  total: decimal,
  term: z.number().int().nonnegative().nullish(),
  time_unit: textoNulo,
});

const impuestoSchema = z.object({
  tax_code: z.string(),
  tax_rate_code: z.string(),
  taxable_base: decimal,
  rate: z.number(),
  tax_amount: decimal,
});

/** zod schema of the JSON document (unknown members such as `issuer_id` are ignored). */
export const documentoJsonSchema = z.object({
  environment: z.enum(['1', '2']),
  issuer: z.object({
    ruc: z.string(),
    razon_social: z.string(),
    nombre_comercial: textoNulo,
    direccion_matriz: z.string(),
    obligado_contabilidad: z.boolean(),
    contribuyente_especial: textoNulo,
    agente_retencion: textoNulo,
    regimen: textoNulo,
  }),
  establishment: z.object({ code: z.string(), address: textoNulo }),
  emission_point: z.object({ code: z.string() }),
  document_type: z.enum(['01', '04']),
  issue_date: fecha,
  sequential: z.union([
    z.string().regex(/^\d{1,9}$/, 'debe tener de 1 a 9 dígitos'),
    z.number().int(),
  ]),
  numeric_code: z.string().regex(/^\d{8}$/, 'debe tener 8 dígitos'),
  buyer_id_type: textoNulo,
  buyer_id: textoNulo,
  buyer_name: textoNulo,
  buyer_email: textoNulo,
  buyer_address: textoNulo,
  buyer_phone: textoNulo,
  lines: z.array(lineaSchema).min(1),
  payments: z.array(pagoSchema).nullish(),
  subtotal: decimal,
  total_discount: decimal.default('0.00'),
  total_tax: decimal,
  total: decimal,
  tip: decimal.nullish(),
  taxes: z.array(impuestoSchema).min(1),
  additional_info: z.array(z.object({ name: z.string(), value: z.string() })).nullish(),
  idempotency_key: textoNulo,
  modified_document_type: textoNulo,
  modified_document_number: textoNulo,
  modified_document_issue_date: fecha.nullish(),
  reason: textoNulo,
});

export type DocumentoJson = z.infer<typeof documentoJsonSchema>;

/** zod's Spanish messages, per parse, so other modules' schemas keep their own locale. */
const erroresEnEspanol = es().localeError;

export type OpcionesDocumentoJson = {
  versionFactura?: VersionFactura;
  /** When given, `issue_date` must be inside the SRI's window at this instant (65). */
  ahora?: Date;
};

const rutaDe = (path: readonly PropertyKey[]): string =>
  path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');

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

/**
 * Parses a `POST /documents`-style JSON document, computes it and checks its declared totals.
 * @example comprobanteDesdeJson(JSON.parse(readFileSync('factura.json', 'utf8'))) // ok({ tipo: 'factura', totales: { importeTotal: 1609, … }, … })
 */
export const comprobanteDesdeJson = (
  json: unknown,
  opciones: OpcionesDocumentoJson = {},
): Result<Comprobante> => {
  const parsed = documentoJsonSchema.safeParse(json, { error: erroresEnEspanol });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const ruta = issue === undefined ? '' : rutaDe(issue.path);
    return err(
      'json_invalido',
      `${ruta === '' ? 'documento' : ruta}: ${issue?.message ?? 'no es válido'}.`,
      ruta,
    );
  }
  if (opciones.ahora !== undefined) {
    const fuera = fueraDeVentanaEmision(parsed.data.issue_date, opciones.ahora);
    if (fuera !== null) return err('fecha_fuera_de_ventana', `issue_date: ${fuera}`, 'issue_date');
  }
  try {
    const borrador = construirBorrador(parsed.data, opciones);
    const comprobante = exigir(calcularComprobante(borrador));
    verificarDeclarados(parsed.data, comprobante);
    return ok(comprobante);
  } catch (error) {
    if (error instanceof Rechazo) return { ok: false, error: error.error };
    throw error;
  }
};
