import * as z from 'zod';
import { defineCall, emptyInput } from './define';
import { aprobacionEnLineaSchema, pinSchema, usuarioSchema } from './sesion';

/**
 * Ajustes: who emits (issuer, establishment, this terminal's emission point, SRI ambiente), the
 * numbering, the printers and the store logo, and the first administrador of a fresh install.
 * Every change takes an administrador's inline authorization once the store has users.
 */

const texto = (campo: string, max: number) =>
  z.string().trim().min(1, `Escriba ${campo}.`).max(max, `${campo} es demasiado largo.`);
const opcional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable();

/** `estab` and `ptoEmi`: 3 digits, 001–999 (SRI ficha técnica). */
export const codigoSriSchema = z
  .string()
  .regex(/^\d{3}$/, 'Debe tener 3 dígitos, por ejemplo 001.')
  .refine((v) => v !== '000', 'El código 000 no es válido; empiece en 001.');

export const regimenSchema = z.enum(['RIMPE_EMPRENDEDOR', 'RIMPE_NEGOCIO_POPULAR']);
export type Regimen = z.infer<typeof regimenSchema>;

export const codDocSchema = z.enum(['01', '04']);

/** What the owner types about the issuer (RUC checked again in main with the SRI's rules). */
export const emisorEntradaSchema = z.strictObject({
  ruc: z
    .string()
    .trim()
    .regex(/^\d{13}$/, 'El RUC debe tener 13 dígitos.'),
  razonSocial: texto('la razón social', 300),
  nombreComercial: opcional(300),
  direccionMatriz: texto('la dirección matriz', 300),
  obligadoContabilidad: z.boolean(),
  /** Nro. de resolución de contribuyente especial (3 to 13 digits per the XSD). */
  contribuyenteEspecial: z
    .string()
    .trim()
    .regex(/^(\d{3,13})?$/, 'El número de contribuyente especial tiene de 3 a 13 dígitos.')
    .transform((v) => (v === '' ? null : v))
    .nullable(),
  /** Nro. de resolución de agente de retención (1 to 8 digits per the XSD). */
  agenteRetencion: z
    .string()
    .trim()
    .regex(/^(\d{1,8})?$/, 'La resolución de agente de retención tiene de 1 a 8 dígitos.')
    .transform((v) => (v === '' ? null : v))
    .nullable(),
  regimen: regimenSchema.nullable(),
});
export type EmisorEntrada = z.input<typeof emisorEntradaSchema>;

export const emisorSchema = z.object({
  ruc: z.string(),
  razonSocial: z.string(),
  nombreComercial: z.string().nullable(),
  direccionMatriz: z.string(),
  obligadoContabilidad: z.boolean(),
  contribuyenteEspecial: z.string().nullable(),
  agenteRetencion: z.string().nullable(),
  regimen: regimenSchema.nullable(),
  ambiente: z.enum(['pruebas', 'produccion']),
});
export type Emisor = z.infer<typeof emisorSchema>;

export const secuencialSchema = z.object({
  codDoc: codDocSchema,
  /** Factura, Nota de crédito. */
  nombre: z.string(),
  siguiente: z.number().int().min(1),
  /** Only while this point has emitted no document of this type (e.g. moving from another system). */
  editable: z.boolean(),
});
export type Secuencial = z.infer<typeof secuencialSchema>;

export const tiendaConfigSchema = z.object({
  emisor: emisorSchema.nullable(),
  establecimiento: z
    .object({ codigo: z.string(), direccion: z.string(), nombreComercial: z.string().nullable() })
    .nullable(),
  puntoEmision: z.object({ codigo: z.string(), descripcion: z.string() }).nullable(),
  secuenciales: z.array(secuencialSchema),
  /** False on a fresh install: onboarding creates the first administrador. */
  hayUsuarios: z.boolean(),
  /** Documents still on their way to the SRI (the ambiente cannot change meanwhile). */
  pendientesSri: z.number().int().nonnegative(),
  /** Training mode: documents go to the built-in simulator, so producción is not offered. */
  modoPractica: z.boolean(),
  /** Non-blocking findings of the last change (e.g. a RUC check digit that does not match). */
  advertencias: z.array(z.string()),
});
export type TiendaConfig = z.infer<typeof tiendaConfigSchema>;

const conAutorizacion = { autorizacion: aprobacionEnLineaSchema.optional() };

