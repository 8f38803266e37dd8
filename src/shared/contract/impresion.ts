/**
 * What happened to a print job, said plainly (issue 18 §3): «Impreso» only when the printer took
 * every byte, «Guardado como PDF» when no printer is configured, «No se imprimió: …» with the
 * printer's reason and a retry. Cobro follows the last sale's job through the `impresion` event;
 * Conciliación shows the latest job of each document.
 */
import * as z from 'zod';
import { defineCall } from './define';

export const RESULTADOS_IMPRESION = [
  'en_cola',
  'imprimiendo',
  'impreso',
  'guardado_pdf',
  'no_impreso',
] as const;
export type ResultadoImpresionTipo = (typeof RESULTADOS_IMPRESION)[number];

export const resultadoImpresionSchema = z.object({
  trabajoId: z.number().int(),
  documentoId: z.string().nullable(),
  tipo: z.enum(['ride', 'reprint', 'test', 'z_report']),
  resultado: z.enum(RESULTADOS_IMPRESION),
  /** The sentence to show, in Spanish. */
  mensaje: z.string(),
  /** «Reintentar» applies: the job did not print and has not been given up for good. */
  reintentable: z.boolean(),
});
export type ResultadoImpresion = z.infer<typeof resultadoImpresionSchema>;

export const impresionEvents = {
  impresion: resultadoImpresionSchema,
};

export const impresionCalls = {
  'impresion.reintentar': defineCall({
    description:
      'Vuelve a intentar ahora un trabajo de impresión que no salió (impresora apagada, sin papel).',
    input: z.strictObject({ trabajoId: z.number().int().positive() }),
    output: resultadoImpresionSchema,
  }),
};
