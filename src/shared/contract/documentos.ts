import * as z from 'zod';
import { defineCall } from './define';
import { resultadoImpresionSchema } from './impresion';

export const historialSchema = z.object({
  desde: z.string().nullable(),
  hacia: z.string(),
  en: z.string(),
  origen: z.enum(['local', 'sri', 'usuario', 'sync']),
  detalle: z.string().nullable(),
  /** SRI `mensajes` of that answer, verbatim. */
  mensajesSri: z
    .array(
      z.object({
        identificador: z.string(),
        mensaje: z.string(),
        informacionAdicional: z.string().nullable(),
        tipo: z.string(),
      }),
    )
    .nullable(),
});

export const trabajoImpresionSchema = z.object({
  id: z.number().int(),
  formato: z.string(),
  estado: z.enum(['pending', 'printing', 'done', 'failed']),
  intentos: z.number().int(),
  ultimoError: z.string().nullable(),
  creadoEn: z.string(),
  impresoEn: z.string().nullable(),
  /** What happened, in the cashier's words (see ./impresion.ts). */
  resultado: resultadoImpresionSchema,
});

export const documentoDetalleSchema = z.object({
  id: z.string(),
  codDoc: z.enum(['01', '04']),
  numero: z.string(),
  claveAcceso: z.string(),
  fechaEmision: z.string(),
  estado: z.string(),
  comprador: z.object({
    tipoIdentificacion: z.string(),
    identificacion: z.string(),
    razonSocial: z.string(),
  }),
  totalCentavos: z.number().int(),
  numeroAutorizacion: z.string().nullable(),
  fechaAutorizacion: z.string().nullable(),
  ultimoMensajeSri: z.string().nullable(),
  historial: z.array(historialSchema),
  impresiones: z.array(trabajoImpresionSchema),
});
export type DocumentoDetalle = z.infer<typeof documentoDetalleSchema>;

export const rideSchema = z.object({
  /** File name for a download, e.g. `factura-001-001-000000042.pdf`. */
  nombre: z.string(),
  pdfBase64: z.string(),
});

export const documentosCalls = {
  'documentos.ride': defineCall({
    description: 'El RIDE de un documento en PDF (A4 u 80 mm), para verlo, descargarlo o enviarlo.',
    input: z.strictObject({
      id: z.string().min(1).max(64),
      formato: z.enum(['a4', '80mm']).default('a4'),
    }),
    output: rideSchema,
  }),
  'documentos.obtener': defineCall({
    description: 'Un documento con su estado SRI, historial completo y trabajos de impresión.',
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    output: documentoDetalleSchema,
  }),
};
