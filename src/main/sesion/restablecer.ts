/**
 * Setting an administrador's PIN again from a shell (`mostrador restablecer-pin`), for data
 * whose PINs this computer cannot check: a backup restored on another computer, whose keychain
 * lacks the pepper the PINs were hashed with (issue 15 §5, docs/operations.md). Whoever runs it
 * already has the data folder; the PIN only gates the app. The administrador then sets the
 * other users' PINs in Ajustes › Usuarios.
 */
import { eq } from 'drizzle-orm';
import { err, ok, type Result } from '../../shared/result';
import {
  type AppUser,
  appendAudit,
  type Database,
  deleteSetting,
  hashPin,
  listUsers,
  pimientaDe,
  schema,
  validatePin,
} from '../db';
import type { Clock } from '../log';

/**
 * @example await restablecerPinAdministrador(db, { usuario: 'Rosa Villamar', pin: '2468' }, clock)
 */
export const restablecerPinAdministrador = async (
  db: Database,
  input: { usuario: string; pin: string },
  clock: Clock,
): Promise<Result<AppUser>> => {
  const pin = validatePin(input.pin);
  if (!pin.ok) return pin;
  const buscado = input.usuario.trim().toLocaleLowerCase('es');
  const admins = listUsers(db).filter((u) => u.rol === 'administrador' && u.active);
  const usuario = admins.find(
    (u) => u.id === input.usuario.trim() || u.nombre.toLocaleLowerCase('es') === buscado,
  );
  if (usuario === undefined) {
    return err(
      'usuario_desconocido',
      `No hay un administrador activo «${input.usuario}». Administradores: ${admins.map((a) => a.nombre).join(', ') || 'ninguno'}.`,
      'usuario',
    );
  }
  const pinHash = await hashPin(pin.value, await pimientaDe(db));
  db.sqlite.transaction(() => {
    db.orm.update(schema.appUser).set({ pinHash }).where(eq(schema.appUser.id, usuario.id)).run();
    deleteSetting(db, `sesion.intentos_pin.${usuario.id}`);
    appendAudit(
      db,
      {
        userId: null,
        action: 'usuario.pin_restablecido',
        detail: {
          usuarioId: usuario.id,
          nombre: usuario.nombre,
          desde: 'mostrador restablecer-pin',
        },
      },
      clock,
    );
  })();
  return ok(usuario);
};
