import { describe, expect, it } from 'vitest';
import { fechaIso, fechaPersona, horaEcuador } from './fechas';

describe('fechas para personas: dd/mm/aaaa', () => {
  it('muestra las fechas ISO del contrato como dd/mm/aaaa', () => {
    expect(fechaPersona('2026-12-02')).toBe('02/12/2026');
    expect(fechaPersona('02/12/2026')).toBe('02/12/2026');
    expect(horaEcuador('2026-12-02T15:04:05.000Z')).toBe('02/12/2026 10:04:05');
    expect(horaEcuador('2026-12-02T03:00:00.000Z')).toBe('01/12/2026 22:00:00');
  });

  it('lee lo que se escribe, y nada que no sea una fecha real', () => {
    expect(fechaIso('02/12/2026')).toBe('2026-12-02');
    expect(fechaIso('2/1/2026')).toBe('2026-01-02');
    expect(fechaIso('2-1-2026')).toBe('2026-01-02');
    expect(fechaIso('31/02/2026')).toBeNull();
    expect(fechaIso('2026-12-02')).toBeNull();
    expect(fechaIso('')).toBeNull();
  });
});
