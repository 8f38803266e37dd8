import type { AvisoCaducidad } from '../../shared/contract/certificado';

const DAY_MS = 86_400_000;
/** Ecuador (continental) has kept UTC−05:00 without daylight saving since 1993. */
const ECUADOR_OFFSET_MS = -5 * 3_600_000;

/**
 * A date as people in Ecuador read it, whatever the machine's time zone.
 * @example formatFechaEcuador(new Date('2025-03-01T03:00:00Z')) // '28/02/2025'
 */
export const formatFechaEcuador = (date: Date): string => {
  const local = new Date(date.getTime() + ECUADOR_OFFSET_MS);
  const dd = String(local.getUTCDate()).padStart(2, '0');
  const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${local.getUTCFullYear()}`;
};

/**
 * Whole days left until `validoHasta` (negative once expired).
 * @example daysLeft('2025-01-31T00:00:00Z', new Date('2025-01-01T00:00:00Z')) // 30
 */
export const daysLeft = (validoHasta: string, now: Date): number =>
  Math.floor((Date.parse(validoHasta) - now.getTime()) / DAY_MS);

/**
 * The checkout warning for a certificate near or past its expiry: `aviso` from 30 days,
 * `urgente` from 15, `critico` from 7 and once expired; `null` before that.
 * @example expiryWarning({ validoHasta: '2025-01-10T00:00:00Z' }, new Date('2025-01-01T00:00:00Z'))?.nivel // 'urgente'
 */
export const expiryWarning = (
  summary: { validoHasta: string },
  now: Date,
): AvisoCaducidad | null => {
  const expiresAt = Date.parse(summary.validoHasta);
  const fecha = formatFechaEcuador(new Date(expiresAt));
  if (expiresAt <= now.getTime()) {
    return {
      dias: 0,
      nivel: 'critico',
      mensaje: `La firma electrónica caducó el ${fecha}. No se pueden emitir comprobantes hasta importar una firma vigente.`,
    };
  }
  const dias = daysLeft(summary.validoHasta, now);
  if (dias > 30) return null;
  const nivel = dias <= 7 ? 'critico' : dias <= 15 ? 'urgente' : 'aviso';
  const cuando = dias === 0 ? 'hoy' : dias === 1 ? 'mañana' : `en ${dias} días`;
  return {
    dias,
    nivel,
    mensaje: `La firma electrónica caduca ${cuando} (${fecha}). Renuévela con su entidad certificadora e impórtela en Ajustes.`,
  };
};
