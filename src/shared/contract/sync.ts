import * as z from 'zod';
import { compradorGuardadoSchema, tipoIdentificacionCajaSchema } from './catalogo';
import { defineCall, emptyInput } from './define';
import { aprobacionEnLineaSchema } from './sesion';

/** Factio's two environments (its «Entornos» page): sandbox for trials, producción for real. */
export const ambienteFactioSchema = z.enum(['sandbox', 'produccion']);
export type AmbienteFactio = z.infer<typeof ambienteFactioSchema>;

/**
 * - `sin_clave`: no API key yet; nothing is sent, sales go on.
 * - `activa`: syncing normally.
 * - `pausada`: Factio refused the key (401/403); waits for a new key.
 * - `sin_conexion`: Factio unreachable; retried with backoff.
 * - `esperando`: Factio asked us to slow down (429); resumes after Retry-After.
 */
export const estadoSyncSchema = z.enum([
  'sin_clave',
  'activa',
  'pausada',
  'sin_conexion',
  'esperando',
]);
export type EstadoSync = z.infer<typeof estadoSyncSchema>;

/**
 * What the renderer may know about the hosted API. Strict: the key itself never rides along,
 * only whether there is one and its last four characters.
 */
export const factioEstadoSchema = z.strictObject({
  configurada: z.boolean(),
  /** Last 4 characters of the key, to tell keys apart; null without a key. */
  claveFinal: z.string().max(4).nullable(),
  ambiente: ambienteFactioSchema,
  /** Base URL in use (the environment's, or a custom one). */
  url: z.string(),
  urlPersonalizada: z.boolean(),
  estado: estadoSyncSchema,
  /** Why it is paused or failing, in Spanish; null when all is well. */
  mensaje: z.string().nullable(),
  /** Last complete catalogue/buyers pull. */
  ultimaSincronizacion: z.iso.datetime({ offset: true }).nullable(),
  sincronizando: z.boolean(),
  /** Documents waiting to be mirrored. */
  pendientes: z.number().int().nonnegative(),
  /** Documents Factio refused (422): they need a person; the message says why. */
  conError: z.number().int().nonnegative(),
  ultimoErrorDocumento: z.string().nullable(),
  recursos: z.array(
    z.strictObject({
      recurso: z.string(),
      ultimaSincronizacion: z.iso.datetime({ offset: true }).nullable(),
      error: z.string().nullable(),
    }),
  ),
});
export type FactioEstado = z.infer<typeof factioEstadoSchema>;

export const pruebaFactioSchema = z.strictObject({
  exito: z.boolean(),
  mensaje: z.string(),
  latenciaMs: z.number().int().nonnegative().nullable(),
});
export type PruebaFactio = z.infer<typeof pruebaFactioSchema>;

const fechaSchema = z.iso.date('Use el formato AAAA-MM-DD.');

export const conciliacionFactioSchema = z.strictObject({
  dias: z.array(
    z.strictObject({
      fecha: z.string(),
      /** Documents emitted here that day. */
      locales: z.number().int().nonnegative(),
      /** Of those, acknowledged by Factio. */
      confirmados: z.number().int().nonnegative(),
      /** What Factio says it holds for that day; null when it could not be asked. */
      enFactio: z.number().int().nonnegative().nullable(),
    }),
  ),
  /** Why `enFactio` is missing (offline, no key…); null when every day was asked. */
  mensaje: z.string().nullable(),
});
export type ConciliacionFactio = z.infer<typeof conciliacionFactioSchema>;

export const fuenteCompradorSchema = z.enum(['local', 'factio', 'sri_cache', 'sri']);

/** Issuer data Factio sent that differs from the store's, waiting for an administrador. */
export const cambioEmisorSchema = z.object({
  recibidoEn: z.string(),
  campos: z.array(
    z.object({
      campo: z.string(),
      antes: z.union([z.string(), z.boolean(), z.null()]),
      despues: z.union([z.string(), z.boolean(), z.null()]),
    }),
  ),
});
export type CambioEmisorFactio = z.infer<typeof cambioEmisorSchema>;

