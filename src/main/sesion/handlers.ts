import type { Usuario } from '../../shared/contract/sesion';
import { ok, type Result } from '../../shared/result';
import { type AppUser, type Database, type IdGenerator, listUsers } from '../db';
import type { Clock } from '../log';
import type { HandlerGroup } from '../rpc';
import { autorizar, type Credenciales } from './autorizar';
import type { SesionService } from './service';
import { cambiarPin, crearUsuario, desactivarUsuario } from './usuarios';

export type SesionHandlersDeps = {
  db: Database;
  sesion: SesionService;
  clock: Clock;
  ids: IdGenerator;
};

/** @example usuarioPublico(getUser(db, id)) // { id, nombre: 'Jorge Cedeño', rol: 'supervisor', activo: true } */
export const usuarioPublico = (u: AppUser): Usuario => ({
  id: u.id,
  nombre: u.nombre,
  rol: u.rol,
  activo: u.active,
});

const publico = (r: Result<AppUser>): Result<Usuario> => (r.ok ? ok(usuarioPublico(r.value)) : r);

type SesionCall =
  | 'usuarios.listar'
  | 'sesion.actual'
  | 'sesion.iniciar'
  | 'sesion.cerrar'
  | 'usuarios.crear'
  | 'usuarios.cambiarPin'
  | 'usuarios.desactivar';

/** `sesion.*` and `usuarios.*` calls: PIN login and user management by an administrador. */
export const createSesionHandlers = (deps: SesionHandlersDeps): HandlerGroup<SesionCall> => {
  const { db, sesion, clock } = deps;
  const sesionActual = () => {
    const usuario = sesion.actual();
    return ok({ usuario: usuario === null ? null : usuarioPublico(usuario) });
  };
  const administrador = (autorizacion: Credenciales, accion: string) =>
    autorizar(db, autorizacion, 'administrador', { clock, accion });
  return {
    'usuarios.listar': () => ok(listUsers(db).map(usuarioPublico)),
    'sesion.actual': sesionActual,
    'sesion.iniciar': async (credenciales) => {
      const iniciada = await sesion.iniciar(credenciales);
      return iniciada.ok ? sesionActual() : iniciada;
    },
    'sesion.cerrar': () => {
      sesion.cerrar();
      return sesionActual();
    },
    'usuarios.crear': async ({ autorizacion, ...input }) => {
      const admin = await administrador(autorizacion, 'usuarios.crear');
      if (!admin.ok) return admin;
      return publico(await crearUsuario(deps, input, admin.value));
    },
    'usuarios.cambiarPin': async ({ autorizacion, ...input }) => {
      const admin = await administrador(autorizacion, 'usuarios.cambiarPin');
      if (!admin.ok) return admin;
      return publico(await cambiarPin(deps, input, admin.value));
    },
    'usuarios.desactivar': async ({ autorizacion, ...input }) => {
      const admin = await administrador(autorizacion, 'usuarios.desactivar');
      if (!admin.ok) return admin;
      const hecho = desactivarUsuario(deps, input, admin.value);
      // A deactivated user's session ends at once (`actual` re-reads the user).
      sesion.actual();
      return publico(hecho);
    },
  };
};
