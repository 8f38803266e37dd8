import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { forgePbkdf2, forgePkcs12Key, nativePbkdf2, nativePkcs12Key } from './nativeKdf';

const digests = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
const md = (name: (typeof digests)[number]) => forge.md[name].create();

describe('derivación de claves PKCS#12 con node:crypto', () => {
  it('da los mismos bytes que forge (RFC 7292 B.2) para cualquier contraseña, sal, id y largo', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string({ maxLength: 40, unit: 'binary' }), { nil: null }),
        fc.uint8Array({ minLength: 0, maxLength: 40 }),
        fc.constantFrom(1, 2, 3),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 150 }),
        fc.constantFrom(...digests, null),
        (password, salt, id, iter, n, digest) => {
          const saltBytes = Buffer.from(salt).toString('binary');
          const mine = nativePkcs12Key(
            password,
            forge.util.createBuffer(saltBytes),
            id,
            iter,
            n,
            digest === null ? null : md(digest),
          );
          const theirs = forgePkcs12Key(
            password,
            forge.util.createBuffer(saltBytes),
            id,
            iter,
            n,
            digest === null ? null : md(digest),
          );
          expect(mine.toHex()).toBe(theirs.toHex());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('PBKDF2 da los mismos bytes que forge, con el digest como objeto, nombre o ausente', () => {
    for (const digest of digests) {
      const salt = randomBytes(16).toString('binary');
      const password = 'contraseña ñ'.normalize('NFC');
      const utf8 = forge.util.encodeUtf8(password);
      for (const p of [password, utf8, '']) {
        expect(nativePbkdf2(p, salt, 50, 32, md(digest))).toBe(
          forgePbkdf2(p, salt, 50, 32, md(digest)),
        );
        expect(nativePbkdf2(p, salt, 7, 48, digest)).toBe(forgePbkdf2(p, salt, 7, 48, digest));
      }
    }
    const salt = randomBytes(8).toString('binary');
    expect(nativePbkdf2('abc', salt, 3, 20)).toBe(forgePbkdf2('abc', salt, 3, 20));
  });
});
