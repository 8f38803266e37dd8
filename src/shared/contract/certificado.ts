import * as z from 'zod';
import { defineCall, emptyInput } from './define';
import { aprobacionEnLineaSchema } from './sesion';

/** A firma electrónica is a few KB; 100 KB leaves room for long chains and stops abuse. */
export const MAX_P12_BYTES = 100 * 1024;
const MAX_P12_BASE64_CHARS = Math.ceil(MAX_P12_BYTES / 3) * 4;

/**
 * How the p12 password is kept: in the OS keychain (signs after a restart without asking), or
 * asked once at each start (`preguntar`). The data key is in the keychain either way.
 */
export const modoDesbloqueoSchema = z.enum(['keychain', 'preguntar']);
export type ModoDesbloqueo = z.infer<typeof modoDesbloqueoSchema>;

/**
 * What the renderer may know of the certificate. Strict on purpose: no PEM, p12 bytes, password
 * or key can ride along in an extra field.
 */
export const certificadoResumenSchema = z.strictObject({
  id: z.string(),
  titular: z.string(),
  /** RUC of the holder as written in the certificate; null when it carries none. */
  ruc: z.string().nullable(),
  /** Company name for company certificates; null for a natural person. */
  razonSocial: z.string().nullable(),
  /** Issuing CA (Banco Central, Security Data, ANF…). */
  emisor: z.string(),
  serie: z.string(),
  validoDesde: z.iso.datetime({ offset: true }),
  validoHasta: z.iso.datetime({ offset: true }),
  diasRestantes: z.number().int(),
  modo: modoDesbloqueoSchema,
  importadoEn: z.iso.datetime({ offset: true }),
});
export type CertificadoResumen = z.infer<typeof certificadoResumenSchema>;

/** Expiry warning for the checkout screen: 30, 15 and 7 days before, and once expired. */
export const avisoCaducidadSchema = z.strictObject({
  dias: z.number().int(),
  nivel: z.enum(['aviso', 'urgente', 'critico']),
  mensaje: z.string(),
});
export type AvisoCaducidad = z.infer<typeof avisoCaducidadSchema>;

/**
 * The training certificate that signs in demo mode while the store has imported none: made up at
 * start, accepted only by the built-in SRI simulator.
 */
export const certificadoCapacitacionSchema = z.strictObject({
  titular: z.string(),
  ruc: z.string().nullable(),
  validoHasta: z.iso.datetime({ offset: true }),
});
export type CertificadoCapacitacion = z.infer<typeof certificadoCapacitacionSchema>;

export const certificadoEstadoSchema = z.strictObject({
  certificado: certificadoResumenSchema.nullable(),
  /** Who signs when no firma is imported: the training certificate in demo mode, else null. */
  capacitacion: certificadoCapacitacionSchema.nullable(),
  /** The private key is unlocked in main and sales can be signed. */
  desbloqueado: z.boolean(),
  aviso: avisoCaducidadSchema.nullable(),
  /** Non-blocking findings of an import, e.g. the certificate RUC differs from the issuer's. */
  advertencias: z.array(z.string()),
  /**
   * The certificate is of another RUC than the issuer's (e.g. the legal representative's):
   * it signs only once an administrador confirmed it, naming both RUCs. Null when they match.
   */
  otroRuc: z
    .strictObject({
      rucCertificado: z.string().nullable(),
      rucEmisor: z.string(),
      confirmado: z.boolean(),
    })
    .nullable()
    .optional(),
});
export type CertificadoEstado = z.infer<typeof certificadoEstadoSchema>;

export const certificadoCalls = {
  'certificado.resumen': defineCall({
    description: 'Firma electrónica en uso: titular, RUC, emisor, vigencia y aviso de caducidad.',
    input: emptyInput,
    output: certificadoEstadoSchema,
  }),
  'certificado.importar': defineCall({
    description:
      'Importa un archivo .p12: lo valida, lo cifra en la base y guarda la clave en el llavero del sistema.',
    input: z.strictObject({
      p12Base64: z
        .string()
        .min(1, 'Elija el archivo de la firma electrónica (.p12).')
        .max(MAX_P12_BASE64_CHARS, 'El archivo es demasiado grande para ser una firma electrónica.')
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'El archivo no llegó completo (base64 inválido).'),
      password: z.string().min(1, 'Escriba la contraseña de la firma.').max(256),
      modo: modoDesbloqueoSchema,
      /** An administrador's, once the store has users (checked in main, Ajustes). */
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: certificadoEstadoSchema,
  }),
  'certificado.desbloquear': defineCall({
    description: 'Desbloquea la firma guardada con su contraseña (modo «preguntar»).',
    input: z.strictObject({
      password: z.string().min(1, 'Escriba la contraseña de la firma.').max(256),
    }),
    output: certificadoEstadoSchema,
  }),
  'certificado.confirmarOtroRuc': defineCall({
    description:
      'Un administrador confirma que se firma con el certificado de otro RUC (p. ej. del representante legal), nombrando ambos RUC.',
    input: z.strictObject({
      /** As the administrador reads it on the certificate (null when it carries none). */
      rucCertificado: z.string().trim().max(13).nullable(),
      rucEmisor: z
        .string()
        .trim()
        .regex(/^\d{13}$/, 'El RUC del emisor tiene 13 dígitos.'),
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: certificadoEstadoSchema,
  }),
  'certificado.eliminar': defineCall({
    description: 'Quita la firma electrónica en uso y borra sus claves del llavero.',
    input: z.strictObject({
      confirmar: z.literal(true),
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: certificadoEstadoSchema,
  }),
};
