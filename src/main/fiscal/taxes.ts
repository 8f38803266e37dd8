/**
 * Taxes of a sale: the IVA table (docs/sri.md §4, tabla 17 of the ficha técnica), the tax of one
 * line and the `totalImpuesto` groups of the header. Only IVA (código 2) is sold at the
 * counter; ICE (3) and IRBPNR (5) need per-product catalogue rates and are refused.
 */
import { err, ok, type Result } from '../../shared/result';
import { feriadoTurismoEnFecha, motivoSinIva8EnFecha } from './feriadosTurismo';
import { formatDecimal, porcentajeDe } from './money';

/** `codigo` of the IVA in `impuesto`/`totalImpuesto`. */
export const CODIGO_IVA = '2';

export type TarifaIva = {
  /** Rate in hundredths of a percent (15 % = 1500), so rates with decimals stay exact. */
  tarifa: number;
  descripcion: string;
  /** First day the code may be used on a new sale (AAAA-MM-DD), if bounded. */
  desde?: string;
  /** Last day the code may be used on a new sale (AAAA-MM-DD), if bounded. */
  hasta?: string;
  /** False for codes catalogued but not in force (refused whatever the date). */
  enVigor: boolean;
};

/** IVA `codigoPorcentaje` → rate and validity (docs/sri.md §4). */
export const TARIFAS_IVA = {
  '0': { tarifa: 0, descripcion: 'IVA 0 %', enVigor: true },
  '2': { tarifa: 1200, descripcion: 'IVA 12 %', hasta: '2024-03-31', enVigor: true },
  '3': {
    tarifa: 1400,
    descripcion: 'IVA 14 %',
    desde: '2016-06-01',
    hasta: '2017-05-31',
    enVigor: true,
  },
  // Decreto Ejecutivo 198: general rate since 1 April 2024.
  '4': { tarifa: 1500, descripcion: 'IVA 15 %', desde: '2024-04-01', enVigor: true },
  '5': { tarifa: 500, descripcion: 'IVA 5 %', desde: '2024-04-01', enVigor: true },
  '6': { tarifa: 0, descripcion: 'No objeto de impuesto', enVigor: true },
  '7': { tarifa: 0, descripcion: 'Exento de IVA', enVigor: true },
  '8': { tarifa: 800, descripcion: 'IVA diferenciado 8 %', enVigor: true },
  // Catalogued by the SRI; the 2024 law allows 13–15 % but 13 % is not in force.
  '10': { tarifa: 1300, descripcion: 'IVA 13 %', enVigor: false },
} as const satisfies Record<string, TarifaIva>;

export type CodigoPorcentajeIva = keyof typeof TARIFAS_IVA;

/** Tax of one line or one header group, amounts in cents. */
export type ImpuestoCalculado = {
  codigo: typeof CODIGO_IVA;
  codigoPorcentaje: CodigoPorcentajeIva;
  /** Hundredths of a percent. */
  tarifa: number;
  baseImponible: number;
  valor: number;
};

/**
 * Tells whether `codigoPorcentaje` is a known IVA code.
 * @example esCodigoPorcentajeIva('4') // true
 */
export const esCodigoPorcentajeIva = (codigo: string): codigo is CodigoPorcentajeIva =>
  Object.hasOwn(TARIFAS_IVA, codigo);

/**
 * Resolves a (codigo, codigoPorcentaje) pair to a known IVA rate, refusing unknown codes.
 * @example resolverImpuesto('2', '4') // ok({ codigo: '2', codigoPorcentaje: '4', tarifa: 1500 })
 */
export const resolverImpuesto = (
  codigo: string,
  codigoPorcentaje: string,
  campo = 'impuesto',
): Result<{ codigo: typeof CODIGO_IVA; codigoPorcentaje: CodigoPorcentajeIva; tarifa: number }> => {
  if (codigo !== CODIGO_IVA) {
    const nombre = codigo === '3' ? 'ICE' : codigo === '5' ? 'IRBPNR' : 'desconocido';
    return err(
      'impuesto_desconocido',
      `${campo}: el código de impuesto «${codigo}» (${nombre}) no está admitido; solo se factura IVA (código 2).`,
      campo,
    );
  }
  if (!esCodigoPorcentajeIva(codigoPorcentaje)) {
    return err(
      'impuesto_desconocido',
      `${campo}: el código de porcentaje de IVA «${codigoPorcentaje}» no existe; se admiten ${Object.keys(TARIFAS_IVA).join(', ')}.`,
      campo,
    );
  }
  return ok({ codigo, codigoPorcentaje, tarifa: TARIFAS_IVA[codigoPorcentaje].tarifa });
};

