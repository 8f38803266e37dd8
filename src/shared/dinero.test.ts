import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  descuentoMaximoCentavos,
  dividirRedondeando,
  multiplicarACentavos,
  porcentajeDe,
  valorLineaCentavos,
} from './dinero';

describe('dinero compartido', () => {
  it('redondea la mitad hacia arriba, también en negativos', () => {
    expect(dividirRedondeando(185n, 10n)).toBe(19n);
    expect(dividirRedondeando(184n, 10n)).toBe(18n);
    expect(dividirRedondeando(-185n, 10n)).toBe(-19n);
  });

  it('calcula cantidad × precio al centavo', () => {
    expect(multiplicarACentavos(1_500_000, 4_123_456)).toBe(619);
    expect(multiplicarACentavos(2_000_000, 1_100_000)).toBe(220);
  });

  it('calcula el IVA sobre la base al centavo', () => {
    expect(porcentajeDe(1269, 1500)).toBe(190);
  });

  it('nunca permite un descuento que supere el límite del producto', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.integer({ min: 0, max: 10_000 }),
        (s, bp) => {
          const maximo = descuentoMaximoCentavos(s, bp);
          // maximo / s ≤ bp / 10000, checked without division.
          expect(BigInt(maximo) * 10_000n <= BigInt(s) * BigInt(bp)).toBe(true);
          expect(BigInt(maximo + 1) * 10_000n > BigInt(s) * BigInt(bp)).toBe(true);
        },
      ),
    );
  });

  it('resta el descuento del valor de la línea', () => {
    expect(valorLineaCentavos(2_000_000, 1_100_000, 20)).toBe(200);
  });
});
