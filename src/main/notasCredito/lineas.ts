/**
 * How a returned quantity of one factura line becomes a nota de crédito line. The unit price
 * and IVA code are the invoice's (docs/sri.md §8); the line discount is returned in proportion, and
 * the return that takes the last units takes exactly what is left of the line's base, so the
 * notes of one line never add up to more than the line (cumulative ≤ invoice).
 *
 * The IVA is allocated the same way, per line and per rate: a note takes the IVA of everything
 * returned so far minus what earlier notes took, never more than is left, and the return that
 * completes the line (or the rate) takes exactly the remainder. Rounding each note on its own
 * (2 × 1.10 at 15 %: 0.17 + 0.17 of an invoice IVA of 0.33) would refund more than was paid.
 */
import {
  CODIGO_IVA,
  dividirRedondeando,
  type IvaAsignadoPorTarifa,
  type LineaBorrador,
  multiplicarACentavos,
  porcentajeDe,
} from '../fiscal';

/** An invoice's IVA on one base (a line, or one rate's `totalImpuesto`) and what notes took. */
export type IvaAcreditable = {
  baseCentavos: number;
  ivaCentavos: number;
  /** Rate in basis points (15 % = 1500), the invoice's. */
  tarifaBp: number;
  baseDevueltaCentavos: number;
  ivaDevueltoCentavos: number;
};

/**
 * IVA of a note that returns `baseCentavos` more of `a`: round2(all returned × tarifa) minus
 * what earlier notes took, within what is left; exactly the rest when this completes the base.
 * Clamped to a cent above the note's own rounding so notes issued before this rule (each
 * rounded alone) cannot push one note's IVA out of line with its base.
 * @example ivaDevuelto({ baseCentavos: 220, ivaCentavos: 33, tarifaBp: 1500, baseDevueltaCentavos: 110, ivaDevueltoCentavos: 17 }, 110) // 16
 */
export const ivaDevuelto = (a: IvaAcreditable, baseCentavos: number): number => {
  const queda = Math.max(0, a.ivaCentavos - a.ivaDevueltoCentavos);
  const acumulada = a.baseDevueltaCentavos + baseCentavos;
  const objetivo =
    acumulada >= a.baseCentavos
      ? queda
      : porcentajeDe(acumulada, a.tarifaBp) - a.ivaDevueltoCentavos;
  const tope = porcentajeDe(baseCentavos, a.tarifaBp) + 1;
  return Math.max(0, Math.min(objetivo, queda, tope));
};

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
  tarifaBp: number;
  /** The factura line's IVA. */
  ivaCentavos: number;
  devueltaMicros: number;
  /** Σ `precioTotalSinImpuesto` of the earlier notes' lines for it. */
  baseDevueltaCentavos: number;
  /** Σ IVA of the earlier notes' lines for it. */
  ivaDevueltoCentavos: number;
};

/** One `totalImpuesto` of the factura and what the earlier notes credited of that rate. */
export type TarifaAcreditable = IvaAcreditable & { codigoPorcentaje: string };

/** @example disponible(linea) // 2_000_000 (2 units still returnable) */
export const disponible = (l: LineaAcreditable): number =>
  Math.max(0, l.cantidadMicros - l.devueltaMicros);

/** 10^10: micro-units × micro-dollars → cents. */
const MICROS_A_CENTAVOS = 10_000_000_000n;

/**
 * Unit price of the return that takes the last units of a line. Usually the invoice's; but
 * when earlier partial returns each rounded down (3 × 1.0049 = 3.01, returned one by one as
 * 1.00 + 1.00), the last units at that price (1.00) cannot reach what is left (1.01) and a
 * discount cannot be negative, so the price becomes the smallest one, in micro-dollars, whose
 * rounded amount covers the rest. The buyer gets back exactly what was paid for the line.
 * @example precioParaCubrir(1_000_000, 1_004_900, 101) // 1_005_000
 */