/**
 * `escpos_tcp`: a thermal printer on the network (port 9100); `escpos_spooler`: a thermal
 * printer installed in the system (USB), ESC/POS raw through its queue; `pdf_spooler`: the RIDE
 * as a PDF (A4 or 80 mm) through a system queue.
 */
export const printerKindSchema = z.enum(['escpos_tcp', 'escpos_spooler', 'pdf_spooler']);
export const papelSchema = z.enum(['80mm', '58mm', 'a4']);
export const perfilImpresoraSchema = z.enum([
  'tm-t20iii',
  'tm-t88v',
  'tm-t88vi',
  'tm-m30',
  'generico-58',
]);

export const impresoraEntradaSchema = z.strictObject({
  /** Absent: a new printer. */
  id: z.string().min(1).max(64).optional(),
  nombre: texto('el nombre de la impresora', 80),
  tipo: printerKindSchema,
  /** Raw TCP (ESC/POS): IP or host name and port (9100 by default). */
  host: z
    .string()
    .trim()
    .max(253)
    .regex(
      /^[A-Za-z0-9.\-:[\]]*$/,
      'La dirección solo puede tener letras, números, puntos y guiones.',
    )
    .nullable(),
  puerto: z.number().int().min(1, 'Puerto 1 a 65535.').max(65535, 'Puerto 1 a 65535.').nullable(),
  /** PDF through the OS spooler (CUPS queue name, Windows printer name). */
  cola: z.string().trim().max(200).nullable(),
  perfil: perfilImpresoraSchema,
  papel: papelSchema,
  predeterminada: z.boolean(),
  abrirCajon: z.boolean(),
});
export type ImpresoraEntrada = z.input<typeof impresoraEntradaSchema>;

export const impresoraSchema = z.object({
  id: z.string(),
  nombre: z.string(),
  tipo: printerKindSchema,
  host: z.string().nullable(),
  puerto: z.number().int().nullable(),
  cola: z.string().nullable(),
  perfil: perfilImpresoraSchema,
  papel: papelSchema,
  predeterminada: z.boolean(),
  abrirCajon: z.boolean(),
});
export type Impresora = z.infer<typeof impresoraSchema>;

export const impresorasSchema = z.object({
  impresoras: z.array(impresoraSchema),
  perfiles: z.array(z.object({ id: perfilImpresoraSchema, nombre: z.string() })),
  /** Print jobs waiting or failed: the test page of a printer that works retries them. */
  trabajosPendientes: z.number().int().nonnegative(),
});
export type Impresoras = z.infer<typeof impresorasSchema>;

/** A logo is a small picture; 512 KB is plenty for a receipt and stops abuse. */
export const MAX_LOGO_BYTES = 512 * 1024;

export const logoSchema = z.object({
  /** PNG or JPEG as base64, or null when the RIDE goes without a logo. */
  imagenBase64: z.string().nullable(),
  tipo: z.enum(['image/png', 'image/jpeg']).nullable(),
  ancho: z.number().int().nullable(),
  alto: z.number().int().nullable(),
});
export type Logo = z.infer<typeof logoSchema>;

/**
 * What the law asks of this store beyond its RUC: a restaurant may add the propina (10 %
 * suggested), and the province/canton decide where a decreed IVA 8 % holiday applies.
 */
export const localSchema = z.object({
  esRestaurante: z.boolean(),
  /** Province as the decrees name it (e.g. «Pichincha»); null until set. */
  provincia: z.string().trim().min(2).max(60).nullable(),
  /** Canton (e.g. «Cayambe»); null until set. */
  canton: z.string().trim().min(2).max(60).nullable(),
});
export type Local = z.infer<typeof localSchema>;

