/**
 * The signer's output checked by an independent implementation: xmlsec1 (libxmlsec + OpenSSL)
 * with the flags of docs/sri.md §6, trusting only the test CA (no --insecure). `--enabled-key-data
 * x509` is needed for the trust check to mean anything: otherwise xmlsec1 takes the key from
 * RSAKeyValue and never verifies the certificate chain.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { comprobanteDesdeJson, construirXml } from '../../src/main/fiscal';
import {
  loadSigningIdentity,
  signComprobante,
  verifyComprobanteSignature,
} from '../../src/main/signing';
import { largeP12, legacyP12, modernP12, multiBagP12, type TestP12 } from '../fixtures/certs';
import { EJEMPLOS_DIR, SRI_SAMPLES_DIR } from '../fixtures/paths';

const samples = SRI_SAMPLES_DIR;
const work = mkdtempSync(join(tmpdir(), 'mostrador-xmlsec-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
const writeTemp = (name: string, content: string): string => {
  const file = join(work, `${counter++}-${name}`);
  writeFileSync(file, content);
  return file;
};

/** xmlsec1 --verify as docs/sri.md §6 runs it; returns the exit status and its output. */
const xmlsecVerify = (xml: string, caPem: string, untrusted: string[] = []) => {
  const root = /<(factura|notaCredito)[\s>]/.exec(xml)?.[1] ?? 'factura';
  const args = [
    '--verify',
    '--enabled-key-data',
    'x509',
    '--id-attr:id',
    root,
    '--id-attr:Id',
    'http://uri.etsi.org/01903/v1.3.2#:SignedProperties',
    '--id-attr:Id',
    'http://www.w3.org/2000/09/xmldsig#:KeyInfo',
    '--trusted-pem',
    writeTemp('ca.pem', caPem),
  ];
  for (const pem of untrusted) args.push('--untrusted-pem', writeTemp('chain.pem', pem));
  args.push(writeTemp('signed.xml', xml));
  const result = spawnSync('xmlsec1', args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

const comprobanteXml = (file: string): string => {
  const parsed = comprobanteDesdeJson(JSON.parse(readFileSync(join(EJEMPLOS_DIR, file), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return construirXml(parsed.value);
};

const identityOf = (fixture: TestP12) => {
  const loaded = loadSigningIdentity(fixture.p12, fixture.password, new Date());
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
};

const fixtures: [string, () => TestP12][] = [
  ['moderno (AES-256/PBKDF2)', () => modernP12({ ruc: '0992345675001' })],
  ['heredado (RC2-40 + 3DES)', () => legacyP12()],
  ['de varias bolsas con el certificado de cifrado primero', () => multiBagP12()],
  ['de ~5 KB con CA intermedia', () => largeP12()],
];

describe('xmlsec1 verifica lo que firmamos', () => {
  for (const [name, make] of fixtures) {
    it(`factura y nota de crédito firmadas con un p12 ${name}`, () => {
      const fixture = make();
      const identity = identityOf(fixture);
      for (const file of ['factura.json', 'nota-credito.json']) {
        const signed = signComprobante(comprobanteXml(file), identity, { signingTime: new Date() });
        const checked = xmlsecVerify(signed, fixture.caPem, fixture.chainPem);
        expect(checked.output).toContain('SignedInfo References (ok/all): 3/3');
        expect(checked.status).toBe(0);
        expect(verifyComprobanteSignature(signed).ok).toBe(true);
      }
    });
  }

  it('xmlsec1 rechaza nuestra firma si el certificado no es de la CA de confianza', () => {
    const fixture = modernP12();
    const signed = signComprobante(comprobanteXml('factura.json'), identityOf(fixture), {
      signingTime: new Date(),
    });
    const stranger = readFileSync(
      join(samples, 'factura_V1.1.0_prueba_firmada-XAdES-BES.xml'),
      'utf8',
    );
    const strangerCa = `-----BEGIN CERTIFICATE-----\n${/<ds:X509Certificate>([^<]+)</.exec(stranger)?.[1]}\n-----END CERTIFICATE-----\n`;
    expect(xmlsecVerify(signed, strangerCa).status).not.toBe(0);
  });

  for (const file of [
    'factura_V1.1.0_prueba_sin-firma.xml',
    'notaCredito_V1.1.0_prueba_sin-firma.xml',
  ]) {
    it(`firma la muestra de prueba ${file} (CRLF) y xmlsec1 la verifica`, () => {
      const fixture = modernP12();
      const signed = signComprobante(
        readFileSync(join(samples, file), 'utf8'),
        identityOf(fixture),
        {
          signingTime: new Date(),
        },
      );
      expect(xmlsecVerify(signed, fixture.caPem).status).toBe(0);
    });
  }
});

describe('muestras firmadas del SRI', () => {
  for (const file of [
    'factura_V1.1.0_prueba_firmada-XAdES-BES.xml',
    'factura_V1.1.0_prueba_firmada-XAdES-BES_issuer-EMAILADDRESS.xml',
    'notaCredito_V1.1.0_prueba_firmada-XAdES-BES.xml',
  ]) {
    const xml = readFileSync(join(samples, file), 'utf8');
    const ca = `-----BEGIN CERTIFICATE-----\n${/<ds:X509Certificate>([^<]+)</.exec(xml)?.[1]}\n-----END CERTIFICATE-----\n`;

    it(`${file} verifica con xmlsec1 y con nuestro verificador`, () => {
      expect(xmlsecVerify(xml, ca).status).toBe(0);
      expect(verifyComprobanteSignature(xml).ok).toBe(true);
    });

    it(`${file} con un byte alterado falla en ambos`, () => {
      const at = xml.indexOf('<secuencial>') + '<secuencial>'.length + 8;
      const tampered = `${xml.slice(0, at)}${xml[at] === '9' ? '8' : '9'}${xml.slice(at + 1)}`;
      expect(xmlsecVerify(tampered, ca).status).not.toBe(0);
      expect(verifyComprobanteSignature(tampered).ok).toBe(false);
    });
  }
});
