/**
 * PIN checks for the session and for sensitive actions. A 4-digit PIN has only 10,000 values,
 * so repeated failures lock that user for a while: guessing at the counter becomes impractical,
 * and every failure and lock is in the audit log.
 */
import { err, ok, type Result } from '../../shared/result';
import { type AppUser, appendAudit, checkUserPin, type Database, getUser, type Rol } from '../db';
import { type Clock, systemClock } from '../log';
import { nombreRol, rolAlcanza } from './roles';

export type Credenciales = { usuarioId: string; pin: string };

/** Failures in a row that lock a user, and for how long. */
export const MAXIMO_FALLOS_PIN = 5;
export const BLOQUEO_PIN_MS = 60_000;

type Intentos = { fallos: number; bloqueadoHasta: number };

// Per connection, so two databases (tests, restore) never share counters. In memory on purpose:
// a restart clears the lock, which costs a guesser a restart per 5 tries.
const intentosPorBase = new WeakMap<object, Map<string, Intentos>>();

const intentosDe = (db: Database): Map<string, Intentos> => {
  let mapa = intentosPorBase.get(db.sqlite);
  if (mapa === undefined) {
    mapa = new Map();
    intentosPorBase.set(db.sqlite, mapa);
  }
  return mapa;
};

export type OpcionesAutorizar = {
  clock?: Clock;
  /** What is being authorized, for the audit entry of a refusal (`nota_credito.emitir`). */
  accion?: string;
};

const segundos = (ms: number): number => Math.ceil(ms / 1000);

/**
 * Checks that `usuarioId` is an active user whose PIN is `pin` and whose role is at least
 * `rolMinimo`. Wrong PINs are counted per user: after 5 in a row that user is locked for 60 s.
 * Refusals are audited; the caller audits the action it then performs.
 * @example await autorizar(db, { usuarioId, pin: '5678' }, 'supervisor') // ok({ nombre: 'Jorge Cedeño', … })
 */
export const autorizar = async (
  db: Database,
  credenciales: Credenciales,
  rolMinimo: Rol,
  opciones: OpcionesAutorizar = {},
): Promise<Result<AppUser>> => {
  const clock = opciones.clock ?? systemClock;
  const { usuarioId } = credenciales;
  const accion = opciones.accion ?? 'autorizacion';
  const intentos = intentosDe(db);
  const previo = intentos.get(usuarioId);
  const ahora = clock.now().getTime();
  if (previo !== undefined && previo.bloqueadoHasta > ahora) {
    return err(
      'pin_bloqueado',
      `Demasiados PIN incorrectos para este usuario. Espere ${segundos(previo.bloqueadoHasta - ahora)} s e intente de nuevo.`,
      'pin',
    );
  }
  const conocido = getUser(db, usuarioId);
  if (conocido === undefined) {
    return err('usuario_desconocido', 'El usuario no existe.', 'usuarioId');
  }
  if (!conocido.active) {
    return err('usuario_inactivo', `${conocido.nombre} está desactivado.`, 'usuarioId');
  }
  const usuario = await checkUserPin(db, usuarioId, credenciales.pin);
  if (usuario === undefined) {
    const fallos = (intentos.get(usuarioId)?.fallos ?? 0) + 1;
    const bloquea = fallos >= MAXIMO_FALLOS_PIN;
    intentos.set(usuarioId, {
      fallos: bloquea ? 0 : fallos,
      bloqueadoHasta: bloquea ? clock.now().getTime() + BLOQUEO_PIN_MS : 0,
    });
    appendAudit(
      db,
      {
        userId: usuarioId,
        action: bloquea ? 'sesion.pin_bloqueado' : 'sesion.pin_incorrecto',
        detail: { accion, fallos },
      },
      clock,
    );
    return bloquea
      ? err(
          'pin_bloqueado',
          `PIN incorrecto. Tras ${MAXIMO_FALLOS_PIN} intentos fallidos, este usuario queda bloqueado ${segundos(BLOQUEO_PIN_MS)} s.`,
          'pin',
        )
      : err('pin_incorrecto', 'PIN incorrecto.', 'pin');
  }
  intentos.delete(usuarioId);
  if (!rolAlcanza(usuario.rol, rolMinimo)) {
    appendAudit(
      db,
      {
        userId: usuario.id,
        action: 'autorizacion.rol_insuficiente',
        detail: { accion, rol: usuario.rol, rolMinimo },
      },
      clock,
    );
    return err(
      'rol_insuficiente',
      `${usuario.nombre} es ${usuario.rol}; esta acción necesita la autorización de ${nombreRol(rolMinimo)}${rolMinimo === 'administrador' ? '' : ' o superior'}.`,
      'usuarioId',
    );
  }
  return ok(usuario);
};
