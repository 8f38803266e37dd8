import { describe, expect, it } from 'vitest';
import { hashPin, huellaPimienta, pimientaCorresponde, validatePin, verifyPin } from './pin';

describe('PIN', () => {
  it('verifica el PIN correcto y rechaza uno distinto', async () => {
    const stored = await hashPin('1234');
    expect(await verifyPin('1234', stored)).toBe(true);
    expect(await verifyPin('1235', stored)).toBe(false);
  });

  it('guarda scrypt N=2^15 r=8 p=1 con sal aleatoria, nunca el PIN', async () => {
    const a = await hashPin('1234');
    const b = await hashPin('1234');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('1234');
  });

  it('rechaza hashes ilegibles o con un costo absurdo sin lanzar', async () => {
    expect(await verifyPin('1234', 'texto-plano')).toBe(false);
    expect(await verifyPin('1234', 'scrypt$30$8$1$c2Fs$aGFzaA==')).toBe(false);
  });

  it('acepta de 4 a 8 dígitos y rechaza lo demás en español', () => {
    expect(validatePin('0042').ok).toBe(true);
    expect(validatePin('12345678').ok).toBe(true);
    expect(validatePin('123')).toEqual({
      ok: false,
      error: { code: 'pin_invalido', message: 'El PIN debe tener de 4 a 8 dígitos.', field: 'pin' },
    });
    expect(validatePin('12a4').ok).toBe(false);
  });

  it('con pimienta: scrypt-p.<huella>, solo se verifica con esa misma pimienta', async () => {
    const pimienta = Buffer.alloc(32, 1);
    const otra = Buffer.alloc(32, 2);
    const stored = await hashPin('1234', pimienta);
    expect(stored).toMatch(
      new RegExp(
        `^scrypt-p\\.${huellaPimienta(pimienta)}\\$15\\$8\\$1\\$[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}$`,
      ),
    );
    expect(await verifyPin('1234', stored, pimienta)).toBe(true);
    expect(await verifyPin('1235', stored, pimienta)).toBe(false);
    expect(await verifyPin('1234', stored, otra)).toBe(false);
    expect(await verifyPin('1234', stored)).toBe(false);
    expect(pimientaCorresponde(stored, otra)).toBe(false);
    expect(pimientaCorresponde(stored, null)).toBe(false);
    // An older hash needs no pepper and is checked with or without one.
    const viejo = await hashPin('1234');
    expect(pimientaCorresponde(viejo, null)).toBe(true);
    expect(await verifyPin('1234', viejo, pimienta)).toBe(true);
  });
});
