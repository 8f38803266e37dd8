import * as z from 'zod';
import { defineCall, emptyInput } from './define';

export const rolSchema = z.enum(['cajero', 'supervisor', 'administrador']);
export type RolUsuario = z.infer<typeof rolSchema>;

/** What the renderer may know of a user: never the PIN hash. */
export const usuarioSchema = z.object({
  id: z.string(),
  nombre: z.string(),
  rol: rolSchema,
  activo: z.boolean(),
});
export type Usuario = z.infer<typeof usuarioSchema>;

/** 4 to 8 digits, as typed on a POS keypad (same rule as `validatePin` in main). */
export const pinSchema = z.string().regex(/^[0-9]{4,8}$/, 'El PIN debe tener de 4 a 8 dígitos.');

/** Who and their PIN: the login (`sesion.iniciar`) and `aprobaciones.solicitar`. */
export const credencialesSchema = z.strictObject({
  usuarioId: z.string().min(1).max(64),
  pin: pinSchema,
});
export type Credenciales = z.infer<typeof credencialesSchema>;

/**
 * A supervisor's or administrador's approval embedded in a sensitive call (the field keeps its
 * public name, `autorizacion`). Only the single-use `{ token }` of `aprobaciones.solicitar` is
 * honoured; the old inline `{ usuarioId, pin }` still parses, so main can answer an older
 * client in Spanish instead of a bare validation error, but it is refused (issue 15).
 */
export const aprobacionEnLineaSchema = z.union([
  z.strictObject({
    token: z
      .string()
      .regex(/^[A-Za-z0-9_-]{32,64}$/, 'La aprobación no es válida; vuelva a pedirla.'),
  }),
  credencialesSchema,
]);
export type AprobacionEnLinea = z.infer<typeof aprobacionEnLineaSchema>;

export const sesionSchema = z.object({
  /** The counter's current user; `null` shows the PIN login. */
  usuario: usuarioSchema.nullable(),
});
export type Sesion = z.infer<typeof sesionSchema>;

/** Pushed when the counter's user changes (login, logout, deactivation, first administrador). */
export const sesionEvents = {
  sesion: sesionSchema,
};

export const sesionCalls = {
  'usuarios.listar': defineCall({
    description: 'Usuarios del local (nombre, rol, si está activo) para el ingreso con PIN.',
    input: emptyInput,
    output: z.array(usuarioSchema),
  }),
  'sesion.actual': defineCall({
    description: 'El usuario que tiene abierta la sesión en este equipo, o ninguno.',
    input: emptyInput,
    output: sesionSchema,
  }),
  'sesion.iniciar': defineCall({
    description: 'Abre la sesión de un usuario con su PIN (cambia de usuario si había otro).',
    input: credencialesSchema,
    output: sesionSchema,
  }),
  'sesion.cerrar': defineCall({
    description: 'Cierra la sesión del usuario actual.',
    input: emptyInput,
    output: sesionSchema,
  }),
  'usuarios.crear': defineCall({
    description: 'Crea un usuario con su PIN; lo autoriza un administrador.',
    input: z.strictObject({
      autorizacion: aprobacionEnLineaSchema,
      nombre: z.string().trim().min(2, 'Escriba el nombre del usuario.').max(80),
      rol: rolSchema,
      pin: pinSchema,
    }),
    output: usuarioSchema,
  }),
  'usuarios.cambiarPin': defineCall({
    description: 'Cambia el PIN de un usuario; lo autoriza un administrador.',
    input: z.strictObject({
      autorizacion: aprobacionEnLineaSchema,
      usuarioId: z.string().min(1).max(64),
      pin: pinSchema,
    }),
    output: usuarioSchema,
  }),
  'usuarios.desactivar': defineCall({
    description:
      'Desactiva un usuario (no se borra: sus ventas lo nombran); lo autoriza un administrador.',
    input: z.strictObject({
      autorizacion: aprobacionEnLineaSchema,
      usuarioId: z.string().min(1).max(64),
    }),
    output: usuarioSchema,
  }),
};