export const ajustesCalls = {
  'ajustes.tienda': defineCall({
    description:
      'Emisor, establecimiento y punto de emisión de este equipo, ambiente y próximos secuenciales.',
    input: emptyInput,
    output: tiendaConfigSchema,
  }),
  'ajustes.crearAdministrador': defineCall({
    description:
      'Primer uso: crea el administrador de la tienda y abre su sesión (solo si no hay usuarios).',
    input: z.strictObject({
      nombre: z.string().trim().min(2, 'Escriba su nombre.').max(80),
      pin: pinSchema,
    }),
    output: usuarioSchema,
  }),
  'ajustes.guardarEmisor': defineCall({
    description: 'Guarda los datos del emisor (RUC, razón social, contabilidad, RIMPE…).',
    input: z.strictObject({ ...conAutorizacion, emisor: emisorEntradaSchema }),
    output: tiendaConfigSchema,
  }),
  'ajustes.guardarPuntoEmision': defineCall({
    description: 'Guarda el establecimiento y el punto de emisión de este equipo.',
    input: z.strictObject({
      ...conAutorizacion,
      establecimiento: z.strictObject({
        codigo: codigoSriSchema,
        direccion: texto('la dirección del establecimiento', 300),
        nombreComercial: opcional(300),
      }),
      puntoEmision: z.strictObject({
        codigo: codigoSriSchema,
        descripcion: texto('una descripción del punto de emisión', 100),
      }),
    }),
    output: tiendaConfigSchema,
  }),
  'ajustes.cambiarAmbiente': defineCall({
    description:
      'Cambia el ambiente del SRI; pasar a producción exige confirmar que los comprobantes tendrán validez tributaria.',
    input: z.strictObject({
      ...conAutorizacion,
      ambiente: z.enum(['pruebas', 'produccion']),
      /** Required (true) to go to producción. */
      confirmarProduccion: z.boolean().optional(),
    }),
    output: tiendaConfigSchema,
  }),
  'ajustes.fijarSecuencial': defineCall({
    description:
      'Fija el primer secuencial de un tipo de comprobante mientras este punto no haya emitido ninguno.',
    input: z.strictObject({
      ...conAutorizacion,
      codDoc: codDocSchema,
      siguiente: z
        .number()
        .int('El secuencial es un número entero.')
        .min(1, 'El secuencial empieza en 1.')
        .max(999_999_999, 'El secuencial tiene como máximo 9 dígitos.'),
    }),
    output: tiendaConfigSchema,
  }),
  'ajustes.impresoras': defineCall({
    description: 'Impresoras configuradas y modelos ESC/POS conocidos.',
    input: emptyInput,
    output: impresorasSchema,
  }),
  'ajustes.guardarImpresora': defineCall({
    description: 'Agrega o modifica una impresora.',
    input: z.strictObject({ ...conAutorizacion, impresora: impresoraEntradaSchema }),
    output: impresorasSchema,
  }),
  'ajustes.eliminarImpresora': defineCall({
    description: 'Quita una impresora (sus trabajos quedan para reimprimir en otra).',
    input: z.strictObject({ ...conAutorizacion, id: z.string().min(1).max(64) }),
    output: impresorasSchema,
  }),
  'ajustes.probarImpresora': defineCall({
    description: 'Imprime la página de prueba en una impresora y dice si respondió.',
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    output: z.object({ mensaje: z.string() }),
  }),
  'ajustes.local': defineCall({
    description:
      'Si la tienda es restaurante (propina) y su provincia y cantón (IVA 8 % por feriado).',
    input: emptyInput,
    output: localSchema,
  }),
  'ajustes.guardarLocal': defineCall({
    description: 'Guarda si la tienda es restaurante y su provincia y cantón (administrador).',
    input: z.strictObject({ ...conAutorizacion, local: localSchema }),
    output: localSchema,
  }),
  'ajustes.marcarServicioTuristico': defineCall({
    description:
      'Marca (o desmarca) un producto como servicio turístico: lleva IVA 8 % en los feriados decretados (administrador).',
    input: z.strictObject({
      ...conAutorizacion,
      productoId: z.string().min(1).max(64),
      servicioTuristico: z.boolean(),
    }),
    output: z.object({ productoId: z.string(), servicioTuristico: z.boolean() }),
  }),
  'ajustes.logo': defineCall({
    description: 'El logo de la tienda que va en el RIDE.',
    input: emptyInput,
    output: logoSchema,
  }),
  'ajustes.guardarLogo': defineCall({
    description: 'Guarda (o quita, con null) el logo PNG/JPEG de la tienda para el RIDE.',
    input: z.strictObject({
      ...conAutorizacion,
      imagenBase64: z
        .string()
        .max(
          Math.ceil(MAX_LOGO_BYTES / 3) * 4,
          'El logo pesa más de 512 KB; use una imagen más pequeña.',
        )
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'La imagen no llegó completa (base64 inválido).')
        .nullable(),
    }),
    output: logoSchema,
  }),
};
