/**
 * Single-use approvals (issue 15 item 4): a supervisor types their PIN once, main checks it (with
 * the PIN lockout) and hands back a random token bound to one call and one input hash. The
 * action then carries the token, never the PIN: a captured request cannot be replayed, and a
 * token approves nothing else.
 */
import { randomBytes } from 'node:crypto';
import { type CallName, isCallName } from '../../shared/contract';
import type { AprobacionEmitida } from '../../shared/contract/aprobaciones';
import { err, ok, type Result } from '../../shared/result';
import { type AppUser, appendAudit, type Database, type Rol } from '../db';
import type { Clock } from '../log';
import { huellaDe, huellaDeEntrada } from './huella';
import { rolParaAprobar } from './reglas';

/** About a minute: enough to press Enter after the PIN, too short to keep one for later. */
export const VIGENCIA_APROBACION_MS = 60_000;

type Pendiente = {
  accion: CallName;
  huella: string;
  usuario: AppUser;
  vence: number;
};

export type Aprobaciones = {
  solicitar: (input: {
    usuarioId: string;
    pin: string;
    accion: string;
    entrada: Record<string, unknown>;
  }) => Promise<Result<AprobacionEmitida>>;
  /**
   * Uses up `token` for `accion` with this parsed input: the approver, or a Spanish error. The
   * token is gone either way, so it cannot be probed.
   */
  consumir: (token: string, accion: CallName, entrada: Record<string, unknown>) => Result<AppUser>;
};

export type AprobacionesDeps = {
  db: Database;
  clock: Clock;
  /** The PIN check with lockout (`autorizar` of the session). */
  verificarPin: (
    credenciales: { usuarioId: string; pin: string },
    rol: Rol,
    accion: string,
  ) => Promise<Result<AppUser>>;
  /** 32 random bytes by default; tests may pass a fixed source. */
  aleatorio?: () => string;
};

/** @example const a = createAprobaciones({ db, clock, verificarPin }); await a.solicitar({ usuarioId, pin, accion: 'ventas.cobrar', entrada }) */
export const createAprobaciones = (deps: AprobacionesDeps): Aprobaciones => {
  const { db, clock } = deps;
  const pendientes = new Map<string, Pendiente>();
  const aleatorio = deps.aleatorio ?? (() => randomBytes(32).toString('base64url'));

  const limpiar = (ahora: number) => {
    for (const [t, p] of pendientes) if (p.vence <= ahora) pendientes.delete(t);
  };

  return {
    solicitar: async ({ usuarioId, pin, accion, entrada }) => {
      if (!isCallName(accion)) {
        return err('accion_desconocida', `La operación «${accion}» no existe.`, 'accion');
      }
      const rol = rolParaAprobar(accion);
      if (rol === null) {
        return err(
          'sin_aprobacion',
          `La operación «${accion}» no se aprueba con PIN de supervisor.`,
          'accion',
        );
      }
      const huella = huellaDeEntrada(accion, entrada);
      if (!huella.ok) return huella;
      const usuario = await deps.verificarPin({ usuarioId, pin }, rol, accion);
      if (!usuario.ok) return usuario;
      const ahora = clock.now().getTime();
      limpiar(ahora);
      const token = aleatorio();
      const vence = ahora + VIGENCIA_APROBACION_MS;
      pendientes.set(token, { accion, huella: huella.value, usuario: usuario.value, vence });
      appendAudit(
        db,
        { userId: usuario.value.id, action: 'aprobacion.emitida', detail: { accion } },
        clock,
      );
      return ok({
        token,
        venceEn: new Date(vence).toISOString(),
        aprobadoPor: { id: usuario.value.id, nombre: usuario.value.nombre },
      });
    },
    consumir: (token, accion, entrada) => {
      const pendiente = pendientes.get(token);
      pendientes.delete(token);
      const ahora = clock.now().getTime();
      if (pendiente === undefined || pendiente.vence <= ahora) {
        return err(
          'aprobacion_vencida',
          'La aprobación ya se usó o venció (dura un minuto). Pida al supervisor que apruebe de nuevo.',
          'aprobacion',
        );
      }
      if (pendiente.accion !== accion || pendiente.huella !== huellaDe(accion, entrada)) {
        appendAudit(
          db,
          {
            userId: pendiente.usuario.id,
            action: 'aprobacion.no_coincide',
            detail: { aprobada: pendiente.accion, usada: accion },
          },
          clock,
        );
        return err(
          'aprobacion_no_coincide',
          'La aprobación era para otra operación o para otros datos. Pida al supervisor que apruebe esta.',
          'aprobacion',
        );
      }
      return ok(pendiente.usuario);
    },
  };
};
