import { z } from 'zod';
import { defineCall } from './define';
import { pinSchema } from './sesion';

/**
 * A supervisor's (or administrador's) approval of one sensitive action: a single-use token that
 * main issues after checking the PIN, bound to the call it approves and to a hash of that call's
 * input, valid about a minute. The PIN travels once, to `aprobaciones.solicitar`, never with the
 * action, and the renderer forgets it when the dialog closes.
 */
export const aprobacionSchema = z.strictObject({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,64}$/, 'La aprobación no es válida; vuelva a pedirla.'),
});
export type Aprobacion = z.infer<typeof aprobacionSchema>;

export const aprobacionEmitidaSchema = z.object({
  token: z.string(),
  /** ISO instant after which main refuses it. */
  venceEn: z.string(),
  /** Who approved, for the screen. */
  aprobadoPor: z.object({ id: z.string(), nombre: z.string() }),
});
export type AprobacionEmitida = z.infer<typeof aprobacionEmitidaSchema>;

export const aprobacionesCalls = {
  'aprobaciones.solicitar': defineCall({
    description:
      'Un supervisor o administrador aprueba con su PIN una operación concreta (nombre y datos); devuelve un código de un solo uso válido un minuto.',
    input: z.strictObject({
      usuarioId: z.string().min(1).max(64),
      pin: pinSchema,
      /** The contract call being approved, e.g. `ventas.cobrar`. */
      accion: z.string().min(1).max(80),
      /** That call's input exactly as it will be sent (the approval field left out). */
      entrada: z.record(z.string(), z.unknown()),
    }),
    output: aprobacionEmitidaSchema,
  }),
};
