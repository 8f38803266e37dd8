import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SigningIdentity } from '../signing';
import { createSigningKeyHolder } from './signingKeyHolder';

const identity = (validoHasta: string): SigningIdentity => ({
  privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
  certificateDer: Buffer.alloc(0),
  certificateBase64: '',
  certificateSha1Base64: '',
  issuerName: 'CN=AC',
  serialNumber: '1',
  modulusBase64: '',
  exponentBase64: '',
  summary: {
    titular: 'JUAN PEREZ',
    ruc: null,
    razonSocial: null,
    emisor: 'AC',
    serie: '1',
    validoDesde: '2024-01-01T00:00:00.000Z',
    validoHasta,
    diasRestantes: 0,
  },
});

describe('retenedor de la clave de firma', () => {
  it('empieza bloqueado', () => {
    const holder = createSigningKeyHolder();
    const result = holder.current(new Date());
    expect(result.ok ? null : result.error.code).toBe('firma_bloqueada');
    expect(holder.heldId()).toBeNull();
  });

  it('entrega la identidad hasta el instante de caducidad y la niega después', () => {
    const holder = createSigningKeyHolder();
    const held = identity('2025-06-30T17:00:00.000Z');
    holder.hold('c1', held);
    expect(holder.current(new Date('2025-06-30T17:00:00.000Z'))).toEqual({ ok: true, value: held });
    const after = holder.current(new Date('2025-06-30T17:00:00.001Z'));
    expect(after.ok).toBe(false);
    if (!after.ok) {
      expect(after.error.code).toBe('certificado_caducado');
      expect(after.error.message).toContain('caducó el 30/06/2025');
    }
  });

  it('al limpiar olvida la identidad', () => {
    const holder = createSigningKeyHolder();
    holder.hold('c1', identity('2099-01-01T00:00:00.000Z'));
    holder.clear();
    expect(holder.heldId()).toBeNull();
    expect(holder.current(new Date()).ok).toBe(false);
  });
});
