/**
 * Purchases above USD 500 must go through the financial system for the buyer to keep the IVA
 * credit and the deduction (Ley de Eficiencia Económica, Dec 2023, Art. 25; docs/sri.md §8). The
 * counter warns and suggests card or transfer; the cashier may still take cash.
 */
import type { AppError } from '../../shared/result';
import { CONSUMIDOR_FINAL, formatCentavos } from '../fiscal';
import { EFECTIVO } from './pagos';

/** USD 500.00: above it, cash costs an identified buyer the IVA credit. */
export const LIMITE_EFECTIVO_CENTAVOS = 50_000;

export const AVISO_EFECTIVO = 'efectivo_sobre_500';

/**
 * The warning for a sale to an identified buyer over USD 500 paid (or about to be paid: no
 * payment yet means the exact total in cash) in cash; null otherwise.
 * @example avisoEfectivo('05', 60_000, ['01']) // { code: 'efectivo_sobre_500', … }
 */
export const avisoEfectivo = (
  tipoIdentificacion: string,
  totalCentavos: number,
  formasPago: readonly string[],
): AppError | null => {
  if (tipoIdentificacion === CONSUMIDOR_FINAL.tipoIdentificacion) return null;
  if (totalCentavos <= LIMITE_EFECTIVO_CENTAVOS) return null;
  if (formasPago.length > 0 && !formasPago.includes(EFECTIVO)) return null;
  return {
    code: AVISO_EFECTIVO,
    message: `Venta de $${formatCentavos(totalCentavos)} a un comprador identificado: sobre USD 500, pagada en efectivo, el comprador pierde el crédito tributario del IVA. Sugiera tarjeta (F6, F7) o transferencia (F8); para cobrar en efectivo igualmente, pulse F12 otra vez.`,
    field: 'pagos',
  };
};
