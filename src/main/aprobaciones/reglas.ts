/**
 * Which calls take a single-use approval and the lowest role that may give it. Main decides
 * this; the renderer's `rolMinimo` only filters the names shown in the dialog.
 */
import type { CallName } from '../../shared/contract';
import type { Rol } from '../db';

const ROL_APROBACION: Partial<Record<CallName, Rol>> = {
  // A price override or a discount beyond the product's limit.
  'ventas.cobrar': 'supervisor',
};

/** @example rolParaAprobar('ventas.cobrar') // 'supervisor' */
export const rolParaAprobar = (accion: CallName): Rol | null => ROL_APROBACION[accion] ?? null;
