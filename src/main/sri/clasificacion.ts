/**
 * What to do after a DEVUELTA (SRI.md §7 actions table): QUERY, RETRY, FIX or MANUAL, decided
 * from the ERROR messages. Advertencias (59, 60, 62, 68) never decide anything.
 */
import type { MensajeSri } from './types';

export type AccionDevuelta =
  /** 43/70: the SRI already has the clave (or is processing it): poll autorización, never resend. */
  | { accion: 'consultar_autorizacion'; codigo: string; esperarAntes: boolean }
  /** 45: ask autorización for the clave we sent earlier with that secuencial; not ours → manual. */
  | { accion: 'verificar_secuencial'; codigo: string }
  /** 50/33: resend the same bytes later; 33 (IP sancionada) asks for a long backoff. */
  | { accion: 'reintentar'; codigo: string; backoff: 'normal' | 'largo' }
  /** The document is wrong: REJECTED with the message; a corrected document must be signed again. */
  | { accion: 'corregir'; codigo: string }
  /** Operator or account problem (or a code we do not know): MANUAL_REVIEW_REQUIRED. */
  | { accion: 'revision_manual'; codigo: string | null; conocido: boolean };

const CONSULTAR: Record<string, boolean> = { '43': false, '70': true };
const REINTENTAR: Record<string, 'normal' | 'largo'> = { '50': 'normal', '33': 'largo' };
const CORREGIR = new Set(['26', '35', '36', '39', '47', '48', '49', '52', '58', '64', '67', '69']);
const MANUAL = new Set(['2', '10', '27', '28', '37', '40', '42', '46', '56', '57', '63', '65']);
const ADVERTENCIAS = new Set(['59', '60', '62', '68']);

const normalizarCodigo = (identificador: string): string =>
  identificador.trim().replace(/^0+(?=\d)/, '');

const esError = (m: MensajeSri): boolean =>
  m.tipo.trim().toUpperCase() !== 'ADVERTENCIA' &&
  m.tipo.trim().toUpperCase() !== 'INFORMATIVO' &&
  !ADVERTENCIAS.has(normalizarCodigo(m.identificador));

/**
 * Action for a DEVUELTA, by priority: the SRI holding the clave (43/70) beats everything, then
 * 45, then known manual and fix codes, then unknown codes (manual), and retry only when every
 * error is transient.
 * @example clasificarDevuelta([{ identificador: '43', mensaje: 'CLAVE ACCESO REGISTRADA', informacionAdicional: null, tipo: 'ERROR' }]) // { accion: 'consultar_autorizacion', codigo: '43', esperarAntes: false }
 */
export const clasificarDevuelta = (mensajes: readonly MensajeSri[]): AccionDevuelta => {
  const codigos = mensajes.filter(esError).map((m) => normalizarCodigo(m.identificador));
  const consultar = codigos.find((c) => Object.hasOwn(CONSULTAR, c));
  if (consultar !== undefined) {
    return {
      accion: 'consultar_autorizacion',
      codigo: consultar,
      esperarAntes: CONSULTAR[consultar] === true,
    };
  }
  if (codigos.includes('45')) return { accion: 'verificar_secuencial', codigo: '45' };
  const manual = codigos.find((c) => MANUAL.has(c));
  if (manual !== undefined) return { accion: 'revision_manual', codigo: manual, conocido: true };
  const corregir = codigos.find((c) => CORREGIR.has(c));
  if (corregir !== undefined) return { accion: 'corregir', codigo: corregir };
  const desconocido = codigos.find((c) => !Object.hasOwn(REINTENTAR, c));
  if (desconocido !== undefined) {
    return { accion: 'revision_manual', codigo: desconocido, conocido: false };
  }
  const reintentar = codigos[0];
  if (reintentar !== undefined) {
    return {
      accion: 'reintentar',
      codigo: reintentar,
      backoff: REINTENTAR[reintentar] ?? 'normal',
    };
  }
  // A DEVUELTA without any error message gives us nothing to act on safely.
  return { accion: 'revision_manual', codigo: null, conocido: false };
};

/**
 * One Spanish line describing the SRI messages, for the status history and the UI.
 * @example resumirMensajes([{ identificador: '39', mensaje: 'FIRMA INVALIDA', informacionAdicional: 'x', tipo: 'ERROR' }]) // '39 FIRMA INVALIDA (x)'
 */
export const resumirMensajes = (mensajes: readonly MensajeSri[]): string =>
  mensajes
    .map((m) =>
      [
        m.identificador,
        m.mensaje,
        m.informacionAdicional === null ? '' : `(${m.informacionAdicional})`,
      ]
        .filter((p) => p !== '')
        .join(' '),
    )
    .join('; ');
