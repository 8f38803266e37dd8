import { describe, expect, it } from 'vitest';
import { AVISO_EFECTIVO, avisoEfectivo } from './efectivo';

describe('avisoEfectivo', () => {
  it('avisa sobre USD 500 en efectivo a un comprador identificado, también si aún no hay pago', () => {
    expect(avisoEfectivo('05', 50_001, ['01'])?.code).toBe(AVISO_EFECTIVO);
    expect(avisoEfectivo('04', 80_000, ['19', '01'])?.code).toBe(AVISO_EFECTIVO);
    expect(avisoEfectivo('05', 50_001, [])?.message).toContain(
      'tarjeta (F6, F7) o transferencia (F8)',
    );
  });

  it('no avisa con USD 500 justos, con tarjeta o transferencia, ni a consumidor final', () => {
    expect(avisoEfectivo('05', 50_000, ['01'])).toBeNull();
    expect(avisoEfectivo('05', 90_000, ['19'])).toBeNull();
    expect(avisoEfectivo('05', 90_000, ['20', '16'])).toBeNull();
    expect(avisoEfectivo('07', 90_000, ['01'])).toBeNull();
  });
});
