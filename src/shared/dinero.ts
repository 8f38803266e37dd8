/**
 * The money arithmetic that both sides of the contract need: the checkout shows a line's value and
 * its discount limit before main answers, and main decides them. One implementation, so the
 * number on the screen is the number on the invoice. Amounts are integer cents, quantities and
 * unit prices integer micro-units (6 decimals), rates basis points (15 % = 1500); products that
 * may pass 2^53 are computed in BigInt; no float ever touches an amount (docs/sri.md §4).
 */

/** A bug, not an input error: callers parse text into safe integers before calling. */
export const assertSafeInteger = (value: number, what: string): void => {
  if (!Number.isSafeInteger(value)) {
    throw new Error(`${what} no es un entero seguro: ${value}`);
  }
};

/**
 * Divides and rounds half-up (half away from zero for negatives), exactly, in BigInt.
 * @example dividirRedondeando(185n, 10n) // 19n
 */
export const dividirRedondeando = (numerador: bigint, denominador: bigint): bigint => {
  if (denominador <= 0n) {
    throw new Error('El divisor debe ser positivo.');
  }
  const negativo = numerador < 0n;
  const absoluto = negativo ? -numerador : numerador;
  const cociente = (absoluto * 2n + denominador) / (denominador * 2n);
  return negativo ? -cociente : cociente;
};

/** 10^(6+6-2): cantidad × precioUnitario is in 10^-12 units; cents are 10^-2. */
const MICROS_POR_MICRO_A_CENTAVOS = 10n ** 10n;

/**
 * `round2(cantidad × precioUnitario)` in cents, with both factors in micro-units: a line's value
 * before its discount.
 * @example multiplicarACentavos(1_500_000, 4_123_456) // 619 (6.185184 → 6.19)
 */
export const multiplicarACentavos = (cantidadMicros: number, precioMicros: number): number => {
  assertSafeInteger(cantidadMicros, 'La cantidad');
  assertSafeInteger(precioMicros, 'El precio unitario');
  const producto = BigInt(cantidadMicros) * BigInt(precioMicros);
  const centavos = dividirRedondeando(producto, MICROS_POR_MICRO_A_CENTAVOS);
  if (centavos > BigInt(Number.MAX_SAFE_INTEGER) || centavos < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error('El producto excede el rango de importes.');
  }
  return Number(centavos);
};

/**
 * `round2(base × tarifa / 100)` with the rate in hundredths of a percent (15 % = 1500).
 * @example porcentajeDe(1269, 1500) // 190 (1.9035 → 1.90)
 */
export const porcentajeDe = (baseCentavos: number, tarifaCentesimas: number): number => {
  assertSafeInteger(baseCentavos, 'La base');
  assertSafeInteger(tarifaCentesimas, 'La tarifa');
  return Number(dividirRedondeando(BigInt(baseCentavos) * BigInt(tarifaCentesimas), 10_000n));
};

/**
 * The largest discount a product allows on a line: its limit in basis points of the line's value,
 * rounded down so the limit is never exceeded by a cent.
 * @example descuentoMaximoCentavos(1999, 1000) // 199 (10 % of 19.99)
 */
export const descuentoMaximoCentavos = (subtotalCentavos: number, maximoBp: number): number => {
  assertSafeInteger(subtotalCentavos, 'El subtotal');
  assertSafeInteger(maximoBp, 'El descuento máximo');
  return Number((BigInt(subtotalCentavos) * BigInt(maximoBp)) / 10_000n);
};

/**
 * A line's value without taxes: quantity × unit price rounded to the cent, minus its discount
 * (the SRI's `precioTotalSinImpuesto`).
 * @example valorLineaCentavos(2_000_000, 1_100_000, 20) // 200
 */
export const valorLineaCentavos = (
  cantidadMicros: number,
  precioMicros: number,
  descuentoCentavos: number,
): number => {
  assertSafeInteger(descuentoCentavos, 'El descuento');
  return multiplicarACentavos(cantidadMicros, precioMicros) - descuentoCentavos;
};
