import type { FormaPagoCaja } from '../../../shared/contract/ventas';
import type { Tecla } from '../../keymap';

/**
 * Keys of the checkout. Function keys, because a scanner only types digits and Enter and so
 * can never press one. F1 (help) and Alt+1…5 (screens) belong to the shell; F5 (reload) and
 * F11 (full screen) stay with the browser, so a slip of the finger never loses a cart. Every
 * F-key left is taken, so the propina is Alt+P (by `code`, so any layout; never with AltGr).
 */
export type AccionCobro =
  | { tipo: 'buscar' }
  | { tipo: 'comprador' }
  | { tipo: 'efectivo' }
  | { tipo: 'pago'; formaPago: Exclude<FormaPagoCaja, '01'> }
  | { tipo: 'cantidad' }
  | { tipo: 'descuento' }
  | { tipo: 'quitar' }
  | { tipo: 'propina' }
  | { tipo: 'cobrar' };

const sinModificadores = (t: Tecla): boolean =>
  !t.altKey && !t.ctrlKey && !t.shiftKey && !t.metaKey;

/** @example accionCobro({ key: 'F12', … }) // { tipo: 'cobrar' } */
export const accionCobro = (t: Tecla): AccionCobro | null => {
  if (t.key === 'Delete' && t.ctrlKey && !t.altKey && !t.metaKey) return { tipo: 'quitar' };
  if (t.code === 'KeyP' && t.altKey && !t.altGraph && !t.ctrlKey && !t.shiftKey && !t.metaKey) {
    return { tipo: 'propina' };
  }
  if (!sinModificadores(t)) return null;
  switch (t.key) {
    case 'F2':
      return { tipo: 'buscar' };
    case 'F3':
      return { tipo: 'comprador' };
    case 'F4':
      return { tipo: 'efectivo' };
    case 'F6':
      return { tipo: 'pago', formaPago: '16' };
    case 'F7':
      return { tipo: 'pago', formaPago: '19' };
    case 'F8':
      return { tipo: 'pago', formaPago: '20' };
    case 'F9':
      return { tipo: 'cantidad' };
    case 'F10':
      return { tipo: 'descuento' };
    case 'F12':
      return { tipo: 'cobrar' };
    default:
      return null;
  }
};

/** What the on-screen key bar shows, in order. */
export const atajosCobro: readonly { teclas: string; accion: string }[] = [
  { teclas: 'F2', accion: 'Buscar producto' },
  { teclas: 'F3', accion: 'Comprador' },
  { teclas: 'F4', accion: 'Efectivo' },
  { teclas: 'F6', accion: 'Débito' },
  { teclas: 'F7', accion: 'Crédito' },
  { teclas: 'F8', accion: 'Transferencia' },
  { teclas: 'F9', accion: 'Cantidad' },
  { teclas: 'F10', accion: 'Descuento' },
  { teclas: 'Ctrl+Supr', accion: 'Quitar línea' },
  { teclas: 'Alt+P', accion: 'Propina' },
  { teclas: '↑ ↓', accion: 'Elegir línea' },
  { teclas: 'Esc', accion: 'Volver al lector' },
  { teclas: 'F12', accion: 'Cobrar' },
];

/** SRI tabla 24 names, as the cashier says them. */
export const nombreFormaPago: Record<FormaPagoCaja, string> = {
  '01': 'Efectivo',
  '16': 'Tarjeta de débito',
  '17': 'Dinero electrónico',
  '18': 'Tarjeta prepago',
  '19': 'Tarjeta de crédito',
  '20': 'Transferencia',
};

/** Document statuses (docs/architecture.md §4) in the cashier's words. */
export const nombreEstado = (estado: string): string => {
  switch (estado) {
    case 'SIGNED':
    case 'RECEPTION_PENDING':
      return 'Firmada, por enviar al SRI';
    case 'SUBMITTED_TO_SRI':
    case 'RECEPTION_UNKNOWN':
    case 'RECEPTION_RETRY_SCHEDULED':
      return 'Enviándose al SRI';
    case 'RECEIVED_BY_SRI':
    case 'AUTHORIZATION_PENDING':
    case 'AUTHORIZATION_RETRY_SCHEDULED':
    case 'AUTHORIZATION_UNKNOWN':
      return 'Recibida, esperando autorización';
    case 'AUTHORIZED':
      return 'Autorizada por el SRI';
    case 'REJECTED':
      return 'Rechazada: revisar en Conciliación';
    case 'MANUAL_REVIEW_REQUIRED':
    case 'FAILED_PERMANENT':
      return 'Requiere revisión en Conciliación';
    case 'CANCELLATION_REQUESTED':
    case 'CANCELLED':
      return 'Anulada';
    case 'VOIDED_BY_NC':
      return 'Anulada con nota de crédito';
    default:
      return estado;
  }
};
