import type { Result } from '../../shared/result';
import { err } from '../../shared/result';
import { type AppUser, type Database, listUsers } from '../db';
import { DEMO_USERS } from '../demo';
import type { SesionService } from './service';

/**
 * Training mode opens as the demo store's cashier, so anyone can sell at once; a supervisor
 * still has to type their PIN to authorize what a cashier may not do.
 */
export const iniciarSesionDemo = (db: Database, sesion: SesionService): Result<AppUser> => {
  const cajero = DEMO_USERS.find((u) => u.rol === 'cajero');
  const usuario = listUsers(db).find(
    (u) => u.active && u.rol === 'cajero' && u.nombre === cajero?.nombre,
  );
  if (usuario === undefined) {
    return err('sin_cajero_demo', 'La tienda de demostración no tiene su cajero.');
  }
  return sesion.iniciarSinPin(usuario.id);
};
