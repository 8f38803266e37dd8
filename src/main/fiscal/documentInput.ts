/**
 * The zod schema of the JSON document (`POST /documents` body, see documentoJson.ts for what
 * its totals mean): the exact Spanish message for a document the fast reader does not accept.
 */
import * as z from 'zod';
// The Spanish locale alone: `z.locales.es` would bundle all of zod's languages into every start.
import es from 'zod/v4/locales/es.js';
import { err, type Result } from '../../shared/result';
import type { Comprobante } from './documento';
import {
  comprobanteDesdeDocumento,
  type DocumentoJson,
  leerDocumentoJsonRapido,
  type OpcionesDocumentoJson,
} from './documentoJson';

export {
  comprobanteDesdeDocumento,
  type DocumentoJson,
  leerDocumentoJsonRapido,
  type OpcionesDocumentoJson,
} from './documentoJson';

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

/** zod's Spanish messages, per parse, so other modules' schemas keep their own locale. */
const erroresEnEspanol = es().localeError;

const rutaDe = (path: readonly PropertyKey[]): string =>
  path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');

/** The schema's output is a `DocumentoJson` (a compile-time check that the two agree). */
const comoDocumento = (leido: z.infer<typeof documentoJsonSchema>): DocumentoJson => leido;

/**
 * Parses a `POST /documents`-style JSON document, computes it and checks its declared totals.
 * @example comprobanteDesdeJson(JSON.parse(readFileSync('factura.json', 'utf8'))) // ok({ tipo: 'factura', totales: { importeTotal: 1609, … }, … })
 */
export const comprobanteDesdeJson = (
  json: unknown,
  opciones: OpcionesDocumentoJson = {},
): Result<Comprobante> => {
  const rapido = leerDocumentoJsonRapido(json);
  if (rapido !== null) return comprobanteDesdeDocumento(rapido, opciones);
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
  return comprobanteDesdeDocumento(comoDocumento(parsed.data), opciones);
};