/**
 * Checks that an IVA code may be used on a sale dated `fecha` (AAAA-MM-DD): its dates of force
 * and, for the 8 %, a decreed tourism holiday on that day.
 * @example verificarVigenciaIva('2', '2026-01-10') // err: el 12 % rige hasta 2024-03-31
 */
export const verificarVigenciaIva = (
  codigoPorcentaje: CodigoPorcentajeIva,
  fecha: string,
  campo = 'impuesto',
): Result<void> => {
  const tarifa: TarifaIva = TARIFAS_IVA[codigoPorcentaje];
  if (!tarifa.enVigor) {
    return err(
      'tarifa_no_vigente',
      `${campo}: la tarifa ${tarifa.descripcion} (código ${codigoPorcentaje}) no está en vigor.`,
      campo,
    );
  }
  if (tarifa.desde !== undefined && fecha < tarifa.desde) {
    return err(
      'tarifa_no_vigente',
      `${campo}: la tarifa ${tarifa.descripcion} (código ${codigoPorcentaje}) rige desde ${tarifa.desde}; la fecha es ${fecha}.`,
      campo,
    );
  }
  if (tarifa.hasta !== undefined && fecha > tarifa.hasta) {
    return err(
      'tarifa_no_vigente',
      `${campo}: la tarifa ${tarifa.descripcion} (código ${codigoPorcentaje}) rigió hasta ${tarifa.hasta}; la fecha es ${fecha}.`,
      campo,
    );
  }
  // Only on a decreed tourism holiday (docs/sri.md §8). The place is not known here: the
  // counter checks it first from Ajustes (ventas/ivaTurismo.ts); a JSON document names none.
  if (codigoPorcentaje === '8' && feriadoTurismoEnFecha(fecha) === null) {
    return err('iva_8_fuera_de_feriado', `${campo}: ${motivoSinIva8EnFecha(fecha)}`, campo);
  }
  return ok(undefined);
};

/**
 * IVA of a base: `valor = round2(base × tarifa / 100)`.
 * @example calcularImpuesto(1269, '4') // { codigo: '2', codigoPorcentaje: '4', tarifa: 1500, baseImponible: 1269, valor: 190 }
 */
export const calcularImpuesto = (
  baseImponible: number,
  codigoPorcentaje: CodigoPorcentajeIva,
): ImpuestoCalculado => {
  const tarifa = TARIFAS_IVA[codigoPorcentaje].tarifa;
  return {
    codigo: CODIGO_IVA,
    codigoPorcentaje,
    tarifa,
    baseImponible,
    valor: porcentajeDe(baseImponible, tarifa),
  };
};

/**
 * One `totalImpuesto` per (codigo, codigoPorcentaje): bases summed, `valor` rounded once on
 * the summed base (it may differ by a cent from the sum of line values, as the SRI expects).
 * Ordered by codigo then numeric codigoPorcentaje so the XML is byte-stable.
 * @example totalizarImpuestos([{ codigoPorcentaje: '4', baseImponible: 700 }, { codigoPorcentaje: '4', baseImponible: 569 }]) // [{ …, baseImponible: 1269, valor: 190 }]
 */
export const totalizarImpuestos = (
  lineas: readonly { codigoPorcentaje: CodigoPorcentajeIva; baseImponible: number }[],
): ImpuestoCalculado[] => {
  const bases = new Map<CodigoPorcentajeIva, number>();
  for (const linea of lineas) {
    bases.set(
      linea.codigoPorcentaje,
      (bases.get(linea.codigoPorcentaje) ?? 0) + linea.baseImponible,
    );
  }
  return [...bases.entries()]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([codigoPorcentaje, base]) => calcularImpuesto(base, codigoPorcentaje));
};

/**
 * Formats a rate in hundredths of a percent as the XSD `tarifa` (2 decimals).
 * @example formatTarifa(1500) // '15.00'
 */
export const formatTarifa = (tarifaCentesimas: number): string =>
  formatDecimal(tarifaCentesimas, 2);
