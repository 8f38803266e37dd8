import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixedClock, createTempDir } from '../db/testing';
import { createFileLogger, LOG_FILE } from './fileLogger';
import { MASK, redactar, redactarTexto } from './redact';

const p12 = randomBytes(2400).toString('base64');

describe('redacción de secretos', () => {
  it('oculta contraseñas, PIN, p12, claves de API y tokens por nombre de campo', () => {
    expect(
      redactar({
        password: 'hunter2',
        pin: '1234',
        p12Base64: p12,
        apiKey: 'fk_live_123',
        token: 'abc',
        autorizacion: { usuarioId: 'u1', pin: '5678' },
        comprador: { razonSocial: 'Ana Pérez', identificacion: '0912345678' },
        claveAcceso: '1'.repeat(49),
        total: 1234,
      }),
    ).toEqual({
      password: MASK,
      pin: MASK,
      p12Base64: MASK,
      apiKey: MASK,
      token: MASK,
      autorizacion: { usuarioId: 'u1', pin: MASK },
      comprador: { razonSocial: MASK, identificacion: MASK },
      claveAcceso: '1'.repeat(49),
      total: 1234,
    });
  });

  it('oculta bloques base64 largos, PEM y XML dentro de cualquier texto', () => {
    const text = redactarTexto(
      `subido ${p12} y -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- listo`,
    );
    expect(text).not.toContain(p12.slice(0, 40));
    expect(text).not.toContain('MIIE');
    expect(text).toContain('[base64 oculto');
    expect(
      redactarTexto('respuesta <?xml version="1.0"?><factura id="comprobante">x</factura>'),
    ).toBe('respuesta [XML oculto]');
    expect(redactarTexto('url?token=abc123&x=1 password: "s3cr3t"')).toBe(
      `url?token=${MASK}&x=1 password: "${MASK}"`,
    );
  });

  it('no toca lo que no es secreto', () => {
    const data = { mensaje: 'Venta 001-001-000000123 emitida', ids: ['a', 'b'], n: 3, ok: true };
    expect(redactar(data)).toEqual(data);
  });
});

describe('registro en archivo', () => {
  it('rota en 5 archivos de tamaño máximo y nunca escribe un secreto', () => {
    const tmp = createTempDir('mostrador-log-');
    try {
      const logger = createFileLogger({ dir: tmp.dir, clock: createFixedClock(), maxBytes: 4096 });
      for (let i = 0; i < 400; i++) {
        logger.info(`línea ${i}`, { pin: '9012', p12, n: i });
      }
      const files = readdirSync(tmp.dir).sort();
      expect(files).toEqual([
        'mostrador.1.log',
        'mostrador.2.log',
        'mostrador.3.log',
        'mostrador.4.log',
        LOG_FILE,
      ]);
      for (const name of files) {
        const file = path.join(tmp.dir, name);
        expect(statSync(file).size).toBeLessThanOrEqual(4096);
        const text = readFileSync(file, 'utf8');
        expect(text).not.toContain('9012');
        expect(text).not.toContain(p12.slice(0, 40));
      }
      // The newest line is in the current file, the oldest kept ones in .4.
      expect(readFileSync(path.join(tmp.dir, LOG_FILE), 'utf8')).toContain('línea 399');
      expect(readFileSync(path.join(tmp.dir, 'mostrador.4.log'), 'utf8')).not.toContain(
        '"línea 0"',
      );
    } finally {
      tmp.cleanup();
    }
  });
});
