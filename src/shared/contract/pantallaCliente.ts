/**
 * The customer display (issue 18 §6): a read-only page or window facing the buyer. It receives
 * one event, a complete picture of what to show, and can call nothing: main refuses its calls.
 */
import * as z from 'zod';

export const pantallaClienteSchema = z.object({
  tienda: z.object({ nombre: z.string(), logo: z.string().nullable() }).nullable(),
  lineas: z.array(
    z.object({ descripcion: z.string(), cantidad: z.string(), totalCentavos: z.number().int() }),
  ),
  totalCentavos: z.number().int(),
  pagadoCentavos: z.number().int(),
  vueltoCentavos: z.number().int(),
  /** The sale just charged, until the next cart starts. */
  venta: z
    .object({ documentoId: z.string(), numero: z.string(), autorizada: z.boolean() })
    .nullable(),
  /** QR of the authorized document's clave de acceso (as on the RIDE): rows of 0/1 modules. */
  qr: z.object({ columnas: z.number().int(), modulos: z.string() }).nullable(),
});
export type PantallaCliente = z.infer<typeof pantallaClienteSchema>;

export const pantallaClienteEvents = {
  pantallaCliente: pantallaClienteSchema,
};
