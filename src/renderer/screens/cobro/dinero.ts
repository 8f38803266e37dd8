/**
 * Exact money for the checkout screen: amounts typed by the cashier become integer cents,
 * quantities integer micro-units; a line's value and discount limit come from `src/shared/dinero.ts`,
 * the same functions main uses, so the line shown before main answers is the one it keeps.
 */

import { descuentoMaximoCentavos, multiplicarACentavos } from '../../../shared/dinero';

/** @example parseMontoCentavos('20') // 2000 ; parseMontoCentavos('4,5') // 450 */
export const parseMontoCentavos = (texto: string): number | null => {
  const limpio = texto.trim().replace(',', '.').replace(/^\$/, '');
  const match = /^(\d{1,11})(?:\.(\d{0,2}))?$/.exec(limpio);
  if (match === null) return null;
  const enteros = match[1] ?? '0';
  const decimales = (match[2] ?? '').padEnd(2, '0');
  return Number(enteros) * 100 + Number(decimales);
};

/** @example parseCantidadMicros('0.750') // 750000 ; parseCantidadMicros('1,5') // 1500000 */
export const parseCantidadMicros = (texto: string): number | null => {
  const limpio = texto.trim().replace(',', '.');
  const match = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(limpio);
  if (match === null) return null;
  const micros = Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
  return micros > 0 ? micros : null;
};

/** The quantity as the contract wants it: dot decimal, no trailing zeros. */
export const cantidadTexto = (micros: number): string => {
  const enteros = Math.floor(micros / 1_000_000);
  const resto = micros % 1_000_000;
  if (resto === 0) return String(enteros);
  return `${enteros}.${String(resto).padStart(6, '0').replace(/0+$/, '')}`;
};

/** Cents as the cashier types them, for an editable field. @example centavosATexto(235) // '2.35' */
export const centavosATexto = (centavos: number): string =>
  `${Math.floor(centavos / 100)}.${String(centavos % 100).padStart(2, '0')}`;

/** @example formatoDolares(160900) // '$1,609.00' */
export const formatoDolares = (centavos: number): string => {
  const signo = centavos < 0 ? '-' : '';
  const abs = Math.abs(centavos);
  const enteros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${signo}$${enteros}.${String(abs % 100).padStart(2, '0')}`;
};

/** @example formatoPrecioMicros(1_050_000) // '$1.05' ; formatoPrecioMicros(913_043) // '$0.913043' */
export const formatoPrecioMicros = (micros: number): string => {
  const enteros = Math.floor(micros / 1_000_000);
  const decimales = String(micros % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return `$${enteros}.${decimales}`;
};

/**
 * The shelf price: the unit price with its IVA, half-up to the cent. Ecuadorian shelves show
 * prices with IVA; the 6-decimal base stays in the XML and the RIDE's detail.
 * @example precioConIvaCentavos(1_086_957, 1500) // 125 ($1.086957 + 15 % = $1.2500005)
 */
export const precioConIvaCentavos = (precioMicros: number, tarifaBp: number): number => {
  const conIva = BigInt(precioMicros) * BigInt(10_000 + tarifaBp);
  // micros × (1 + bp/10⁴) → cents: divide by 10⁴ (rate) × 10⁴ (micros per cent).
  const divisor = 100_000_000n;
  return Number((conIva + divisor / 2n) / divisor);
};

/** Quantity × unit price in cents, half-up: the same function main prices the invoice with. */
export const subtotalLineaCentavos = multiplicarACentavos;

export { descuentoMaximoCentavos };

/** @example formatoTarifa(1500) // '15 %' */
export const formatoTarifa = (tarifaCentesimas: number): string =>
  `${tarifaCentesimas % 100 === 0 ? tarifaCentesimas / 100 : (tarifaCentesimas / 100).toFixed(2)} %`;
