import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CodigoPorcentajeIva,
  calcularImpuesto,
  formatTarifa,
  resolverImpuesto,
  TARIFAS_IVA,
  totalizarImpuestos,
  verificarVigenciaIva,
} from './taxes';

describe('tabla de IVA', () => {
  it('tiene las tarifas de docs/sri.md §4', () => {
    const tarifas = Object.fromEntries(
      Object.entries(TARIFAS_IVA).map(([codigo, t]) => [codigo, t.tarifa / 100]),
    );
    expect(tarifas).toEqual({ 0: 0, 2: 12, 3: 14, 4: 15, 5: 5, 6: 0, 7: 0, 8: 8, 10: 13 });
  });

  it('resuelve IVA 15 % (código 2, porcentaje 4)', () => {
    expect(resolverImpuesto('2', '4')).toEqual({
      ok: true,
      value: { codigo: '2', codigoPorcentaje: '4', tarifa: 1500 },
    });
  });

  it('rechaza un código de porcentaje desconocido', () => {
    const r = resolverImpuesto('2', '9', 'lineas[0].impuesto');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('«9» no existe');
      expect(r.error.field).toBe('lineas[0].impuesto');
    }
  });

  it('rechaza ICE y códigos de impuesto desconocidos', () => {
    expect(resolverImpuesto('3', '3072').ok).toBe(false);
    const r = resolverImpuesto('7', '4');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('«7» (desconocido) no está admitido');
  });

  it('el 12 % rige hasta el 31 de marzo de 2024 y el 15 % desde el 1 de abril', () => {
    expect(verificarVigenciaIva('2', '2024-03-31').ok).toBe(true);
    expect(verificarVigenciaIva('2', '2024-04-01').ok).toBe(false);
    expect(verificarVigenciaIva('4', '2024-03-31').ok).toBe(false);
    expect(verificarVigenciaIva('4', '2024-04-01').ok).toBe(true);
  });

  it('el 8 % (código 8) solo rige en los días de un decreto de feriado turístico', () => {
    expect(verificarVigenciaIva('8', '2026-01-02').ok).toBe(true);
    expect(verificarVigenciaIva('8', '2026-02-17').ok).toBe(true);
    const r = verificarVigenciaIva('8', '2026-02-18', 'lineas[0].impuesto');
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'iva_8_fuera_de_feriado', field: 'lineas[0].impuesto' },
    });
    if (!r.ok) expect(r.error.message).toMatch(/^lineas\[0\]\.impuesto: El IVA 8 % solo se aplica/);
  });

  it('la tarifa del 13 % (código 10) no está en vigor', () => {
    const r = verificarVigenciaIva('10', '2026-01-01');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('no está en vigor');
  });

  it('formatea la tarifa con 2 decimales', () => {
    expect(formatTarifa(1500)).toBe('15.00');
    expect(formatTarifa(0)).toBe('0.00');
  });
});

describe('totalImpuesto por código', () => {
  it('agrupa por código de porcentaje y redondea sobre la base sumada', () => {
    // Lines 0.03 + 0.03 at 15 %: each line rounds 0.0045 to 0.00, the group 0.009 to 0.01.
    const grupos = totalizarImpuestos([
      { codigoPorcentaje: '4', baseImponible: 3 },
      { codigoPorcentaje: '0', baseImponible: 150 },
      { codigoPorcentaje: '4', baseImponible: 3 },
    ]);
    expect(grupos).toEqual([
      { codigo: '2', codigoPorcentaje: '0', tarifa: 0, baseImponible: 150, valor: 0 },
      { codigo: '2', codigoPorcentaje: '4', tarifa: 1500, baseImponible: 6, valor: 1 },
    ]);
    expect(calcularImpuesto(3, '4').valor).toBe(0);
  });

  it('la suma de bases agrupadas es la suma de bases de línea y el valor difiere a lo sumo medio centavo por línea', () => {
    const codigos = Object.keys(TARIFAS_IVA) as CodigoPorcentajeIva[];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            codigoPorcentaje: fc.constantFrom(...codigos),
            baseImponible: fc.integer({ min: 0, max: 1_000_000_000 }),
          }),
          { maxLength: 30 },
        ),
        (lineas) => {
          const grupos = totalizarImpuestos(lineas);
          expect(grupos.reduce((s, g) => s + g.baseImponible, 0)).toBe(
            lineas.reduce((s, l) => s + l.baseImponible, 0),
          );
          expect(new Set(grupos.map((g) => g.codigoPorcentaje)).size).toBe(grupos.length);
          for (const g of grupos) {
            const suyas = lineas.filter((l) => l.codigoPorcentaje === g.codigoPorcentaje);
            const sumaLineas = suyas.reduce(
              (s, l) => s + calcularImpuesto(l.baseImponible, g.codigoPorcentaje).valor,
              0,
            );
            expect(Math.abs(g.valor - sumaLineas)).toBeLessThanOrEqual(
              Math.ceil(suyas.length / 2) + 1,
            );
          }
        },
      ),
    );
  });
});