export const syncCalls = {
  'factio.estado': defineCall({
    description:
      'Estado de la sincronización con Factio: clave configurada, ambiente, pendientes y errores.',
    input: emptyInput,
    output: factioEstadoSchema,
  }),
  'factio.guardarClave': defineCall({
    description:
      'Guarda la clave de la API de Factio en el llavero del sistema y reanuda la sincronización.',
    input: z.strictObject({
      clave: z
        .string()
        .trim()
        .min(8, 'La clave de la API es más larga; cópiela completa.')
        .max(512, 'La clave de la API es demasiado larga.')
        .regex(/^[\x21-\x7e]+$/, 'La clave solo lleva letras, números y símbolos, sin espacios.'),
      /** An administrador's single-use approval, once the store has users (issue 15). */
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: factioEstadoSchema,
  }),
  'factio.eliminarClave': defineCall({
    description: 'Borra la clave de Factio del llavero; la sincronización se detiene.',
    input: z.strictObject({
      confirmar: z.literal(true),
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: factioEstadoSchema,
  }),
  'factio.probar': defineCall({
    description: 'Prueba la conexión con Factio usando la clave guardada.',
    input: emptyInput,
    output: pruebaFactioSchema,
  }),
  'factio.configurar': defineCall({
    description:
      'Elige el ambiente de Factio (sandbox o producción) y, opcionalmente, una dirección propia.',
    input: z.strictObject({
      ambiente: ambienteFactioSchema,
      url: z
        .url({ protocol: /^https?$/, message: 'Escriba una dirección http(s) válida.' })
        .max(300)
        .nullable()
        .default(null),
      /** An administrador's single-use approval, once the store has users (issue 15). */
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: factioEstadoSchema,
  }),
  'factio.cambioEmisor': defineCall({
    description:
      'Datos del emisor que Factio envió distintos de los de la tienda: no se aplican hasta que un administrador los acepte.',
    input: emptyInput,
    output: cambioEmisorSchema.nullable(),
  }),
  'factio.aceptarCambioEmisor': defineCall({
    description:
      'Un administrador acepta los datos del emisor que propuso Factio (nunca el RUC ni el ambiente).',
    input: z.strictObject({ autorizacion: aprobacionEnLineaSchema.optional() }),
    output: z.object({ aceptado: z.boolean() }),
  }),
  'factio.sincronizar': defineCall({
    description:
      'Trae ahora el catálogo, compradores y establecimientos de Factio y envía lo pendiente.',
    input: emptyInput,
    output: factioEstadoSchema,
  }),
  'factio.conciliacion': defineCall({
    description:
      'Documentos por día: emitidos aquí, confirmados por Factio y los que Factio dice tener.',
    input: z
      .strictObject({ desde: fechaSchema, hasta: fechaSchema })
      .refine((v) => v.desde <= v.hasta, {
        message: 'La fecha inicial es posterior a la final.',
        path: ['desde'],
      })
      .refine((v) => Date.parse(v.hasta) - Date.parse(v.desde) <= 30 * 86_400_000, {
        message: 'Consulte como máximo 31 días a la vez.',
        path: ['hasta'],
      }),
    output: conciliacionFactioSchema,
  }),
  'compradores.consultar': defineCall({
    description:
      'Busca un comprador por RUC o cédula: primero en la base local, luego en Factio (perfil, caché del SRI, SRI) si hay conexión.',
    input: z.strictObject({
      tipoIdentificacion: tipoIdentificacionCajaSchema.optional(),
      identificacion: z.string().trim().min(3, 'Escriba la identificación.').max(20),
    }),
    output: z.strictObject({
      comprador: compradorGuardadoSchema.nullable(),
      fuente: fuenteCompradorSchema.nullable(),
      /** Factio could be asked (or was not needed). */
      enLinea: z.boolean(),
      mensaje: z.string().nullable(),
    }),
  }),
};

export const syncEvents = {
  sincronizacion: factioEstadoSchema,
};
