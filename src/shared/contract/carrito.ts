import { z } from 'zod';
import { productoCajaSchema } from './catalogo';
import { defineCall } from './define';
import { cantidadSchema, compradorSchema, pagoCarritoSchema } from './ventas';

/**
 * A line of the cart in progress: what the cashier chose, not what it costs. Main prices it
 * from the catalogue when it charges, so the stored cart carries no price of its own.
 */
export const lineaGuardadaSchema = z.strictObject({
  productoId: z.string().min(1).max(64),
  cantidad: cantidadSchema,
  descuentoCentavos: z.number().int().nonnegative().max(99_999_999_999_999).default(0),
});

/** The cart as the checkout keeps it in main, with the id its sale will have once charged. */
export const carritoGuardadoSchema = z.strictObject({
  ventaId: z.uuid(),
  comprador: compradorSchema.nullable(),
  lineas: z.array(lineaGuardadaSchema).max(500),
  pagos: z.array(pagoCarritoSchema).max(10),
});
export type CarritoGuardado = z.infer<typeof carritoGuardadoSchema>;

export const carritoObtenidoSchema = z.object({
  ventaId: z.string(),
  comprador: compradorSchema.nullable(),
  /** The lines with their product as the catalogue has it now (a deleted one is left out). */
  lineas: z.array(
    z.object({
      producto: productoCajaSchema,
      cantidad: z.string(),
      descuentoCentavos: z.number().int(),
    }),
  ),
  pagos: z.array(pagoCarritoSchema),
  /**
   * That `ventaId` was already charged (the answer was lost: a crash, a reload): this is the
   * sale, to show as done instead of charging it again.
   */
  registrada: z
    .object({
      documentoId: z.string(),
      numero: z.string(),
      totalCentavos: z.number().int(),
      vueltoCentavos: z.number().int(),
      estado: z.string(),
    })
    .nullable(),
});
export type CarritoObtenido = z.infer<typeof carritoObtenidoSchema>;

export const carritoCalls = {
  'carrito.obtener': defineCall({
    description:
      'El carrito en curso de este punto de emisión, con su ventaId; dice si esa venta ya se registró.',
    input: z.strictObject({}),
    output: carritoObtenidoSchema.nullable(),
  }),
  'carrito.guardar': defineCall({
    description:
      'Guarda el carrito en curso de este punto de emisión, para que una recarga o un reinicio lo devuelvan.',
    input: carritoGuardadoSchema,
    output: z.object({ guardado: z.literal(true) }),
  }),
};
