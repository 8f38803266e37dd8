import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calcularVuelto,
  dividirRedondeando,
  formatCentavos,
  formatMicros,
  multiplicarACentavos,
  parseCentavos,
  parseMicros,
  porcentajeDe,
  sumarCentavos,
} from './money';

const centavosArb = fc.integer({ min: 0, max: 99_999_999_999_999 });
const microsArb = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('parseo y formato de importes', () => {
  it('lee importes con hasta 2 decimales como centavos enteros', () => {
    expect(parseCentavos('16.09')).toEqual({ ok: true, value: 1609 });
    expect(parseCentavos('0.5')).toEqual({ ok: true, value: 50 });
    expect(parseCentavos('7')).toEqual({ ok: true, value: 700 });
  });

  it('rechaza más de 2 decimales en dinero con un mensaje en español', () => {
    const r = parseCentavos('1.234', 'total');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe('total: «1.234» tiene 3 decimales; se admiten como máximo 2.');
      expect(r.error.field).toBe('total');
    }
  });

  it('rechaza textos que no son números decimales no negativos', () => {
    for (const texto of ['', 'abc', '-1.00', '1,50', '1e3', '.5', '1.']) {
      expect(parseCentavos(texto).ok, texto).toBe(false);
    }
  });

  it('lee cantidades con hasta 6 decimales y rechaza el séptimo', () => {
    expect(parseMicros('4.123456')).toEqual({ ok: true, value: 4_123_456 });
    expect(parseMicros('1.5')).toEqual({ ok: true, value: 1_500_000 });
    expect(parseMicros('0.0000001').ok).toBe(false);
  });

  it('formatea centavos con exactamente 2 decimales', () => {
    expect(formatCentavos(1609)).toBe('16.09');
    expect(formatCentavos(5)).toBe('0.05');
    expect(formatCentavos(0)).toBe('0.00');
    expect(formatCentavos(-50)).toBe('-0.50');
  });

  it('formatea cantidades con entre 2 y 6 decimales', () => {
    expect(formatMicros(2_000_000)).toBe('2.00');
    expect(formatMicros(1_500_000)).toBe('1.50');
    expect(formatMicros(4_123_456)).toBe('4.123456');
    expect(formatMicros(1_234_500)).toBe('1.2345');
    expect(formatMicros(1)).toBe('0.000001');
  });

  it('formatear y volver a leer centavos da el mismo entero', () => {
    fc.assert(
      fc.property(centavosArb, (c) => {
        expect(parseCentavos(formatCentavos(c))).toEqual({ ok: true, value: c });
      }),
    );
  });

  it('formatear y volver a leer micro-unidades da el mismo entero', () => {
    fc.assert(
      fc.property(microsArb, (m) => {
        expect(parseMicros(formatMicros(m))).toEqual({ ok: true, value: m });
      }),
    );
  });
});

describe('redondeo exacto', () => {
  it('redondea la mitad hacia arriba', () => {
    expect(dividirRedondeando(185n, 10n)).toBe(19n);
    expect(dividirRedondeando(184n, 10n)).toBe(18n);
    expect(dividirRedondeando(-185n, 10n)).toBe(-19n);
  });

  it('cantidad × precio se redondea a centavos como 1.5 × 4.123456 = 6.19', () => {
    expect(multiplicarACentavos(1_500_000, 4_123_456)).toBe(619);
    expect(multiplicarACentavos(2_000_000, 3_500_000)).toBe(700);
    // 0.125 exactly: the half goes up.
    expect(multiplicarACentavos(1_000_000, 125_000)).toBe(13);
  });

  it('multiplicar a centavos queda a media unidad o menos del producto exacto, y la mitad sube', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999_999 }),
        fc.integer({ min: 0, max: 99_999_999_999 }),
        (cantidad, precio) => {
          const c = BigInt(multiplicarACentavos(cantidad, precio));
          const exacto = BigInt(cantidad) * BigInt(precio);
          // 2·(exact − c·10^10) ∈ [−10^10, 10^10): ties go up, never down.
          const diferencia = 2n * (exacto - c * 10n ** 10n);
          expect(diferencia >= -(10n ** 10n) && diferencia < 10n ** 10n).toBe(true);
        },
      ),
    );
  });

  it('el IVA del 15 % de 12.69 es 1.90 y el de 3.50 es 0.53', () => {
    expect(porcentajeDe(1269, 1500)).toBe(190);
    expect(porcentajeDe(350, 1500)).toBe(53);
  });

  it('el porcentaje coincide con el cálculo decimal exacto hecho sobre el texto', () => {
    fc.assert(
      fc.property(
        centavosArb,
        fc.constantFrom(0, 500, 800, 1200, 1300, 1400, 1500),
        (base, tarifa) => {
          // Reference: work on decimal text, base·tarifa has 4 decimals; round on the 3rd digit.
          const producto = (BigInt(base) * BigInt(tarifa)).toString().padStart(5, '0');
          const truncado = BigInt(producto.slice(0, -4));
          const resto = Number(producto.slice(-4));
          const esperado = resto >= 5000 ? truncado + 1n : truncado;
          expect(BigInt(porcentajeDe(base, tarifa))).toBe(esperado);
        },
      ),
    );
  });
});

describe('sumas y vuelto', () => {
  it('sumar centavos no acumula error de coma flotante', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 200 }),
        (valores) => {
          const texto = formatCentavos(sumarCentavos(valores));
          const referencia = valores.reduce((s, v) => s + BigInt(v), 0n);
          expect(parseCentavos(texto)).toEqual({ ok: true, value: Number(referencia) });
        },
      ),
    );
    // 0.1 + 0.2 in cents is exactly 0.30.
    expect(formatCentavos(sumarCentavos([10, 20]))).toBe('0.30');
  });

  it('calcula el vuelto del efectivo entregado', () => {
    expect(calcularVuelto(1000, 2000)).toEqual({ ok: true, value: 1000 });
    expect(calcularVuelto(1609, 1609)).toEqual({ ok: true, value: 0 });
  });

  it('rechaza un efectivo entregado menor que el cobro', () => {
    const r = calcularVuelto(1609, 1000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('faltan 6.09');
  });
});
