/**
 * The hosted Factio API as zod schemas: what we send and what we accept back. Built from the
 * seed contract (`test/fixtures/factio/post-documents.txt`: POST /documents body, response and status enum)
 * plus the assumptions written down in `docs/hosted-api.md` (list envelope, catalogue and
 * buyer shapes, the POS extension of POST /documents and PATCH /documents/{id}/status).
 * Everything that comes back from the network goes through one of these before it is used.
 */
import * as z from 'zod';
import { IVA_CODIGOS_PORCENTAJE, TIPOS_IDENTIFICACION, UNIDADES } from '../db/schema';
import { ESTADOS } from '../fiscal';

/** The status enum of the seed contract; ours uses the same names (docs/architecture.md §4). */
export const estadoFactioSchema = z.enum(ESTADOS);
export type EstadoFactio = z.infer<typeof estadoFactioSchema>;

/** A decimal amount as pydantic's `Decimal` serialises it: a string, or a JSON number. */
export const decimalSchema = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .pipe(z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'decimal no válido'));

const isoDateTime = z.iso.datetime({ offset: true });
const uuid = z.string().min(1).max(64);

/**
 * The list envelope (assumption: FastAPI-style page/page_size with a total). Items are left
 * `unknown` here and parsed one by one, so one bad record is skipped, not the whole page.
 */
export const paginaSchema = z.object({
  items: z.array(z.unknown()),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  page_size: z.number().int().positive(),
});
export type PaginaFactio = z.infer<typeof paginaSchema>;

/** Words the hosted side may use for the identification type, mapped to SRI tabla 6 codes. */
const TIPO_POR_NOMBRE: Record<string, (typeof TIPOS_IDENTIFICACION)[number]> = {
  RUC: '04',
  CEDULA: '05',
  CÉDULA: '05',
  PASAPORTE: '06',
  PASSPORT: '06',
  CONSUMIDOR_FINAL: '07',
  FINAL_CONSUMER: '07',
  EXTERIOR: '08',
  FOREIGN: '08',
};

export const tipoIdentificacionFactioSchema = z
  .string()
  .transform((v) => TIPO_POR_NOMBRE[v.trim().toUpperCase()] ?? v.trim())
  .pipe(z.enum(TIPOS_IDENTIFICACION));

const texto = (max: number) => z.string().trim().min(1).max(max);
const opcional = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => (v === undefined || v === null || v.trim() === '' ? null : v.trim()));

export const issuerFactioSchema = z.object({
  id: uuid,
  ruc: z.string().regex(/^\d{13}$/),
  legal_name: texto(300),
  trade_name: opcional(300),
  main_address: texto(300),
  accounting_required: z.boolean(),
  special_taxpayer: opcional(13),
  retention_agent: opcional(8),
  rimpe_regime: z.enum(['RIMPE_EMPRENDEDOR', 'RIMPE_NEGOCIO_POPULAR']).nullish(),
  /** SRI ambiente: 1 pruebas, 2 producción. */
  environment: z.enum(['1', '2']),
  updated_at: isoDateTime,
});
export type IssuerFactio = z.infer<typeof issuerFactioSchema>;

export const establishmentFactioSchema = z.object({
  id: uuid,
  issuer_id: uuid,
  code: z.string().regex(/^\d{3}$/),
  address: texto(300),
  trade_name: opcional(300),
  is_active: z.boolean().default(true),
  updated_at: isoDateTime,
});
export type EstablishmentFactio = z.infer<typeof establishmentFactioSchema>;

export const emissionPointFactioSchema = z.object({
  id: uuid,
  establishment_id: uuid,
  code: z.string().regex(/^\d{3}$/),
  description: opcional(300),
  is_active: z.boolean().default(true),
  updated_at: isoDateTime,
});
export type EmissionPointFactio = z.infer<typeof emissionPointFactioSchema>;

export const productFactioSchema = z.object({
  id: uuid,
  main_code: texto(25),
  aux_code: opcional(25),
  description: texto(300),
  unit_price: decimalSchema,
  /** IVA `codigoPorcentaje` (SRI tabla 17). */
  tax_rate_code: z.enum(IVA_CODIGOS_PORCENTAJE),
  unit: z.enum(UNIDADES).default('unidad'),
  is_weighed: z.boolean().default(false),
  /** Largest discount a cashier may give without a supervisor, in percent (0–100). */
  max_discount_percent: z.number().min(0).max(100).default(0),
  barcodes: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
  is_active: z.boolean().default(true),
  updated_at: isoDateTime,
});
export type ProductFactio = z.infer<typeof productFactioSchema>;

export const buyerFactioSchema = z.object({
  id: uuid,
  identification_type: tipoIdentificacionFactioSchema,
  identification: z.string().trim().min(3).max(20),
  name: texto(300),
  email: opcional(255),
  phone: opcional(30),
  address: opcional(500),
  is_active: z.boolean().default(true),
  updated_at: isoDateTime,
});
export type BuyerFactio = z.infer<typeof buyerFactioSchema>;

