/**
 * Exact money and quantities. Amounts are integer cents (`number`, always a safe integer);
 * quantities and unit prices are integer micro-units (6 decimals, SRI ficha técnica v1.1.0).
 * Products that may exceed 2^53 are computed with BigInt; no float ever touches an amount.
 */
import { assertSafeInteger } from '../../shared/dinero';
import { type AppError, err, ok, type Result } from '../../shared/result';

// The arithmetic the renderer also needs lives in src/shared; the fiscal engine uses the same.
export {
  descuentoMaximoCentavos,
  dividirRedondeando,
  multiplicarACentavos,
  porcentajeDe,
  valorLineaCentavos,
} from '../../shared/dinero';

/** Decimals of money fields in the XSDs (`descuento`, `valor`, `importeTotal`…). */
export const DECIMALES_DINERO = 2;
/** Decimals of `cantidad` and `precioUnitario` in factura 1.1.0/2.1.0 and notaCredito 1.1.0. */
export const DECIMALES_CANTIDAD = 6;
/** XSD `totalDigits` 14 with 2 decimals: at most 12 integer digits. */
export const MAXIMO_CENTAVOS = 99_999_999_999_999;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a non-negative decimal string into an integer scaled by 10^decimals, refusing
 * more decimals than allowed (never rounding silently).
 * @example parseDecimal('4.123456', 6) // ok(4123456)
 */
export const parseDecimal = (text: string, decimals: number, campo = 'valor'): Result<number> => {
  const match = DECIMAL.exec(text.trim());
  if (match === null) {
    return err('formato', `${campo}: «${text}» no es un número decimal válido.`, campo);
  }
  const entero = match[1] as string;
  const fraccion = match[2] ?? '';
  if (fraccion.length > decimals) {
    return err(
      'decimales',
      `${campo}: «${text}» tiene ${fraccion.length} decimales; se admiten como máximo ${decimals}.`,
      campo,
    );
  }
  const escalado =
    BigInt(entero) * 10n ** BigInt(decimals) + BigInt(fraccion.padEnd(decimals, '0') || '0');
  if (escalado > BigInt(Number.MAX_SAFE_INTEGER)) {
    return err('rango', `${campo}: «${text}» es demasiado grande.`, campo);
  }
  return ok(Number(escalado));
};

/**
 * Parses a money string (≤ 2 decimals) into integer cents.
 * @example parseCentavos('16.09') // ok(1609)
 */
export const parseCentavos = (text: string, campo = 'valor'): Result<number> =>
  parseDecimal(text, DECIMALES_DINERO, campo);

/**
 * Parses a quantity or unit price (≤ 6 decimals) into integer micro-units.
 * @example parseMicros('1.5') // ok(1500000)
 */
export const parseMicros = (text: string, campo = 'cantidad'): Result<number> =>
  parseDecimal(text, DECIMALES_CANTIDAD, campo);

/**
 * Formats an integer scaled by 10^decimals with exactly `decimals` decimals.
 * @example formatDecimal(1609, 2) // '16.09'
 */
export const formatDecimal = (value: number, decimals: number): string => {
  assertSafeInteger(value, 'El importe');
  const negativo = value < 0;
  const digits = Math.abs(value)
    .toString()
    .padStart(decimals + 1, '0');
  const entero = digits.slice(0, digits.length - decimals);
  const fraccion = digits.slice(digits.length - decimals);
  const texto = decimals === 0 ? entero : `${entero}.${fraccion}`;
  return negativo ? `-${texto}` : texto;
};

/**
 * Formats integer cents with exactly 2 decimals, as every SRI money field is written.
 * @example formatCentavos(1609) // '16.09'
 */
export const formatCentavos = (centavos: number): string =>
  formatDecimal(centavos, DECIMALES_DINERO);

/**
 * Formats micro-units with the decimals they need, at least 2 and at most 6
 * (the XSD counts significant decimals only; `2.00` reads better than `2`).
 * @example formatMicros(4123456) // '4.123456'
 * @example formatMicros(2000000) // '2.00'
 */
export const formatMicros = (micros: number): string => {
  const completo = formatDecimal(micros, DECIMALES_CANTIDAD);
  return completo.replace(/(\.\d\d\d*?)0+$/, '$1');
};

/**
 * Sums cents exactly (integers add exactly below 2^53; this asserts we stay there).
 * @example sumarCentavos([700, 150]) // 850
 */
export const sumarCentavos = (valores: readonly number[]): number => {
  let total = 0;
  for (const valor of valores) {
    assertSafeInteger(valor, 'El importe');
    total += valor;
  }
  assertSafeInteger(total, 'La suma');
  return total;
};

/**
 * Change to give back: what the customer handed over minus what the cash payment covers.
 * @example calcularVuelto(1000, 2000) // ok(1000)
 */
export const calcularVuelto = (
  cobradoEnEfectivo: number,
  entregado: number,
): Result<number, AppError> => {
  assertSafeInteger(cobradoEnEfectivo, 'El cobro');
  assertSafeInteger(entregado, 'El monto entregado');
  if (entregado < cobradoEnEfectivo) {
    return err(
      'efectivo_insuficiente',
      `El cliente entregó ${formatCentavos(entregado)} y el pago en efectivo es ${formatCentavos(cobradoEnEfectivo)}: faltan ${formatCentavos(cobradoEnEfectivo - entregado)}.`,
      'entregado',
    );
  }
  return ok(entregado - cobradoEnEfectivo);
};
