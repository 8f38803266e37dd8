import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolverPagos } from './pagos';

describe('resolverPagos', () => {
  it('da el vuelto del efectivo en un pago mixto efectivo + tarjeta', () => {
    const r = resolverPagos(
      [
        { formaPago: '19', montoCentavos: 600 },
        { formaPago: '01', montoCentavos: 2000 },
      ],
      1609,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        pagos: [
          { formaPago: '19', total: 600, entregado: null },
          { formaPago: '01', total: 1009, entregado: 2000 },
        ],
        pagadoCentavos: 2600,
        vueltoCentavos: 991,
      },
    });
  });

  it('rechaza una tarjeta por más del total', () => {
    const r = resolverPagos([{ formaPago: '16', montoCentavos: 1700 }], 1609);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/superan el total/);
  });

  it('dice cuánto falta cuando el pago no alcanza', () => {
    const r = resolverPagos([{ formaPago: '01', montoCentavos: 1000 }], 1609);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('Falta cobrar $6.09');
  });

  it('los pagos del XML siempre suman exactamente el total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(
          fc.record({
            formaPago: fc.constantFrom('01', '16', '19', '20'),
            montoCentavos: fc.integer({ min: 1, max: 10_000_000 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (total, entregados) => {
          const r = resolverPagos(entregados, total);
          if (!r.ok) return true;
          const suma = r.value.pagos.reduce((a, p) => a + p.total, 0);
          return suma === total && r.value.vueltoCentavos >= 0;
        },
      ),
    );
  });
});
