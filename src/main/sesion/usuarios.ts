/**
 * User management by an administrador: create with a PIN, change a PIN, deactivate. Users are
 * never deleted (sales and the audit log name them). Every change is an audit entry naming the
 * administrador who authorized it, never the PIN.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import { err, ok, type Result } from '../../shared/result';
import {
  type AppUser,
  appendAudit,
  createUser,
  type Database,
  getUser,
  hashPin,
  type IdGenerator,
  pimientaDe,
  type Rol,
  schema,
  validatePin,
} from '../db';
import type { Clock } from '../log';

export type UsuariosDeps = { db: Database; clock: Clock; ids: IdGenerator };

const nombreRepetido = (db: Database, nombre: string, excepto?: string): boolean => {
  const filtro = sql`lower(${schema.appUser.nombre}) = lower(${nombre}) AND ${schema.appUser.active} = 1`;
  const fila = db.orm
    .select({ id: schema.appUser.id })
    .from(schema.appUser)
    .where(excepto === undefined ? filtro : and(filtro, ne(schema.appUser.id, excepto)))
    .get();
  return fila !== undefined;
};

/** Creates an active user; `autorizadoPor` is the administrador who approved it. */
export const crearUsuario = async (
  deps: UsuariosDeps,
  input: { nombre: string; rol: Rol; pin: string },
  autorizadoPor: AppUser,
): Promise<Result<AppUser>> => {
  const pin = validatePin(input.pin);
  if (!pin.ok) return pin;
  const nombre = input.nombre.trim();
  if (nombreRepetido(deps.db, nombre)) {
    return err(
      'usuario_repetido',
      `Ya hay un usuario activo llamado «${nombre}»; use otro nombre para distinguirlos al ingresar.`,
      'nombre',
    );
  }
  const creado = await createUser(deps.db, { nombre, rol: input.rol, pin: pin.value }, deps);
  appendAudit(
    deps.db,
    {
      userId: autorizadoPor.id,
      action: 'usuario.creado',
      detail: { usuarioId: creado.id, nombre: creado.nombre, rol: creado.rol },
    },
    deps.clock,
  );
  return ok(creado);
};

/** Replaces a user's PIN with a new slow hash. */
export const cambiarPin = async (
  deps: UsuariosDeps,
  input: { usuarioId: string; pin: string },
  autorizadoPor: AppUser,
): Promise<Result<AppUser>> => {
  const pin = validatePin(input.pin);
  if (!pin.ok) return pin;
  const usuario = getUser(deps.db, input.usuarioId);
  if (usuario === undefined)
    return err('usuario_desconocido', 'El usuario no existe.', 'usuarioId');
  if (!usuario.active) {
    return err('usuario_inactivo', `${usuario.nombre} está desactivado.`, 'usuarioId');
  }
  const pinHash = await hashPin(pin.value, await pimientaDe(deps.db));
  deps.db.sqlite.transaction(() => {
    deps.db.orm
      .update(schema.appUser)
      .set({ pinHash })
      .where(eq(schema.appUser.id, usuario.id))
      .run();
    appendAudit(
      deps.db,
      {
        userId: autorizadoPor.id,
        action: 'usuario.pin_cambiado',
        detail: { usuarioId: usuario.id, nombre: usuario.nombre },
      },
      deps.clock,
    );
  })();
  return ok(usuario);
};

/** Deactivates a user; the last active administrador cannot be, or nobody could manage users. */
export const desactivarUsuario = (
  deps: UsuariosDeps,
  input: { usuarioId: string },
  autorizadoPor: AppUser,
): Result<AppUser> => {
  const usuario = getUser(deps.db, input.usuarioId);
  if (usuario === undefined)
    return err('usuario_desconocido', 'El usuario no existe.', 'usuarioId');
  if (!usuario.active) {
    return err('usuario_inactivo', `${usuario.nombre} ya está desactivado.`, 'usuarioId');
  }
  return deps.db.sqlite
    .transaction((): Result<AppUser> => {
      if (usuario.rol === 'administrador') {
        const otros = deps.db.orm
          .select({ id: schema.appUser.id })
          .from(schema.appUser)
          .where(
            and(
              eq(schema.appUser.rol, 'administrador'),
              eq(schema.appUser.active, true),
              ne(schema.appUser.id, usuario.id),
            ),
          )
          .get();
        if (otros === undefined) {
          return err(
            'ultimo_administrador',
            `${usuario.nombre} es el único administrador activo; cree otro administrador antes de desactivarlo.`,
            'usuarioId',
          );
        }
      }
      deps.db.orm
        .update(schema.appUser)
        .set({ active: false })
        .where(eq(schema.appUser.id, usuario.id))
        .run();
      appendAudit(
        deps.db,
        {
          userId: autorizadoPor.id,
          action: 'usuario.desactivado',
          detail: { usuarioId: usuario.id, nombre: usuario.nombre, rol: usuario.rol },
        },
        deps.clock,
      );
      return ok({ ...usuario, active: false });
    })
    .immediate();
};
