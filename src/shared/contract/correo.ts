import * as z from 'zod';
import { defineCall, emptyInput } from './define';
import { aprobacionEnLineaSchema } from './sesion';

/**
 * A buyer's or a sender's address, as the counter accepts it: one address, no spaces, a dot in
 * the domain. Shared by Cobro, Conciliación's «Reenviar» and Ajustes › Correo so all three refuse
 * the same text with the same Spanish sentence.
 */
export const MENSAJE_CORREO_INVALIDO =
  'El correo electrónico no es válido (ejemplo: ana@correo.ec).';
export const correoSchema = z
  .string()
  .trim()
  .max(254, MENSAJE_CORREO_INVALIDO)
  .pipe(z.email(MENSAJE_CORREO_INVALIDO));

/** STARTTLS on the submission port (587) or TLS from the first byte (465). Never plain text. */
export const seguridadCorreoSchema = z.enum(['starttls', 'tls']);
export type SeguridadCorreo = z.infer<typeof seguridadCorreoSchema>;

/**
 * How the buyer's copy leaves: the store's SMTP server, or Factio's «Resend Document Email» for
 * documents already pushed to Factio (the others still go by SMTP).
 */
export const proveedorCorreoSchema = z.enum(['smtp', 'factio']);
export type ProveedorCorreo = z.infer<typeof proveedorCorreoSchema>;

/** What Ajustes › Correo shows. The password never rides along: only whether there is one. */
export const correoEstadoSchema = z.strictObject({
  /** Where the SMTP server comes from: Ajustes (wins), `MOSTRADOR_SMTP_URL`, or nowhere yet. */
  origen: z.enum(['ajustes', 'variable', 'ninguno']),
  servidor: z.string().nullable(),
  puerto: z.number().int().nullable(),
  seguridad: seguridadCorreoSchema.nullable(),
  usuario: z.string().nullable(),
  conContrasena: z.boolean(),
  remitenteNombre: z.string().nullable(),
  remitenteCorreo: z.string().nullable(),
  proveedor: proveedorCorreoSchema,
  /** Messages waiting to leave. */
  pendientes: z.number().int().nonnegative(),
  /** Why the oldest waiting message has not left, in Spanish; null when nothing waits on an error. */
  ultimoError: z.string().nullable(),
});
export type CorreoEstado = z.infer<typeof correoEstadoSchema>;

/** The buyer's copy of one document: waiting (with why, if it failed once), sent, or refused. */
export const ESTADOS_ENTREGA = ['pendiente', 'enviado', 'rechazado'] as const;
export const entregaCorreoSchema = z.object({
  estado: z.enum(ESTADOS_ENTREGA),
  para: z.string(),
  /** When the server accepted it (enviado). */
  enviadoEn: z.string().nullable(),
  /** The server's refusal (rechazado), or why it still waits (pendiente); null otherwise. */
  motivo: z.string().nullable(),
});
export type EntregaCorreo = z.infer<typeof entregaCorreoSchema>;

/** Conciliación's filter: a delivery status, or the documents that have no delivery at all. */
export const filtroCorreoSchema = z.enum([...ESTADOS_ENTREGA, 'sin_correo']);
export type FiltroCorreo = z.infer<typeof filtroCorreoSchema>;

export const pruebaCorreoSchema = z.strictObject({ exito: z.boolean(), mensaje: z.string() });
export type PruebaCorreo = z.infer<typeof pruebaCorreoSchema>;

export const correoCalls = {
  'correo.estado': defineCall({
    description:
      'Servidor de correo en uso (Ajustes o MOSTRADOR_SMTP_URL), remitente y mensajes en espera; nunca la contraseña.',
    input: emptyInput,
    output: correoEstadoSchema,
  }),
  'correo.configurar': defineCall({
    description:
      'Guarda el servidor de correo de la tienda (la contraseña va al llavero del sistema); gana sobre MOSTRADOR_SMTP_URL.',
    input: z.strictObject({
      servidor: z
        .string()
        .trim()
        .min(1, 'Escriba el servidor de correo.')
        .max(253)
        .regex(
          /^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:]+\]$/,
          'El servidor es un nombre (smtp.correo.ec) o una dirección IP.',
        ),
      puerto: z
        .number()
        .int('El puerto es un número entero.')
        .min(1, 'El puerto va de 1 a 65535.')
        .max(65_535, 'El puerto va de 1 a 65535.'),
      seguridad: seguridadCorreoSchema,
      /** null: the server takes mail without signing in (rare; a relay inside the store). */
      usuario: z.string().trim().min(1).max(254).nullable(),
      /** Absent keeps the saved one; the user's removal (usuario null) removes it too. */
      contrasena: z.string().min(1, 'Escriba la contraseña.').max(512).optional(),
      remitenteNombre: z.string().trim().max(120).nullable(),
      remitenteCorreo: correoSchema,
      proveedor: proveedorCorreoSchema.default('smtp'),
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: correoEstadoSchema,
  }),
  'correo.eliminar': defineCall({
    description:
      'Borra el servidor de correo de Ajustes y su contraseña del llavero (vuelve a MOSTRADOR_SMTP_URL si existe).',
    input: z.strictObject({
      confirmar: z.literal(true),
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: correoEstadoSchema,
  }),
  'correo.reenviar': defineCall({
    description:
      'Vuelve a enviar por correo un documento autorizado, a la misma dirección o a otra (auditado).',
    input: z.strictObject({
      id: z.string().min(1).max(64),
      /** Absent: the address of the last delivery, else the buyer's. */
      para: correoSchema.optional(),
    }),
    output: entregaCorreoSchema,
  }),
  'correo.probar': defineCall({
    description: 'Envía un mensaje de prueba a una dirección con el servidor de correo guardado.',
    input: z.strictObject({
      para: correoSchema,
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: pruebaCorreoSchema,
  }),
};

export const correoEvents = {
  /** A document's delivery changed (sent, refused, waiting again, re-sent). */
  correo: z.object({ documentoId: z.string(), entrega: entregaCorreoSchema }),
};
