/**
 * What to do after a DEVUELTA (docs/sri.md §7 actions table): QUERY, RETRY, FIX or MANUAL, decided
 * from the ERROR messages. Advertencias (59, 60, 62, 68) never decide anything.
 */

import { assertNever } from '../../shared/result';
import {
  ACCIONES_CODIGO_SRI,
  type AccionSri,
  clasificarCodigoSri,
  type Evento,
  eventoDevuelta,
} from '../fiscal/estados';
import type { MensajeSri } from './types';

type EventoDevuelta = Extract<
  Evento,
  | 'devuelta_consultar'
  | 'devuelta_45'
  | 'devuelta_transitoria'
  | 'devuelta_permanente'
  | 'revision_manual'
>;

/** The fiscal status-machine event plus what the worker needs to schedule the next step. */
export type AccionDevuelta =
  /** 43/70: the SRI already has the clave (or is processing it): poll autorización, never resend. */
  | {
      accion: 'consultar_autorizacion';
      evento: 'devuelta_consultar';
      codigo: string;
      esperarAntes: boolean;
    }
  /** 45: ask autorización for the clave we sent earlier with that secuencial; not ours → manual. */
  | { accion: 'verificar_secuencial'; evento: 'devuelta_45'; codigo: '45' }
  /** 50/33: resend the same bytes later; 33 (IP sancionada) asks for a long backoff. */
  | {
      accion: 'reintentar';
      evento: 'devuelta_transitoria';
      codigo: string;
      backoff: 'normal' | 'largo';
    }
  /** The document is wrong: REJECTED with the message; a corrected document must be signed again. */
  | { accion: 'corregir'; evento: 'devuelta_permanente'; codigo: string }
  /** Operator or account problem (or a code we do not know): MANUAL_REVIEW_REQUIRED. */
  | {
      accion: 'revision_manual';
      evento: 'revision_manual';
      codigo: string | null;
      conocido: boolean;
    };

const normalizarCodigo = (identificador: string): string =>
  identificador.trim().replace(/^0+(?=\d)/, '');

// Advertencias may carry codes we do not know; only errors decide (docs/sri.md §7: 59–68 are logged).
const esError = (m: MensajeSri): boolean => {
  const tipo = m.tipo.trim().toUpperCase();
  return tipo !== 'ADVERTENCIA' && tipo !== 'INFORMATIVO';
};

/**
 * Action for a DEVUELTA from its ERROR messages, using the fiscal table of codes and its
 * priority (`eventoDevuelta`): 43/70, then 45, then account problems and unknown codes, then
 * document errors, then transient ones.
 * @example clasificarDevuelta([{ identificador: '43', mensaje: 'CLAVE ACCESO REGISTRADA', informacionAdicional: null, tipo: 'ERROR' }]) // { accion: 'consultar_autorizacion', evento: 'devuelta_consultar', codigo: '43', esperarAntes: false }
 */
export const clasificarDevuelta = (mensajes: readonly MensajeSri[]): AccionDevuelta => {
  const codigos = mensajes.filter(esError).map((m) => normalizarCodigo(m.identificador));
  const primero = (accion: AccionSri): string | undefined =>
    codigos.find((c) => clasificarCodigoSri(c) === accion);
  const evento = eventoDevuelta(codigos) as EventoDevuelta;
  switch (evento) {
    case 'devuelta_consultar': {
      const codigo = codigos.find((c) => c === '43' || c === '70') ?? '43';
      // 70 "en procesamiento": asking at once only finds it unprocessed.
      return { accion: 'consultar_autorizacion', evento, codigo, esperarAntes: codigo === '70' };
    }
    case 'devuelta_45':
      return { accion: 'verificar_secuencial', evento, codigo: '45' };
    case 'devuelta_transitoria':
      return {
        accion: 'reintentar',
        evento,
        codigo: primero('RETRY') ?? '50',
        backoff: codigos.includes('33') ? 'largo' : 'normal',
      };
    case 'devuelta_permanente':
      return { accion: 'corregir', evento, codigo: primero('FIX') ?? '35' };
    case 'revision_manual': {
      const conocido = codigos.find((c) => ACCIONES_CODIGO_SRI[c] === 'MANUAL');
      if (conocido !== undefined) {
        return { accion: 'revision_manual', evento, codigo: conocido, conocido: true };
      }
      const desconocido = codigos.find((c) => !Object.hasOwn(ACCIONES_CODIGO_SRI, c)) ?? null;
      return { accion: 'revision_manual', evento, codigo: desconocido, conocido: false };
    }
    default:
      return assertNever(evento);
  }
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
