import { z } from 'zod';
import { defineCall, emptyInput } from './define';
import { aprobacionEnLineaSchema } from './sesion';

/**
 * Scale-label makers the store picks from. Their scales let the store choose the format and we
 * could not confirm one factory default per brand: each preset is the layout their manuals give
 * as the usual one (flag 20–29, five-digit PLU, five-digit value, check digit); a scale that
 * prints another layout is set up as `personalizado`.
 */
export const PRESETS_BALANZA = ['cas', 'digi', 'dibal', 'systel'] as const;
export type PresetBalanza = (typeof PRESETS_BALANZA)[number];

/** The store's scale-label setting, as Ajustes saves it. */
export const configuracionBalanzaSchema = z.discriminatedUnion('tipo', [
  z.strictObject({
    tipo: z.literal('preset'),
    preset: z.enum(PRESETS_BALANZA),
    /** What the label's value is: the weight (grams) or the price (cents). */
    contenido: z.enum(['peso', 'precio']),
  }),
  z
    .strictObject({
      tipo: z.literal('personalizado'),
      prefijos: z
        .array(z.string().regex(/^2\d?$/, 'Cada prefijo es 2 o va de 20 a 29.'))
        .min(1, 'Indique al menos un prefijo.')
        .max(10),
      digitosPlu: z
        .number()
        .int('El PLU tiene de 1 a 6 dígitos.')
        .min(1, 'El PLU tiene de 1 a 6 dígitos.')
        .max(6, 'El PLU tiene de 1 a 6 dígitos.'),
      digitosValor: z
        .number()
        .int('El peso o el precio tiene de 3 a 6 dígitos.')
        .min(3, 'El peso o el precio tiene de 3 a 6 dígitos.')
        .max(6, 'El peso o el precio tiene de 3 a 6 dígitos.'),
      contenido: z.enum(['peso', 'precio']),
    })
    .refine(
      (d) => d.prefijos.every((p) => p.length + d.digitosPlu + d.digitosValor <= 12),
      'El prefijo, el PLU y el valor no caben en los 12 dígitos de la etiqueta.',
    ),
]);
export type ConfiguracionBalanza = z.infer<typeof configuracionBalanzaSchema>;

export const balanzaCalls = {
  'ajustes.etiquetaBalanza': defineCall({
    description:
      'Cómo se leen las etiquetas de la balanza (EAN-13 con prefijo 20–29); null si no se usan.',
    input: emptyInput,
    output: z.object({ configuracion: configuracionBalanzaSchema.nullable() }),
  }),
  'ajustes.guardarEtiquetaBalanza': defineCall({
    description:
      'Guarda (o quita, con null) el formato de las etiquetas de la balanza (administrador).',
    input: z.strictObject({
      autorizacion: aprobacionEnLineaSchema.optional(),
      configuracion: configuracionBalanzaSchema.nullable(),
    }),
    output: z.object({ configuracion: configuracionBalanzaSchema.nullable() }),
  }),
};
