import { describe, expect, it } from 'vitest';
import { FERIADOS_TURISMO, feriadoTurismo, motivoSinIva8 } from './feriadosTurismo';

const quito = { provincia: 'Pichincha', canton: 'Quito' };
const cayambe = { provincia: 'Pichincha', canton: 'Cayambe' };
const ibarra = { provincia: 'Imbabura', canton: 'Ibarra' };
const tulcan = { provincia: 'Carchi', canton: 'Tulcán' };
const tabacundo = { provincia: 'PICHINCHA', canton: 'pedro  moncayo' };
const sinLugar = { provincia: null, canton: null };

const decreto = (fecha: string, tienda: Parameters<typeof feriadoTurismo>[1]) =>
  feriadoTurismo(fecha, tienda)?.decreto ?? null;

describe('feriados con IVA 8 %', () => {
  it('Decreto 196: 1–4 nov 2025 solo en Imbabura, Carchi, Cayambe y Pedro Moncayo', () => {
    for (const dia of ['2025-11-01', '2025-11-02', '2025-11-03', '2025-11-04']) {
      for (const t of [ibarra, tulcan, cayambe, tabacundo]) {
        expect(decreto(dia, t)).toBe('Decreto Ejecutivo 196');
      }
      expect(decreto(dia, quito)).toBeNull();
      expect(decreto(dia, sinLugar)).toBeNull();
    }
    expect(decreto('2025-10-31', ibarra)).toBeNull();
    expect(decreto('2025-11-05', ibarra)).toBeNull();
  });

  it('Decreto 271: 1–4 ene 2026 en todo el país', () => {
    for (const dia of ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']) {
      expect(decreto(dia, quito)).toBe('Decreto Ejecutivo 271');
      expect(decreto(dia, sinLugar)).toBe('Decreto Ejecutivo 271');
    }
    expect(decreto('2025-12-31', quito)).toBeNull();
    expect(decreto('2026-01-05', quito)).toBeNull();
  });

  it('Decreto 304: 14–17 feb 2026 en todo el país', () => {
    for (const dia of ['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17']) {
      expect(decreto(dia, ibarra)).toBe('Decreto Ejecutivo 304');
    }
    expect(decreto('2026-02-13', ibarra)).toBeNull();
    expect(decreto('2026-02-18', ibarra)).toBeNull();
  });

  it('el 10 de agosto de 2025 no hubo IVA 8 %', () => {
    expect(decreto('2025-08-10', quito)).toBeNull();
  });

  it('la tabla tiene una prueba por decreto, con fechas válidas y en orden', () => {
    expect(FERIADOS_TURISMO.map((f) => f.decreto)).toEqual([
      'Decreto Ejecutivo 196',
      'Decreto Ejecutivo 271',
      'Decreto Ejecutivo 304',
    ]);
    for (const f of FERIADOS_TURISMO) expect(f.desde <= f.hasta).toBe(true);
  });

  it('el motivo nombra la regla, los decretos y el lugar', () => {
    const m = motivoSinIva8('2026-03-01', quito);
    expect(m).toContain('solo se aplica a servicios turísticos en los feriados decretados');
    expect(m).toContain('Decreto Ejecutivo 304');
    expect(m).toContain('el 2026-03-01 no lo es en Quito');
  });
});
