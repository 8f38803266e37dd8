import * as z from 'zod';
import { defineCall } from './define';
import { compradorSchema } from './ventas';

/** A product as the checkout needs it: enough to show the line before main answers. */
export const productoCajaSchema = z.object({
  id: z.string(),
  /** `codigoPrincipal`. */
  codigo: z.string(),
  codigoAuxiliar: z.string().nullable(),
  descripcion: z.string(),
  precioUnitarioMicros: z.number().int().nonnegative(),
  ivaCodigoPorcentaje: z.string(),
  /** IVA rate in hundredths of a percent (15 % = 1500), for the line label. */
  tarifaIva: z.number().int().nonnegative(),
  /** `unidad`, `kg`, `litro`…; anything but `unidad` takes decimal quantities. */
  unidad: z.string(),
  /** Sold by weight: the quantity is typed, not counted by scans. */
  pesable: z.boolean(),
  /** Largest line discount a cashier may give, in basis points of the line value. */
  descuentoMaximoBp: z.number().int().min(0).max(10_000),
  codigosBarras: z.array(z.string()),
});
export type ProductoCaja = z.infer<typeof productoCajaSchema>;

/** Types of identification a cashier can type; consumidor final is the empty buyer. */
export const tipoIdentificacionCajaSchema = z.enum(['04', '05', '06', '08']);
export type TipoIdentificacionCaja = z.infer<typeof tipoIdentificacionCajaSchema>;

export const compradorGuardadoSchema = z.object({
  id: z.string(),
  tipoIdentificacion: z.enum(['04', '05', '06', '07', '08']),
  identificacion: z.string(),
  razonSocial: z.string(),
  email: z.string().nullable(),
  telefono: z.string().nullable(),
  direccion: z.string().nullable(),
});
export type CompradorGuardado = z.infer<typeof compradorGuardadoSchema>;

/** What the fiscal engine says of an identification while it is being typed. */
export const validacionIdentificacionSchema = z.object({
  valida: z.boolean(),
  /** Why it is not valid, in Spanish; null when it is. */
  mensaje: z.string().nullable(),
  /** Non-blocking findings (e.g. a RUC whose check digit breaks the published rule). */
  advertencias: z.array(z.string()),
});
export type ValidacionIdentificacion = z.infer<typeof validacionIdentificacionSchema>;

const codigoEscaneado = z
  .string()
  .trim()
  .min(1, 'Escanee o escriba un código.')
  .max(64, 'El código es demasiado largo.');

export const catalogoCalls = {
  'catalogo.escanear': defineCall({
    description:
      'Producto por código de barras o código principal (lo que entrega el lector); null si no existe. Una etiqueta de balanza trae además la cantidad (peso, o la que da su precio).',
    input: z.strictObject({ codigo: codigoEscaneado }),
    output: z.object({
      producto: productoCajaSchema.nullable(),
      /** From a scale label: the weight in kg (micros, 3 decimals) or the quantity giving its price. */
      cantidadMicros: z.number().int().positive().nullable(),
    }),
  }),
  'catalogo.buscar': defineCall({
    description:
      'Busca productos activos por nombre o código (FTS5): coincidencia exacta primero, luego por relevancia.',
    input: z.strictObject({
      texto: z.string().trim().min(1, 'Escriba parte del nombre o del código.').max(100),
      limite: z.number().int().min(1).max(50).default(20),
    }),
    output: z.object({ productos: z.array(productoCajaSchema) }),
  }),
  'catalogo.comprador': defineCall({
    description:
      'Valida una identificación con el motor fiscal y busca al comprador en la base local.',
    input: z.strictObject({
      tipoIdentificacion: tipoIdentificacionCajaSchema,
      identificacion: z.string().trim().min(1, 'Escriba la identificación.').max(20),
    }),
    output: z.object({
      validacion: validacionIdentificacionSchema,
      comprador: compradorGuardadoSchema.nullable(),
    }),
  }),
  'catalogo.buscarCompradores': defineCall({
    description: 'Compradores locales por inicio de la identificación o parte del nombre.',
    input: z.strictObject({
      texto: z.string().trim().min(1, 'Escriba parte del nombre o de la identificación.').max(100),
      limite: z.number().int().min(1).max(50).default(10),
    }),
    output: z.object({ compradores: z.array(compradorGuardadoSchema) }),
  }),
  'catalogo.guardarComprador': defineCall({
    description:
      'Crea o actualiza un comprador desde la caja; la identificación se valida con el motor fiscal.',
    input: compradorSchema.extend({ tipoIdentificacion: tipoIdentificacionCajaSchema }),
    output: z.object({
      comprador: compradorGuardadoSchema,
      advertencias: z.array(z.string()),
    }),
  }),
};
