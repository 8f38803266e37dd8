/**
 * A clock moved back (issue 17 §6). Retry times computed before the jump would lie weeks
 * ahead, so a document waiting for an SRI retry would sit until the old time came back. No
 * wait is ever longer than the longest backoff, so any time further ahead than that came from
 * a jump: it is pulled back to now + that backoff — at start, and whenever a jump is seen while
 * running (the wall clock falls behind the monotonic one).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { POLL_BACKOFF, RETRY_BACKOFF, SLOW_DOWN_BACKOFF } from '../jobs';
import type { Clock, Logger } from '../log';

/** The longest wait any queue schedules (SRI "slow down"): nothing legitimate is further. */
export const ESPERA_MAXIMA_MS = Math.max(
  RETRY_BACKOFF.capMs,
  POLL_BACKOFF.capMs,
  SLOW_DOWN_BACKOFF.capMs,
);
/** The workers' job lease (outbox and sync: two minutes). */
export const LEASE_MAXIMO_MS = 120_000;

/**
 * Pulls back every pending retry time and lease further ahead than the longest backoff.
 * Returns how many rows moved.
 * @example acotarEsperas(db.sqlite, clock.now())
 */
export const acotarEsperas = (sqlite: BetterSqlite3.Database, ahora: Date): number => {
  const tope = new Date(ahora.getTime() + ESPERA_MAXIMA_MS).toISOString();
  const topeLease = new Date(ahora.getTime() + LEASE_MAXIMO_MS).toISOString();
  return sqlite.transaction(() => {
    let movidas = 0;
    movidas += sqlite
      .prepare(
        "UPDATE outbox_job SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at > ?",
      )
      .run(tope, tope).changes;
    movidas += sqlite
      .prepare(
        "UPDATE outbox_job SET locked_until = ? WHERE status = 'pending' AND locked_until > ?",
      )
      .run(topeLease, topeLease).changes;
    movidas += sqlite
      .prepare(
        "UPDATE print_job SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at > ?",
      )
      .run(tope, tope).changes;
    return movidas;
  })();
};

export type VigiaReloj = {
  /** Compares the clocks now; true when it saw a backward jump (and clamped). */
  revisar: () => boolean;
  detener: () => void;
};

/**
 * Clamps now, then every `intervaloMs` checks whether the wall clock fell behind the monotonic
 * one by more than `toleranciaMs`; if so clamps again and calls `alAcotar` (wake the queues).
 * @example const vigia = vigilarReloj({ sqlite, clock, logger, alAcotar: () => outbox.wake() })
 */
export const vigilarReloj = (deps: {
  sqlite: BetterSqlite3.Database;
  clock: Clock;
  logger: Logger;
  alAcotar: () => void;
  monotono?: () => number;
  intervaloMs?: number;
  toleranciaMs?: number;
}): VigiaReloj => {
  const monotono = deps.monotono ?? (() => performance.now());
  const tolerancia = deps.toleranciaMs ?? 60_000;
  const acotar = (motivo: string): void => {
    try {
      const movidas = acotarEsperas(deps.sqlite, deps.clock.now());
      if (movidas > 0) {
        deps.logger.warn('Esperas acotadas por un cambio de hora', { motivo, movidas });
        deps.alAcotar();
      }
    } catch (error) {
      deps.logger.error('No se pudieron acotar las esperas', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };
  acotar('inicio');
  let pared = deps.clock.now().getTime();
  let mono = monotono();
  const revisar = (): boolean => {
    const ahoraPared = deps.clock.now().getTime();
    const ahoraMono = monotono();
    const esperada = pared + (ahoraMono - mono);
    pared = ahoraPared;
    mono = ahoraMono;
    if (ahoraPared >= esperada - tolerancia) return false;
    deps.logger.warn('La hora del equipo retrocedió', {
      segundos: Math.round((esperada - ahoraPared) / 1000),
    });
    acotar('salto_atras');
    return true;
  };
  const timer = setInterval(revisar, deps.intervaloMs ?? 30_000);
  timer.unref();
  return { revisar, detener: () => clearInterval(timer) };
};

/**
 * The cashier's warning when this sale's date is before the previous document of its emission
 * point (the clock was moved back): the SRI may reject it, and the day's reports will not match.
 * @example createAvisoFechaAtras(db.sqlite)(emissionPointId, '2026-11-01') // 'La fecha de esta …' or null
 */
export const createAvisoFechaAtras = (sqlite: BetterSqlite3.Database) => {
  // Prepared once: it runs inside every sale's transaction.
  const ultimaFecha = sqlite.prepare<[string], { fecha: string | null }>(
    'SELECT max(fecha_emision) AS fecha FROM document WHERE emission_point_id = ?',
  );
  return (emissionPointId: string, fechaEmision: string): string | null => {
    const previo = ultimaFecha.get(emissionPointId);
    if (previo?.fecha == null || previo.fecha <= fechaEmision) return null;
    return `La fecha de esta factura (${fechaEmision}) es anterior a la del último comprobante de este punto de emisión (${previo.fecha}): la hora del equipo parece atrasada. Revise la fecha y hora del equipo antes de seguir vendiendo.`;
  };
};
