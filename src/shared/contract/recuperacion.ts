import { z } from 'zod';
import { defineCall, emptyInput } from './define';
import { credencialesSchema } from './sesion';

/** An administrador's confirmation that a backup of another store is restored over this one. */
export const confirmarOtroRucSchema = z.strictObject({
  rucRespaldo: z.string().regex(/^\d{13}$/),
  rucTienda: z.string().regex(/^\d{13}$/),
});

/** A backup offered on the recovery screen. */
export const respaldoRecuperableSchema = z.object({
  nombre: z.string(),
  ruta: z.string(),
  tomadoEn: z.string(),
  /**
   * Documents issued after it (from the secuenciales' mark kept outside the database), which
   * the restore cannot bring back; null when unknown.
   */
  faltan: z.number().int().nonnegative().nullable(),
  /** The administradores of that backup: one of them authorizes the restore with a PIN. */
  administradores: z.array(z.object({ id: z.string(), nombre: z.string() })),
  /** The backup's issuer RUC; null when it has none. */
  ruc: z.string().nullable(),
  /**
   * The RUCs this store is still known by (damaged database, secuenciales mark); empty when
   * unknown. A backup of another RUC needs `confirmarOtroRuc` (issue 15 §6).
   */
  rucsTienda: z.array(z.string()),
});
export type RespaldoRecuperable = z.infer<typeof respaldoRecuperableSchema>;

export const recuperacionEstadoSchema = z.object({
  /** True when the database is damaged or cannot open: the app only offers the restore. */
  necesaria: z.boolean(),
  /** What happened, in words for the store owner. */
  motivo: z.string().nullable(),
  /** The newest backup that passes its integrity check, or null when there is none. */
  ultimoRespaldo: respaldoRecuperableSchema.nullable(),
});
export type RecuperacionEstado = z.infer<typeof recuperacionEstadoSchema>;

/**
 * The recovery screen (issue 17 §1–3). Both calls are served before the database opens: by
 * the recovery handler table when the store is damaged, and by the normal one otherwise.
 */
export const recuperacionCalls = {
  'recuperacion.estado': defineCall({
    description: 'Si la base de datos está dañada: qué pasó y el último respaldo bueno.',
    input: emptyInput,
    output: recuperacionEstadoSchema,
  }),
  'recuperacion.restaurar': defineCall({
    description:
      'Restaura un respaldo sobre una base dañada (PIN de un administrador del respaldo) y abre la tienda.',
    input: z.strictObject({
      archivo: z.string().min(1).max(4096),
      /**
       * An administrador of the backup, checked against the backup itself: there is no database
       * open to hold a single-use approval, so the PIN comes with this one call.
       */
      credenciales: credencialesSchema,
      /** Restoring another store's backup: both RUCs, as the screen showed them. */
      confirmarOtroRuc: confirmarOtroRucSchema.optional(),
    }),
    output: z.object({
      /** The sentence to show: what was restored and where the damaged file went. */
      mensaje: z.string(),
    }),
  }),
};

export const recuperacionEvents = {
  /** The database turned out damaged while running: the renderer reloads into the screen. */
  recuperacion: z.object({ necesaria: z.boolean() }),
};
