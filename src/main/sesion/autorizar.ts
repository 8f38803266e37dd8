/**
 * PIN checks for the session and for sensitive actions. A 4-digit PIN has only 10,000 values,
 * so repeated failures lock that user for a while: guessing at the counter becomes impractical,
 * and every failure and lock is in the audit log.
 */

import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import {
  type AppUser,
  appendAudit,
  checkUserPin,
  type Database,
  deleteSetting,
  getSetting,
  getUser,
  MENSAJE_SIN_PIMIENTA,
  type Rol,
  setSetting,
} from '../db';
import { type Clock, systemClock } from '../log';
import { nombreRol, rolAlcanza } from './roles';

/** A user and their PIN (login, `aprobaciones.solicitar`, domain tests). */
export type CredencialesPin = { usuarioId: string; pin: string };
/**
 * What a sensitive call carries as `autorizacion`. At the public contract a `{ token }` is
 * exchanged by `aceptarAprobacionesDeUnSoloUso` for credentials main marked as approved; an
 * inline PIN is refused there (issue 15).
 */
export type Credenciales = CredencialesPin | { token: string };

// Credentials main itself built from a used-up single-use approval: their PIN was checked when
// the token was issued. Object identity makes them impossible to forge through a transport.
const aprobadas = new WeakSet<object>();

/** Credentials for `usuario` that `autorizar` accepts without a PIN (only main builds them). */
export const credencialesAprobadas = (usuario: AppUser): CredencialesPin => {
  const c = { usuarioId: usuario.id, pin: '' };
  aprobadas.add(c);
  return c;
};

/** Failures in a row that lock a user, and for how long. */
export const MAXIMO_FALLOS_PIN = 5;
export const BLOQUEO_PIN_MS = 60_000;

type Intentos = { fallos: number; bloqueadoHasta: number };

const intentosSchema = z.object({
  fallos: z.number().int().nonnegative(),
  bloqueadoHasta: z.number().int().nonnegative(),
});

// In the settings table, so a lock survives a restart (issue 15): restarting the app no longer
// buys a guesser five more tries.
const claveIntentos = (usuarioId: string) => `sesion.intentos_pin.${usuarioId}`;

const leerIntentos = (db: Database, usuarioId: string): Intentos => {
  const leido = getSetting(db, claveIntentos(usuarioId), intentosSchema);
  return leido.ok && leido.value !== undefined ? leido.value : { fallos: 0, bloqueadoHasta: 0 };
};

const guardarIntentos = (db: Database, usuarioId: string, i: Intentos, clock: Clock): void => {
  if (i.fallos === 0 && i.bloqueadoHasta === 0) deleteSetting(db, claveIntentos(usuarioId));
  else setSetting(db, claveIntentos(usuarioId), i, clock);
};

// One check at a time per user and connection: a burst of parallel guesses is answered one by
// one, so the lock lands after exactly MAXIMO_FALLOS_PIN of them.
const colasPorBase = new WeakMap<object, Map<string, Promise<unknown>>>();
const enCola = <T>(db: Database, usuarioId: string, tarea: () => Promise<T>): Promise<T> => {
  let colas = colasPorBase.get(db.sqlite);
  if (colas === undefined) {
    colas = new Map();
    colasPorBase.set(db.sqlite, colas);
  }
  const anterior = colas.get(usuarioId) ?? Promise.resolve();
  const actual = anterior.then(tarea, tarea);
  const fin = actual.then(
    () => undefined,
    () => undefined,
  );
  colas.set(usuarioId, fin);
  void fin.then(() => {
    if (colas?.get(usuarioId) === fin) colas.delete(usuarioId);
  });
  return actual;
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
export const autorizar = (
  db: Database,
  credenciales: Credenciales,
  rolMinimo: Rol,
  opciones: OpcionesAutorizar = {},
): Promise<Result<AppUser>> => {
  if ('token' in credenciales) {
    // A token reaches a domain only if nothing exchanged it: treat it as spent.
    return Promise.resolve(
      err(
        'aprobacion_vencida',
        'La aprobación ya se usó o venció. Pida al supervisor que apruebe de nuevo.',
        'autorizacion',
      ),
    );
  }
  if (aprobadas.has(credenciales)) {
    return Promise.resolve(yaAprobado(db, credenciales.usuarioId, rolMinimo, opciones));
  }
  return enCola(db, credenciales.usuarioId, () => verificar(db, credenciales, rolMinimo, opciones));
};

const yaAprobado = (
  db: Database,
  usuarioId: string,
  rolMinimo: Rol,
  opciones: OpcionesAutorizar,
): Result<AppUser> => {
  const usuario = getUser(db, usuarioId);
  if (usuario === undefined || !usuario.active) {
    return err('usuario_inactivo', 'Quien aprobó ya no está activo.', 'autorizacion');
  }
  return rolSuficiente(db, usuario, rolMinimo, opciones);
};

const rolSuficiente = (
  db: Database,
  usuario: AppUser,
  rolMinimo: Rol,
  opciones: OpcionesAutorizar,
): Result<AppUser> => {
  const clock = opciones.clock ?? systemClock;
  const accion = opciones.accion ?? 'autorizacion';
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
      `${usuario.nombre} es ${usuario.rol}; esta acción necesita la aprobación de ${nombreRol(rolMinimo)}${rolMinimo === 'administrador' ? '' : ' o superior'}.`,
      'usuarioId',
    );
  }
  return ok(usuario);
};

const verificar = async (
  db: Database,
  credenciales: CredencialesPin,
  rolMinimo: Rol,
  opciones: OpcionesAutorizar,
): Promise<Result<AppUser>> => {
  const clock = opciones.clock ?? systemClock;
  const { usuarioId } = credenciales;
  const accion = opciones.accion ?? 'autorizacion';
  const previo = leerIntentos(db, usuarioId);
  const ahora = clock.now().getTime();
  // Locked: refused without hashing, the correct PIN included.
  if (previo.bloqueadoHasta > ahora) {
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
  // Counted before the slow hash: a crash or a restart mid-check still spent the attempt.
  const fallos = (previo.bloqueadoHasta > 0 ? 0 : previo.fallos) + 1;
  guardarIntentos(db, usuarioId, { fallos, bloqueadoHasta: 0 }, clock);
  const usuario = await checkUserPin(db, usuarioId, credenciales.pin);
  if (usuario === 'sin_pimienta') {
    // The PIN was not checked: the attempt is given back.
    guardarIntentos(db, usuarioId, previo, clock);
    return err('pin_sin_pimienta', MENSAJE_SIN_PIMIENTA, 'pin');
  }
  if (usuario === undefined) {
    const bloquea = fallos >= MAXIMO_FALLOS_PIN;
    guardarIntentos(
      db,
      usuarioId,
      {
        fallos: bloquea ? 0 : fallos,
        bloqueadoHasta: bloquea ? clock.now().getTime() + BLOQUEO_PIN_MS : 0,
      },
      clock,
    );
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
  guardarIntentos(db, usuarioId, { fallos: 0, bloqueadoHasta: 0 }, clock);
  return rolSuficiente(db, usuario, rolMinimo, opciones);
};
