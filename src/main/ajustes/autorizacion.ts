import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import { err, ok, type Result } from '../../shared/result';
import { type AppUser, type Database, listUsers, type Rol } from '../db';
import type { Clock } from '../log';
import { autorizar, nombreRol } from '../sesion';

/** True once the store has an active user: from then on every change in Ajustes is authorized. */
export const hayUsuariosActivos = (db: Database): boolean => listUsers(db).some((u) => u.active);

/**
 * Checks the inline authorization a change in Ajustes carries. A fresh install has no users yet
 * (onboarding creates the first administrador), so nothing can be checked and `ok(null)` lets
 * the owner configure the store; afterwards a missing or wrong authorization refuses the change.
 * @example await exigirAutorizacion(db, { usuarioId, pin: '9012' }, 'administrador', { clock, accion: 'ajustes.emisor' })
 */
export const exigirAutorizacion = async (
  db: Database,
  autorizacion: AprobacionEnLinea | undefined,
  rol: Rol,
  opciones: { clock: Clock; accion: string },
): Promise<Result<AppUser | null>> => {
  if (!hayUsuariosActivos(db)) return ok(null);
  if (autorizacion === undefined) {
    return err(
      'autorizacion_requerida',
      `Este cambio necesita la autorización de ${nombreRol(rol)}.`,
      'autorizacion',
    );
  }
  return autorizar(db, autorizacion, rol, opciones);
};