export const precioParaCubrir = (
  cantidadMicros: number,
  precioMicros: number,
  baseRestante: number,
): number => {
  if (multiplicarACentavos(cantidadMicros, precioMicros) >= baseRestante) return precioMicros;
  // round(q × p / 10^10) ≥ R (half-up) ⇔ q × p ≥ (2R − 1) × 10^10 / 2.
  const minimo = BigInt(2 * baseRestante - 1) * (MICROS_A_CENTAVOS / 2n);
  const q = BigInt(cantidadMicros);
  const precio = (minimo + q - 1n) / q;
  return precio > BigInt(Number.MAX_SAFE_INTEGER) ? precioMicros : Number(precio);
};

/**
 * The nota de crédito line returning `cantidadMicros` of `l` (already checked ≤ what is left).
 * @example lineaDevuelta(linea3x100conDescuento30, 1_000_000) // { cantidad: 1_000_000, precioUnitario: 1_000_000, descuento: 10, … }
 */
export const lineaDevuelta = (l: LineaAcreditable, cantidadMicros: number): LineaBorrador => {
  const baseRestante = l.subtotalCentavos - l.baseDevueltaCentavos;
  const ultima = cantidadMicros === disponible(l);
  const precioUnitario = ultima
    ? precioParaCubrir(cantidadMicros, l.precioUnitarioMicros, baseRestante)
    : l.precioUnitarioMicros;
  const bruto = multiplicarACentavos(cantidadMicros, precioUnitario);
  // Smallest discount that keeps this line's base within what is left of the invoice line.
  const minimo = Math.max(0, bruto - baseRestante);
  const proporcional = Number(
    dividirRedondeando(
      BigInt(l.descuentoCentavos) * BigInt(cantidadMicros),
      BigInt(Math.max(1, l.cantidadMicros)),
    ),
  );
  const descuento = ultima ? minimo : Math.min(bruto, Math.max(proporcional, minimo));
  const ivaAsignado = ivaDevuelto(
    {
      baseCentavos: l.subtotalCentavos,
      ivaCentavos: l.ivaCentavos,
      tarifaBp: l.tarifaBp,
      baseDevueltaCentavos: l.baseDevueltaCentavos,
      ivaDevueltoCentavos: l.ivaDevueltoCentavos,
    },
    bruto - descuento,
  );
  return {
    codigoPrincipal: l.codigoPrincipal,
    ...(l.codigoAuxiliar === null ? {} : { codigoAuxiliar: l.codigoAuxiliar }),
    descripcion: l.descripcion,
    ...(l.unidadMedida === null ? {} : { unidadMedida: l.unidadMedida }),
    cantidad: cantidadMicros,
    precioUnitario,
    descuento,
    impuesto: { codigo: CODIGO_IVA, codigoPorcentaje: l.ivaCodigoPorcentaje },
    ivaAsignado,
  };
};

/** `precioTotalSinImpuesto` of a note line. */
const baseDe = (l: LineaBorrador): number =>
  multiplicarACentavos(l.cantidad, l.precioUnitario) - l.descuento;

/**
 * Each rate's IVA for a note with these lines, allocated from what is left of the invoice's
 * `totalImpuesto` of that rate.
 * @example ivaPorTarifa(borradores, [{ codigoPorcentaje: '4', baseCentavos: 220, ivaCentavos: 33, … }]) // { '4': 16 }
 */
export const ivaPorTarifa = (
  borradores: readonly LineaBorrador[],
  tarifas: readonly TarifaAcreditable[],
): IvaAsignadoPorTarifa => {
  const bases = new Map<string, number>();
  for (const b of borradores) {
    const codigo = b.impuesto.codigoPorcentaje;
    bases.set(codigo, (bases.get(codigo) ?? 0) + baseDe(b));
  }
  const asignado: Record<string, number> = {};
  for (const [codigo, base] of bases) {
    const t = tarifas.find((x) => x.codigoPorcentaje === codigo);
    if (t !== undefined) asignado[codigo] = ivaDevuelto(t, base);
  }
  return asignado;
};
