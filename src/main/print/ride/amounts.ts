/**
 * Exact decimal amounts read from a comprobante: money in integer cents, quantities and unit
 * prices in integer micro-units (6 decimals, SRI ficha técnica v1.1.0). No float ever touches
 * an amount; formatting is string arithmetic on the integers.
 */

const DECIMAL = /^(\d{1,15})(?:\.(\d+))?$/;

/**
 * Parses a non-negative decimal into an integer scaled by 10^decimals; `null` when it is not a
 * number, has more significant decimals than allowed or is too large.
 * @example parseScaled('16.090', 2) // 1609
 */
export const parseScaled = (text: string, decimals: number): number | null => {
  const match = DECIMAL.exec(text.trim());
  if (match === null) return null;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  // The XSDs count significant decimals only (`3.000000` is a valid 2-decimal amount).
  if (fraction.length > decimals) return null;
  const scaled =
    BigInt(match[1] as string) * 10n ** BigInt(decimals) +
    BigInt(fraction.padEnd(decimals, '0') || '0');
  return scaled > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(scaled);
};

/**
 * Formats an integer scaled by 10^decimals with exactly `decimals` decimals.
 * @example formatScaled(1609, 2) // '16.09'
 */
export const formatScaled = (value: number, decimals: number): string => {
  if (!Number.isSafeInteger(value)) throw new Error(`Importe no entero: ${value}`);
  const digits = Math.abs(value)
    .toString()
    .padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const text = decimals === 0 ? whole : `${whole}.${digits.slice(digits.length - decimals)}`;
  return value < 0 ? `-${text}` : text;
};

/** @example formatCents(150000) // '1500.00' */
export const formatCents = (cents: number): string => formatScaled(cents, 2);

/**
 * Quantities and unit prices with the decimals they need, at least two.
 * @example formatMicros(1500000) // '1.50'
 * @example formatMicros(1234567) // '1.234567'
 */
export const formatMicros = (micros: number): string => {
  const full = formatScaled(micros, 6);
  return full.replace(/(\.\d\d\d*?)0+$/, '$1');
};
