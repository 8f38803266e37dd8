import * as z from 'zod';
import { defineCall, emptyInput } from './define';
import { confirmarOtroRucSchema } from './recuperacion';
import { aprobacionEnLineaSchema } from './sesion';

const fechaSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use fechas AAAA-MM-DD.');

export const respaldoSchema = z.object({
  nombre: z.string(),
  ruta: z.string(),
  tomadoEn: z.string(),
  tipo: z.enum(['diario', 'manual', 'migracion', 'antes_de_restaurar']),
  bytes: z.number().int().nonnegative(),
});
export type Respaldo = z.infer<typeof respaldoSchema>;

export const respaldosEstadoSchema = z.object({
  /** Where daily and on-demand copies go. */
  carpeta: z.string(),
  respaldos: z.array(respaldoSchema),
  /** A restore staged for the next start. */
  pendiente: z.object({ origen: z.string(), solicitadaEn: z.string() }).nullable(),
  /** What happened to a restore at this start: done (with its safety copy) or refused. */
  aviso: z.string().nullable(),
});
export type RespaldosEstado = z.infer<typeof respaldosEstadoSchema>;

/** A file written by main; `contenidoBase64` only when the caller asked to download it. */
export const exportacionSchema = z.object({
  archivo: z.string(),
  nombre: z.string(),
  bytes: z.number().int().nonnegative(),
  contenidoBase64: z.string().nullable(),
});
export type Exportacion = z.infer<typeof exportacionSchema>;

export const esperaSchema = z.object({
  motivo: z.enum(['venta_abierta', 'nota_credito', 'documento_en_envio']),
  mensaje: z.string(),
});

export const canalSchema = z.enum(['estable', 'beta']);

export const actualizacionEstadoSchema = z.object({
  version: z.string(),
  url: z.string().nullable(),
  canal: canalSchema,
  estado: z.discriminatedUnion('fase', [
    z.object({ fase: z.literal('sin_configurar') }),
    z.object({ fase: z.literal('buscando') }),
    z.object({ fase: z.literal('al_dia'), revisadaEn: z.string(), nota: z.string().nullable() }),
    z.object({ fase: z.literal('descargando'), version: z.string() }),
    z.object({ fase: z.literal('lista'), version: z.string(), esperas: z.array(esperaSchema) }),
    z.object({ fase: z.literal('instalando'), version: z.string() }),
    z.object({ fase: z.literal('error'), revisadaEn: z.string(), mensaje: z.string() }),
  ]),
});
export type ActualizacionEstado = z.infer<typeof actualizacionEstadoSchema>;

/**
 * Backups, the documents archive, diagnostics and updates (issue 11): Ajustes › Respaldos,
 * Conciliación's export and the update status.
 */
export const mantenimientoCalls = {
  'respaldos.estado': defineCall({
    description: 'Carpeta de respaldos, copias disponibles y restauración pendiente.',
    input: emptyInput,
    output: respaldosEstadoSchema,
  }),
  'respaldos.tomar': defineCall({
    description: 'Toma ahora una copia de la base de datos en la carpeta de respaldos.',
    input: emptyInput,
    output: respaldoSchema,
  }),
  'respaldos.elegirCarpeta': defineCall({
    description:
      'Cambia la carpeta de respaldos (disco externo, carpeta de red). Sin ruta, la aplicación de escritorio abre un diálogo.',
    input: z.strictObject({
      carpeta: z.string().trim().min(1).max(1000).optional(),
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: z.object({ carpeta: z.string().nullable() }),
  }),
  'respaldos.restaurar': defineCall({
    description:
      'Revisa un respaldo (integridad, versión, esquema y RUC) y lo deja listo: reemplaza la base de datos al volver a abrir Mostrador, guardando antes una copia de la actual.',
    input: z.strictObject({
      archivo: z.string().trim().min(1).max(1000),
      /**
       * Another store's backup (issue 15 §6): the administrador confirms naming both RUCs, as
       * `respaldos.revisar` gave them; part of the input the approval is bound to.
       */
      confirmarOtroRuc: confirmarOtroRucSchema.optional(),
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: z.object({
      archivo: z.string(),
      migraciones: z.number().int(),
      pendientes: z.number().int(),
      /** The desktop app restarts by itself; the browser host must be started again. */
      reinicio: z.enum(['automatico', 'manual']),
    }),
  }),
  'respaldos.revisar': defineCall({
    description:
      'Revisa un respaldo sin restaurarlo (integridad, versión y esquema) y dice de qué RUC es frente al de esta tienda.',
    input: z.strictObject({ archivo: z.string().trim().min(1).max(1000) }),
    output: z.object({
      archivo: z.string(),
      /** The backup's issuer RUC; null when it has none. */
      rucRespaldo: z.string().nullable(),
      /** This store's RUC; null before the issuer is set. */
      rucTienda: z.string().nullable(),
    }),
  }),
  'respaldos.cancelarRestauracion': defineCall({
    description: 'Descarta una restauración pendiente.',
    /** The same approval as `respaldos.restaurar`, whose decision it undoes (issue 15). */
    input: z.strictObject({ autorizacion: aprobacionEnLineaSchema.optional() }),
    output: z.object({ cancelada: z.boolean() }),
  }),
  'archivo.exportar': defineCall({
    description:
      'Exporta los comprobantes autorizados de un rango de fechas (XML firmado, autorización y RIDE) a un ZIP con índice.',
    input: z.strictObject({
      desde: fechaSchema,
      hasta: fechaSchema,
      /** Return the bytes for a browser download (the browser host). */
      descargar: z.boolean().default(false),
    }),
    output: exportacionSchema.extend({ documentos: z.number().int() }),
  }),
  'diagnostico.exportar': defineCall({
    description:
      'Reúne registros y estadísticas de la base (sin datos personales ni claves) en un ZIP para soporte.',
    input: z.strictObject({ descargar: z.boolean().default(false) }),
    output: exportacionSchema,
  }),
  'actualizaciones.estado': defineCall({
    description: 'Versión instalada, canal y estado de la próxima actualización.',
    input: emptyInput,
    output: actualizacionEstadoSchema,
  }),
  'actualizaciones.revisar': defineCall({
    description: 'Busca ahora una actualización en el canal configurado y la descarga.',
    input: emptyInput,
    output: actualizacionEstadoSchema,
  }),
  'actualizaciones.configurar': defineCall({
    description: 'Cambia la dirección del canal de actualizaciones y el canal (estable o beta).',
    input: z.strictObject({
      url: z
        .url({ protocol: /^https?$/ })
        .nullable()
        .optional(),
      canal: canalSchema.optional(),
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: actualizacionEstadoSchema,
  }),
  'actualizaciones.instalar': defineCall({
    description:
      'El supervisor instala ya la actualización descargada; se rechaza si hay una venta abierta o un documento en envío.',
    input: z.strictObject({ autorizacion: aprobacionEnLineaSchema }),
    output: z.object({ version: z.string() }),
  }),
  'app.carritoAbierto': defineCall({
    description:
      'La caja avisa si tiene una venta abierta: mientras la tenga no se instala ninguna actualización.',
    input: z.strictObject({ abierto: z.boolean() }),
    output: z.object({ abierto: z.boolean() }),
  }),
};
