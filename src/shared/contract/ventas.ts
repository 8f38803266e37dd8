import * as z from 'zod';
import { aprobacionSchema } from './aprobaciones';
import { correoSchema } from './correo';
import { defineCall } from './define';

/** Integer cents: money never travels as a float. */
const centavos = z.number().int().nonnegative().max(99_999_999_999_999);

/** Quantities as the cashier typed them ("1", "0.750"): at most 6 decimals (docs/sri.md §4). */
export const cantidadSchema = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,6})?$/, 'Cantidad no válida: use hasta 6 decimales, con punto.')
  .refine((v) => Number(v) > 0, 'La cantidad debe ser mayor que cero.');

/**
 * One line as the renderer asks for it: which product, how much, the discount asked for. Main
 * prices it from its catalog (issue 15): the renderer never decides a price.
 */
export const lineaCarritoSchema = z.strictObject({
  productoId: z.string().min(1).max(64),
  cantidad: cantidadSchema,
  /**
   * Optional, for older clients and for a price override. Absent or equal to the catalog price:
   * the catalog price. Different: refused with a Spanish message unless a supervisor's approval
   * for this very sale comes with `ventas.cobrar` (then audited). Never silently used.
   */
  precioUnitarioMicros: z.number().int().nonnegative().max(999_999_999_999).optional(),
  /** Line discount asked for, in cents; beyond the product's limit it needs a supervisor. */
  descuentoCentavos: centavos.default(0),
});
export type LineaCarrito = z.infer<typeof lineaCarritoSchema>;

/** An identified buyer; `null` in the cart means consumidor final. */
export const compradorSchema = z.strictObject({
  tipoIdentificacion: z.enum(['04', '05', '06', '08']),
  identificacion: z.string().trim().min(3).max(20),
  razonSocial: z.string().trim().min(1).max(300),
  /** Validated like every address the counter takes (Ajustes, «Reenviar»). */
  email: correoSchema.optional(),
  telefono: z.string().trim().max(30).optional(),
  direccion: z.string().trim().max(300).optional(),
});
export type CompradorCarrito = z.infer<typeof compradorSchema>;

/** Payment methods offered at the counter, mapped to SRI tabla 24. */
export const formaPagoSchema = z.enum(['01', '16', '17', '18', '19', '20']);
export type FormaPagoCaja = z.infer<typeof formaPagoSchema>;

export const pagoCarritoSchema = z.strictObject({
  formaPago: formaPagoSchema,
  /**
   * Amount handed over. For cash (`01`) it may exceed what is owed and the difference is the
   * change; other methods are charged exactly this.
   */
  montoCentavos: centavos.refine((v) => v > 0, 'El monto del pago debe ser mayor que cero.'),
});
export type PagoCarrito = z.infer<typeof pagoCarritoSchema>;

export const carritoSchema = z.strictObject({
  comprador: compradorSchema.nullable(),
  lineas: z.array(lineaCarritoSchema).min(1, 'El carrito está vacío.').max(500),
  pagos: z.array(pagoCarritoSchema).max(10).default([]),
  /** Propina in cents (restaurants only; none by default). Payments cover total + propina. */
  propinaCentavos: centavos.optional(),
});
export type Carrito = z.infer<typeof carritoSchema>;

export const impuestoResumenSchema = z.object({
  codigoPorcentaje: z.string(),
  /** Rate in hundredths of a percent (15 % = 1500). */
  tarifa: z.number().int(),
  baseCentavos: z.number().int(),
  valorCentavos: z.number().int(),
});

export const totalesSchema = z.object({
  /** Before discounts. */
  subtotalCentavos: z.number().int(),
  descuentoCentavos: z.number().int(),
  /** `totalSinImpuestos`. */
  totalSinImpuestosCentavos: z.number().int(),
  impuestos: z.array(impuestoResumenSchema),
  ivaCentavos: z.number().int(),
  /** Propina (factura only); included in `totalCentavos`. */
  propinaCentavos: z.number().int().optional(),
  totalCentavos: z.number().int(),
});
export type Totales = z.infer<typeof totalesSchema>;

export const avisoSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});

export const calculoSchema = z.object({
  lineas: z.array(
    z.object({
      subtotalCentavos: z.number().int(),
      totalSinImpuestoCentavos: z.number().int(),
      ivaCentavos: z.number().int(),
      tarifa: z.number().int(),
    }),
  ),
  totales: totalesSchema,
  pagadoCentavos: z.number().int(),
  faltaCentavos: z.number().int(),
  vueltoCentavos: z.number().int(),
  /** Rules the cart breaks right now (consumidor final over USD 50, payments short…). */
  avisos: z.array(avisoSchema),
  /** 10 % of the subtotal when the store is a restaurant; null where no propina is taken. */
  propinaSugeridaCentavos: z.number().int().nullable().optional(),
});
export type Calculo = z.infer<typeof calculoSchema>;

export const cobroSchema = z.object({
  ventaId: z.string(),
  documentoId: z.string(),
  claveAcceso: z.string().length(49),
  /** estab-ptoEmi-secuencial, as printed. */
  numero: z.string(),
  fechaEmision: z.string(),
  totales: totalesSchema,
  vueltoCentavos: z.number().int(),
  estado: z.string(),
  advertencias: z.array(z.string()),
  /** The same `ventaId` had already been charged: this is that sale, not a new one. */
  repetida: z.boolean(),
});
export type Cobro = z.infer<typeof cobroSchema>;

export const ventasCalls = {
  'ventas.calcular': defineCall({
    description: 'Totales exactos del carrito con IVA por tarifa, vuelto y reglas incumplidas.',
    input: carritoSchema,
    output: calculoSchema,
  }),
  'ventas.cobrar': defineCall({
    description:
      'Emite la factura: reserva el secuencial, firma, guarda venta, documento, cola SRI e impresión en una transacción.',
    input: carritoSchema.extend({
      /** Generated by the renderer per cart: charging the same cart twice never sells twice. */
      ventaId: z.uuid(),
      /**
       * A supervisor's single-use approval (`aprobaciones.solicitar` for `ventas.cobrar` with this
       * same input): needed for a price override or a discount beyond a product's limit.
       */
      aprobacion: aprobacionSchema.optional(),
    }),
    output: cobroSchema,
  }),
};

export const ventasEvents = {
  documento: z.object({
    documentoId: z.string(),
    estado: z.string(),
    detalle: z.string().nullable(),
  }),
};
