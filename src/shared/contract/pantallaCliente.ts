/**
 * The customer display (issue 18 §6): a page or window facing the buyer. It receives one event,
 * a complete picture of what to show, and can call nothing: main refuses its calls. The one
 * thing it may send is the buyer's e-mail for the RIDE, when the picture asks for it (issue 19
 * §4): a proposal the cashier accepts or discards, never written by main on its own.
 */
import * as z from 'zod';
import { correoSchema } from './correo';
import { defineCall } from './define';

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
  /**
   * The cart in progress has an identified buyer without e-mail: the display offers a field.
   * `solicitud` is a random id of this request (never the sale's id); a proposal names it, so an
   * e-mail typed for one cart never lands on the next one.
   */
  correo: z.object({ solicitud: z.string() }).nullable(),
});
export type PantallaCliente = z.infer<typeof pantallaClienteSchema>;

/** Largest body the display may send with its e-mail (`POST /api/cliente/correo`). */
export const MAX_PROPUESTA_CORREO_BYTES = 1024;

/** What the display sends: the e-mail the buyer typed, for the request on screen. */
export const propuestaCorreoSchema = z.strictObject({
  solicitud: z.string().min(1).max(64),
  email: correoSchema,
});
export type PropuestaCorreo = z.infer<typeof propuestaCorreoSchema>;

export const pantallaClienteEvents = {
  pantallaCliente: pantallaClienteSchema,
  /**
   * To the cashier's app only (the display's stream carries `pantallaCliente` alone): the buyer
   * typed this e-mail on the display for the cart `ventaId`. Cobro offers it; nothing is saved
   * until the cashier accepts it.
   */
  'pantallaCliente.correoPropuesto': z.object({ ventaId: z.string(), email: correoSchema }),
};

export const pantallaClienteCalls = {
  'pantallaCliente.descartarCorreo': defineCall({
    description:
      'El cajero descarta el correo que el comprador escribió en su pantalla: la pantalla vuelve a pedirlo.',
    input: z.strictObject({ ventaId: z.string().min(1).max(100) }),
    /** false: that cart no longer asks (charged, emptied, or the buyer has an e-mail now). */
    output: z.object({ descartado: z.boolean() }),
  }),
};
