/**
 * The counter's current user: one per app instance (one terminal, one ptoEmi), held in main so
 * every sale and action can name who did it. Logging in and out is audited.
 */
import { err, ok, type Result } from '../../shared/result';
import { type AppUser, appendAudit, type Database, getUser } from '../db';
import type { Clock, Logger } from '../log';
import { autorizar, type Credenciales } from './autorizar';

export type SesionDeps = {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Told whenever the current user changes (for the renderer's `sesion` event). */
  alCambiar?: (usuario: AppUser | null) => void;
};

export type SesionService = {
  /** The logged-in user, or null (also when that user was deactivated meanwhile). */
  actual: () => AppUser | null;
  /** Id of the logged-in user, for `sale.user_id` and audit entries. */
  usuarioActualId: () => string | null;
  /** Logs a user in with their PIN (any role); replaces whoever was logged in. */
  iniciar: (credenciales: Credenciales) => Promise<Result<AppUser>>;
  /** Logs in without a PIN: only for the demo store's cashier at start-up. */
  iniciarSinPin: (usuarioId: string) => Result<AppUser>;
  cerrar: () => void;
};

/** @example const sesion = createSesionService({ db, clock, logger }); await sesion.iniciar({ usuarioId, pin: '1234' }) */
export const createSesionService = (deps: SesionDeps): SesionService => {
  const { db, clock, logger } = deps;
  let usuarioId: string | null = null;

  const actual = (): AppUser | null => {
    if (usuarioId === null) return null;
    const usuario = getUser(db, usuarioId);
    if (usuario === undefined || !usuario.active) {
      usuarioId = null;
      deps.alCambiar?.(null);
      return null;
    }
    return usuario;
  };

  const abrir = (usuario: AppUser, detalle: Record<string, unknown>): AppUser => {
    const anterior = usuarioId;
    usuarioId = usuario.id;
    appendAudit(
      db,
      { userId: usuario.id, action: 'sesion.iniciada', detail: { ...detalle, anterior } },
      clock,
    );
    logger.info('Sesión iniciada', { usuarioId: usuario.id, rol: usuario.rol });
    deps.alCambiar?.(usuario);
    return usuario;
  };

  return {
    actual,
    usuarioActualId: () => actual()?.id ?? null,
    iniciar: async (credenciales) => {
      const autorizado = await autorizar(db, credenciales, 'cajero', {
        clock,
        accion: 'sesion.iniciar',
      });
      if (!autorizado.ok) return autorizado;
      return ok(abrir(autorizado.value, { conPin: true }));
    },
    iniciarSinPin: (id) => {
      const usuario = getUser(db, id);
      if (usuario === undefined || !usuario.active) {
        return err('usuario_desconocido', 'El usuario no existe o está desactivado.', 'usuarioId');
      }
      return ok(abrir(usuario, { conPin: false }));
    },
    cerrar: () => {
      const usuario = actual();
      usuarioId = null;
      if (usuario === null) return;
      appendAudit(db, { userId: usuario.id, action: 'sesion.cerrada' }, clock);
      logger.info('Sesión cerrada', { usuarioId: usuario.id });
      deps.alCambiar?.(null);
    },
  };
};
