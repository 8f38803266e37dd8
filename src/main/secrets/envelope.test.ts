import { describe, expect, it } from 'vitest';
import { certificateAad, DATA_KEY_BYTES, open, seal } from './envelope';

const plaintext = Buffer.from('contenido de un p12 de prueba '.repeat(50));
const aad = certificateAad('cert-1');

describe('envelope AES-256-GCM', () => {
  it('abre lo que selló con la misma clave y AAD', () => {
    const box = seal(plaintext, aad);
    const opened = open(box, aad);
    expect(opened).toEqual({ ok: true, value: plaintext });
  });

  it('usa una clave de 32 bytes, IV de 12 y etiqueta de 16, nuevos en cada sellado', () => {
    const a = seal(plaintext, aad);
    const b = seal(plaintext, aad);
    expect(a.dataKey).toHaveLength(DATA_KEY_BYTES);
    expect(a.iv).toHaveLength(12);
    expect(a.authTag).toHaveLength(16);
    expect(a.dataKey.equals(b.dataKey)).toBe(false);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it('no deja el texto plano dentro del cifrado', () => {
    const box = seal(plaintext, aad);
    expect(box.ciphertext.includes(Buffer.from('contenido de un p12'))).toBe(false);
  });

  it('detecta un byte cambiado en cualquier posición del cifrado', () => {
    const box = seal(plaintext, aad);
    for (const index of [0, Math.floor(box.ciphertext.length / 2), box.ciphertext.length - 1]) {
      const tampered = Buffer.from(box.ciphertext);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      const opened = open({ ...box, ciphertext: tampered }, aad);
      expect(opened.ok).toBe(false);
      if (!opened.ok) {
        expect(opened.error.code).toBe('cifrado_alterado');
        expect(opened.error.message).toMatch(/dañado o fue modificado/);
      }
    }
  });

  it('rechaza la etiqueta, el IV o la clave equivocados', () => {
    const box = seal(plaintext, aad);
    const flip = (b: Buffer): Buffer => {
      const c = Buffer.from(b);
      c[0] = (c[0] ?? 0) ^ 0x80;
      return c;
    };
    expect(open({ ...box, authTag: flip(box.authTag) }, aad).ok).toBe(false);
    expect(open({ ...box, iv: flip(box.iv) }, aad).ok).toBe(false);
    expect(open({ ...box, dataKey: flip(box.dataKey) }, aad).ok).toBe(false);
    expect(open({ ...box, authTag: box.authTag.subarray(0, 8) }, aad).ok).toBe(false);
  });

  it('no abre un cifrado copiado a otra fila (AAD de otro certificado)', () => {
    const box = seal(plaintext, aad);
    const opened = open(box, certificateAad('cert-2'));
    expect(opened.ok).toBe(false);
  });
});
