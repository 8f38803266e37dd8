import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SRI_SAMPLES_DIR } from '../../../test/fixtures/paths';
import { verifyComprobanteSignature } from './verify';

const samples = SRI_SAMPLES_DIR;
const signedSamples = [
  'factura_V1.1.0_prueba_firmada-XAdES-BES.xml',
  'factura_V1.1.0_prueba_firmada-XAdES-BES_issuer-EMAILADDRESS.xml',
  'notaCredito_V1.1.0_prueba_firmada-XAdES-BES.xml',
];
const sample = (file: string) => readFileSync(resolve(samples, file), 'utf8');

describe('verifyComprobanteSignature', () => {
  for (const file of signedSamples) {
    it(`acepta la muestra firmada ${file}`, () => {
      const checked = verifyComprobanteSignature(sample(file));
      expect(checked).toMatchObject({
        ok: true,
        value: { signingTime: '2024-04-18T14:34:32.878-05:00' },
      });
      if (checked.ok) expect(checked.value.certificateDer[0]).toBe(0x30);
    });

    it(`rechaza ${file} con un byte del contenido firmado alterado`, () => {
      const xml = sample(file);
      const at = xml.indexOf('<razonSocial>') + '<razonSocial>'.length;
      const tampered = `${xml.slice(0, at)}X${xml.slice(at + 1)}`;
      const checked = verifyComprobanteSignature(tampered);
      expect(checked).toMatchObject({ ok: false, error: { code: 'firma_invalida' } });
      expect(checked.ok ? '' : checked.error.message).toMatch(/#comprobante/);
    });
  }

  it('rechaza un salto de línea añadido después de </ds:Signature>', () => {
    const xml = sample(signedSamples[0] as string).replace('</ds:Signature>', '</ds:Signature>\n');
    expect(verifyComprobanteSignature(xml).ok).toBe(false);
  });

  it('rechaza una SigningTime alterada (SignedProperties firmadas)', () => {
    const xml = sample(signedSamples[0] as string).replace('14:34:32.878', '14:34:33.878');
    const checked = verifyComprobanteSignature(xml);
    expect(checked.ok ? '' : checked.error.message).toMatch(/SignedProperties/);
  });

  it('rechaza un SignatureValue alterado', () => {
    const xml = sample(signedSamples[0] as string).replace(
      /<ds:SignatureValue([^>]*)>(.)/,
      (_m, attrs: string, first: string) =>
        `<ds:SignatureValue${attrs}>${first === 'A' ? 'B' : 'A'}`,
    );
    const checked = verifyComprobanteSignature(xml);
    expect(checked.ok ? '' : checked.error.message).toMatch(/valor de la firma/);
  });

  it('rechaza un comprobante sin firmar', () => {
    const checked = verifyComprobanteSignature(sample('factura_V1.1.0_prueba_sin-firma.xml'));
    expect(checked.ok ? '' : checked.error.message).toMatch(/no está firmado/);
  });

  it('nunca lanza ante basura: devuelve un error', () => {
    const signed = sample(signedSamples[2] as string);
    fc.assert(
      fc.property(fc.string(), fc.nat(signed.length), fc.nat(signed.length), (junk, a, b) => {
        for (const input of [
          junk,
          signed.slice(0, a),
          signed.slice(Math.min(a, b), Math.max(a, b)),
          `${signed.slice(0, a)}${junk}${signed.slice(a)}`,
        ]) {
          const checked = verifyComprobanteSignature(input);
          if (input !== signed) expect(typeof checked.ok).toBe('boolean');
        }
      }),
      { numRuns: 60 },
    );
    expect(verifyComprobanteSignature('').ok).toBe(false);
    expect(verifyComprobanteSignature(undefined as unknown as string).ok).toBe(false);
  });
});