/** GET /buyers/lookup: tenant profile → SRI cache → live SRI; `id` only for tenant profiles. */
export const buyerLookupFactioSchema = z.object({
  source: z.enum(['tenant', 'sri_cache', 'sri']),
  buyer: z.object({
    id: uuid.nullish(),
    identification_type: tipoIdentificacionFactioSchema,
    identification: z.string().trim().min(3).max(20),
    name: texto(300),
    email: opcional(255),
    phone: opcional(30),
    address: opcional(500),
  }),
});
export type BuyerLookupFactio = z.infer<typeof buyerLookupFactioSchema>;

const dinero = z.string().regex(/^\d{1,12}\.\d{2}$/);
const micro = z.string().regex(/^\d{1,12}(\.\d{1,6})?$/);
const fecha = z.iso.date();

/**
 * POST /documents. The seed fields, plus the POS extension (`origin: "pos"` and the fields of a
 * document that was numbered, signed and maybe authorised here). Strict: a typo in our mapping
 * is a failing test, and the fake server rejects unknown fields the same way.
 */
export const crearDocumentoFactioSchema = z.strictObject({
  issuer_id: uuid,
  establishment_id: uuid,
  emission_point_id: uuid,
  document_type: z.enum(['01', '04', '05', '06', '07']),
  issue_date: fecha,
  subtotal: dinero,
  total_tax: dinero,
  total: dinero,
  total_discount: dinero,
  numeric_code: z.string().regex(/^\d{8}$/),
  lines: z
    .array(
      z.strictObject({
        line_number: z.number().int().positive(),
        description: z.string().min(1).max(300),
        quantity: micro,
        unit_price: micro,
        subtotal: dinero,
        discount: dinero,
        main_code: z.string().max(25).nullable(),
        aux_code: z.string().max(25).nullable(),
        tax_code: z.string().max(2),
        tax_rate_code: z.string().max(4),
      }),
    )
    .min(1),
  taxes: z
    .array(
      z.strictObject({
        tax_code: z.string().max(2),
        tax_rate_code: z.string().max(4),
        taxable_base: dinero,
        rate: z.number().min(0).max(100),
        tax_amount: dinero,
      }),
    )
    .min(1),
  buyer_id_type: z.string().max(10).nullable(),
  buyer_id: z.string().max(20).nullable(),
  buyer_name: z.string().max(300).nullable(),
  buyer_email: z.string().max(255).nullable(),
  buyer_address: z.string().max(500).nullable(),
  modified_document_id: uuid.nullable(),
  modified_document_type: z.string().max(2).nullable(),
  modified_document_number: z.string().max(20).nullable(),
  modified_document_issue_date: fecha.nullable(),
  reason: z.string().max(500).nullable(),
  idempotency_key: z.string().min(1).max(255),
  payments: z.array(
    z.strictObject({
      line_number: z.number().int().positive(),
      payment_method_code: z.string().max(2),
      total: dinero,
    }),
  ),
  // POS extension (docs/hosted-api.md §3).
  origin: z.literal('pos'),
  /** The factura's propina, inside `total` (total = subtotal − discount + tax + tip). */
  tip: dinero,
  environment: z.enum(['1', '2']),
  sequential: z.string().regex(/^\d{9}$/),
  access_key: z.string().regex(/^\d{49}$/),
  signed_xml: z.string().min(1).max(2_000_000),
  status: estadoFactioSchema,
  authorization_number: z.string().max(49).nullable(),
  authorization_date: isoDateTime.nullable(),
});
export type CrearDocumentoFactio = z.infer<typeof crearDocumentoFactioSchema>;

/** The seed's 202 answer. */
export const documentoAceptadoFactioSchema = z.object({
  document_id: uuid,
  status: estadoFactioSchema,
  access_key: z.string(),
});
export type DocumentoAceptadoFactio = z.infer<typeof documentoAceptadoFactioSchema>;

/** One document as GET /documents lists it; only what the sync needs. */
export const documentoFactioSchema = z.object({
  id: uuid,
  status: estadoFactioSchema,
  access_key: z.string().nullish(),
  idempotency_key: z.string().nullish(),
  issue_date: fecha,
});
export type DocumentoFactio = z.infer<typeof documentoFactioSchema>;

/** PATCH /documents/{id}/status (POS extension): a later SRI outcome of a POS document. */
export const actualizarEstadoFactioSchema = z.strictObject({
  status: estadoFactioSchema,
  authorization_number: z.string().max(49).nullable(),
  authorization_date: isoDateTime.nullable(),
  detail: z.string().max(1000).nullable(),
});
export type ActualizarEstadoFactio = z.infer<typeof actualizarEstadoFactioSchema>;

export const estadoActualizadoFactioSchema = z.object({
  document_id: uuid,
  status: estadoFactioSchema,
});

/** Error bodies: FastAPI's `detail` (text or a list of issues), sometimes with a code. */
export const errorFactioSchema = z
  .object({
    detail: z
      .union([
        z.string(),
        z.array(z.object({ msg: z.string().optional(), loc: z.array(z.unknown()).optional() })),
      ])
      .optional(),
    code: z.string().optional(),
    message: z.string().optional(),
    document_id: z.string().optional(),
  })
  .loose();
export type ErrorFactio = z.infer<typeof errorFactioSchema>;
