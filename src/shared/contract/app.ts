import * as z from 'zod';
import { defineCall, emptyInput } from './define';

export const ambienteSchema = z.enum(['pruebas', 'produccion']);

export const appEstadoSchema = z.object({
  version: z.string(),
  ambiente: ambienteSchema,
  /** The SRI backend in use: the built-in simulator (training) or the real web services. */
  backendSri: z.enum(['simulador', 'sri']),
  enLinea: z.boolean(),
  outboxPendientes: z.number().int().nonnegative(),
  ultimoErrorSri: z.string().nullable(),
  /** Who emits from this counter; null until onboarding configures an emission point. */
  tienda: z
    .object({
      razonSocial: z.string(),
      nombreComercial: z.string().nullable(),
      ruc: z.string(),
      establecimiento: z.string(),
      puntoEmision: z.string(),
    })
    .nullable(),
});
export type AppEstado = z.infer<typeof appEstadoSchema>;

export const appCalls = {
  'app.estado': defineCall({
    description: 'Estado general: ambiente, conectividad, cola de envío al SRI.',
    input: emptyInput,
    output: appEstadoSchema,
  }),
};

/** Server → renderer events. */
export const appEvents = {
  conectividad: z.object({ enLinea: z.boolean() }),
  outbox: z.object({
    pendientes: z.number().int().nonnegative(),
    ultimoErrorSri: z.string().nullable(),
  }),
};
