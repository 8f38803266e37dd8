/**
 * How the money handed over at the counter becomes SRI `pagos` and change. Card, transfer and
 * other electronic payments are charged exactly; cash covers the rest and may exceed it (the
 * difference is the change). Pure: integer cents in, integer cents out.
 */
import { err, ok, type Result } from '../../shared/result';
import { formatCentavos } from '../fiscal';

export type PagoEntregado = { formaPago: string; montoCentavos: number };

export type PagosResueltos = {
  /** What goes into the XML: one entry per forma de pago, cash as the amount kept. */
  pagos: { formaPago: string; total: number; entregado: number | null }[];
  pagadoCentavos: number;
  vueltoCentavos: number;
};

export const EFECTIVO = '01';

/**
 * @example resolverPagos([{ formaPago: '19', montoCentavos: 600 }, { formaPago: '01', montoCentavos: 2000 }], 1609)
 * // ok({ pagos: [{ formaPago: '19', total: 600, … }, { formaPago: '01', total: 1009, entregado: 2000 }], vueltoCentavos: 991, … })
 */
export const resolverPagos = (
  entregados: readonly PagoEntregado[],
  totalCentavos: number,
): Result<PagosResueltos> => {
  const porForma = new Map<string, number>();
  for (const pago of entregados) {
    porForma.set(pago.formaPago, (porForma.get(pago.formaPago) ?? 0) + pago.montoCentavos);
  }
  const efectivo = porForma.get(EFECTIVO) ?? 0;
  porForma.delete(EFECTIVO);
  const electronico = [...porForma.values()].reduce((a, b) => a + b, 0);
  const pagado = efectivo + electronico;

  if (entregados.length === 0) {
    if (totalCentavos === 0) {
      return ok({
        pagos: [{ formaPago: EFECTIVO, total: 0, entregado: null }],
        pagadoCentavos: 0,
        vueltoCentavos: 0,
      });
    }
    return err(
      'sin_pago',
      `Registre el pago: el total es $${formatCentavos(totalCentavos)}.`,
      'pagos',
    );
  }
  if (electronico > totalCentavos) {
    return err(
      'pago_excede',
      `Los pagos con tarjeta o transferencia ($${formatCentavos(electronico)}) superan el total ($${formatCentavos(totalCentavos)}). Corrija el monto; solo el efectivo da vuelto.`,
      'pagos',
    );
  }
  if (pagado < totalCentavos) {
    return err(
      'pago_insuficiente',
      `Falta cobrar $${formatCentavos(totalCentavos - pagado)}: el total es $${formatCentavos(totalCentavos)} y se han registrado $${formatCentavos(pagado)}.`,
      'pagos',
    );
  }
  const efectivoCobrado = totalCentavos - electronico;
  const pagos: PagosResueltos['pagos'] = [...porForma.entries()].map(([formaPago, total]) => ({
    formaPago,
    total,
    entregado: null,
  }));
  if (efectivoCobrado > 0 || pagos.length === 0) {
    pagos.push({ formaPago: EFECTIVO, total: efectivoCobrado, entregado: efectivo });
  }
  return ok({ pagos, pagadoCentavos: pagado, vueltoCentavos: pagado - totalCentavos });
};
