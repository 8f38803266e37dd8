/**
 * The propina of a restaurant sale (issue 16 item 8): none unless the cashier adds it, any
 * amount, 10 % of the subtotal suggested, only where the store says it is a restaurant. It is
 * the XML `propina`, outside the IVA base, and the payments cover total + propina.
 */
import type { Local } from '../../shared/contract/ajustes';
import { err, ok, type Result } from '../../shared/result';
import { porcentajeDe, type Totales } from '../fiscal';

/** 10 % in hundredths of a percent: the customary service charge. */
export const PROPINA_SUGERIDA_BP = 1000;

/**
 * The propina asked for, or why it cannot be taken here.
 * @example propinaDe(250, { esRestaurante: true, … }) // ok(250)
 */
export const propinaDe = (pedida: number | undefined, local: Local): Result<number> => {
  const propina = pedida ?? 0;
  if (propina > 0 && !local.esRestaurante) {
    return err(
      'propina_no_restaurante',
      'La propina solo se registra en restaurantes: un administrador puede activar «Es restaurante» en Ajustes.',
      'propinaCentavos',
    );
  }
  return ok(propina);
};

/**
 * The totals with the propina added to `importeTotal` (it carries no IVA).
 * @example conPropina(totales, 100).importeTotal // totales.importeTotal + 100
 */
export const conPropina = (totales: Totales, propina: number): Totales => ({
  ...totales,
  propina,
  importeTotal: totales.importeTotal - totales.propina + propina,
});

/**
 * 10 % of the subtotal after discounts and before taxes, for restaurants; null elsewhere.
 * @example propinaSugerida({ totalSinImpuestos: 2350, … }, { esRestaurante: true, … }) // 235
 */
export const propinaSugerida = (totales: Totales, local: Local): number | null =>
  local.esRestaurante ? porcentajeDe(totales.totalSinImpuestos, PROPINA_SUGERIDA_BP) : null;
