import * as z from 'zod';
import { defineCall, emptyInput } from './define';

export const ambienteSchema = z.enum(['pruebas', 'produccion']);

/** The machine's clock against the SRI's (each answer's HTTP Date and fechaAutorizacion). */
export const relojSriSchema = z.object({
  /** SRI time minus this machine's, in seconds (positive: the machine is late); null: unknown. */
  desfaseSegundos: z.number().int().nullable(),
  /** More than 5 minutes apart: the header warns the cashier. */
  desincronizado: z.boolean(),
});

export const appEstadoSchema = z.object({
  version: z.string(),
  ambiente: ambienteSchema,
  /** The SRI backend in use: the built-in simulator (training) or the real web services. */
  backendSri: z.enum(['simulador', 'sri']),
  enLinea: z.boolean(),
  outboxPendientes: z.number().int().nonnegative(),
  ultimoErrorSri: z.string().nullable(),
  /** Optional: a host from before this field answers without it. */
  relojSri: relojSriSchema.optional(),
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

export const acercaDeSchema = z.object({
  version: z.string(),
  /** `resources/licencias/TERCEROS.txt`: the programs shipped with Mostrador and their terms. */
  terceros: z.string(),
  /** Where the licence texts are on this computer (the GPLv3 of SumatraPDF among them). */
  carpetaLicencias: z.string(),
});
export type AcercaDe = z.infer<typeof acercaDeSchema>;

export const appCalls = {
  'app.estado': defineCall({
    description: 'Estado general: ambiente, conectividad, cola de envío al SRI.',
    input: emptyInput,
    output: appEstadoSchema,
  }),
  'app.acercaDe': defineCall({
    description:
      'Versión de Mostrador y los programas de terceros que incluye, con sus licencias (SumatraPDF, GPLv3).',
    input: emptyInput,
    output: acercaDeSchema,
  }),
};

/** Server → renderer events. */
export const appEvents = {
  conectividad: z.object({ enLinea: z.boolean() }),
  /** The machine's clock drifted from the SRI's beyond 5 minutes, or came back. */
  relojSri: relojSriSchema,
  outbox: z.object({
    pendientes: z.number().int().nonnegative(),
    ultimoErrorSri: z.string().nullable(),
  }),
};
