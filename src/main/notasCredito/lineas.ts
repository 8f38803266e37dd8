/**
 * How a returned quantity of one factura line becomes a nota de crédito line. The unit price
 * and IVA code are the invoice's (docs/sri.md §8); the line discount is returned in proportion, and
 * the return that takes the last units takes exactly what is left of the line's base, so the
 * notes of one line never add up to more than the line (cumulative ≤ invoice).
 */
import {
  CODIGO_IVA,
  dividirRedondeando,
  type LineaBorrador,
  multiplicarACentavos,
} from '../fiscal';

/** A factura line as stored, with what earlier notes (not rejected) already credited. */
export type LineaAcreditable = {
  linea: number;
  codigoPrincipal: string;
  codigoAuxiliar: string | null;
  descripcion: string;
  unidadMedida: string | null;
  cantidadMicros: number;
  precioUnitarioMicros: number;
  descuentoCentavos: number;
  /** `precioTotalSinImpuesto` of the factura line. */
  subtotalCentavos: number;
  ivaCodigoPorcentaje: string;
  devueltaMicros: number;
  /** Σ `precioTotalSinImpuesto` of the earlier notes' lines for it. */
  baseDevueltaCentavos: number;
};

/** @example disponible(linea) // 2_000_000 (2 units still returnable) */
export const disponible = (l: LineaAcreditable): number =>
  Math.max(0, l.cantidadMicros - l.devueltaMicros);

/**
 * The nota de crédito line returning `cantidadMicros` of `l` (already checked ≤ what is left).
 * @example lineaDevuelta(linea3x100conDescuento30, 1_000_000) // { cantidad: 1_000_000, precioUnitario: 1_000_000, descuento: 10, … }
 */
export const lineaDevuelta = (l: LineaAcreditable, cantidadMicros: number): LineaBorrador => {
  const bruto = multiplicarACentavos(cantidadMicros, l.precioUnitarioMicros);
  const baseRestante = l.subtotalCentavos - l.baseDevueltaCentavos;
  // Smallest discount that keeps this line's base within what is left of the invoice line.
  const minimo = Math.max(0, bruto - baseRestante);
  const ultima = cantidadMicros === disponible(l);
  const proporcional = Number(
    dividirRedondeando(
      BigInt(l.descuentoCentavos) * BigInt(cantidadMicros),
      BigInt(Math.max(1, l.cantidadMicros)),
    ),
  );
  const descuento = ultima ? minimo : Math.min(bruto, Math.max(proporcional, minimo));
  return {
    codigoPrincipal: l.codigoPrincipal,
    ...(l.codigoAuxiliar === null ? {} : { codigoAuxiliar: l.codigoAuxiliar }),
    descripcion: l.descripcion,
    ...(l.unidadMedida === null ? {} : { unidadMedida: l.unidadMedida }),
    cantidad: cantidadMicros,
    precioUnitario: l.precioUnitarioMicros,
    descuento,
    impuesto: { codigo: CODIGO_IVA, codigoPorcentaje: l.ivaCodigoPorcentaje },
  };
};
