import { describe, expect, it } from 'vitest';
import { daysLeft, expiryWarning, formatFechaEcuador } from './expiry';

const validoHasta = '2025-06-30T17:00:00.000Z';
const at = (days: number, hours = 0): Date =>
  new Date(Date.parse(validoHasta) - days * 86_400_000 - hours * 3_600_000);

describe('aviso de caducidad', () => {
  it('no avisa con 31 días o más, y avisa al quedar 30 días completos', () => {
    expect(expiryWarning({ validoHasta }, at(40))).toBeNull();
    expect(expiryWarning({ validoHasta }, at(31))).toBeNull();
    expect(expiryWarning({ validoHasta }, at(31, -1))?.dias).toBe(30);
  });

  it('avisa desde 30 días, urgente desde 15, crítico desde 7', () => {
    const levels = [30, 16, 15, 8, 7, 1, 0].map((d) => {
      const warning = expiryWarning({ validoHasta }, at(d, -1));
      return [warning?.dias, warning?.nivel];
    });
    expect(levels).toEqual([
      [29, 'aviso'],
      [15, 'urgente'],
      [14, 'urgente'],
      [7, 'critico'],
      [6, 'critico'],
      [0, 'critico'],
      [0, 'critico'],
    ]);
    expect(expiryWarning({ validoHasta }, at(30))?.nivel).toBe('aviso');
  });

  it('dice la fecha en hora de Ecuador y cuántos días quedan', () => {
    expect(expiryWarning({ validoHasta }, at(10))?.mensaje).toBe(
      'La firma electrónica caduca en 10 días (30/06/2025). Renuévela con su entidad certificadora e impórtela en Ajustes.',
    );
    expect(expiryWarning({ validoHasta }, at(1))?.mensaje).toMatch(/caduca mañana/);
  });

  it('una vez caducado es crítico y dice que no se puede emitir', () => {
    const warning = expiryWarning({ validoHasta }, at(-3));
    expect(warning).toEqual({
      dias: 0,
      nivel: 'critico',
      mensaje:
        'La firma electrónica caducó el 30/06/2025. No se pueden emitir comprobantes hasta importar una firma vigente.',
    });
  });
});

describe('fechas', () => {
  it('formatea en UTC−05:00 aunque en UTC ya sea el día siguiente', () => {
    expect(formatFechaEcuador(new Date('2025-03-01T03:00:00Z'))).toBe('28/02/2025');
    expect(formatFechaEcuador(new Date('2025-03-01T05:00:00Z'))).toBe('01/03/2025');
  });

  it('cuenta días completos y negativos después de caducar', () => {
    expect(daysLeft(validoHasta, at(3, 5))).toBe(3);
    expect(daysLeft(validoHasta, at(-2))).toBe(-2);
  });
});
