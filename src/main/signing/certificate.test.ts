import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { SRI_SAMPLES_DIR } from '../../../test/fixtures/paths';
import { formatX500Name, readCertificate } from './certificate';

const { asn1 } = forge;
const samples = SRI_SAMPLES_DIR;

type Value = { oid: string; type: number; text: string };
const av = (oid: string, text: string, type: number = asn1.Type.UTF8): Value => ({
  oid,
  type,
  text,
});

/** The DER of an X.500 Name from RDNs given in DER order (C first, CN last, as certificates do). */
const name = (...rdns: Value[][]): Buffer =>
  Buffer.from(asn1.toDer(nameAsn1(...rdns)).getBytes(), 'binary');

const nameAsn1 = (...rdns: Value[][]) =>
  asn1.create(
    asn1.Class.UNIVERSAL,
    asn1.Type.SEQUENCE,
    true,
    rdns.map((rdn) =>
      asn1.create(
        asn1.Class.UNIVERSAL,
        asn1.Type.SET,
        true,
        rdn.map(({ oid, type, text }) =>
          asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
            asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes()),
            asn1.create(asn1.Class.UNIVERSAL, type, false, forge.util.encodeUtf8(text)),
          ]),
        ),
      ),
    ),
  );

describe('formatX500Name (X509IssuerName)', () => {
  it('emite el orden RFC 2253 (CN … C) con comas sin espacios', () => {
    expect(
      formatX500Name(
        name(
          [av('2.5.4.6', 'EC', asn1.Type.PRINTABLESTRING)],
          [av('2.5.4.10', 'BANCO CENTRAL DEL ECUADOR')],
          [av('2.5.4.11', 'ENTIDAD DE CERTIFICACION DE INFORMACION-ECIBCE')],
          [av('2.5.4.7', 'QUITO')],
          [av('2.5.4.3', 'AC BANCO CENTRAL DEL ECUADOR')],
        ),
      ),
    ).toBe(
      'CN=AC BANCO CENTRAL DEL ECUADOR,L=QUITO,OU=ENTIDAD DE CERTIFICACION DE INFORMACION-ECIBCE,O=BANCO CENTRAL DEL ECUADOR,C=EC',
    );
  });

  it('usa EMAILADDRESS= y no E= para el correo', () => {
    expect(
      formatX500Name(
        name(
          [av('2.5.4.3', 'my company name')],
          [av('1.2.840.113549.1.9.1', 'info@mycompany.com', asn1.Type.IA5STRING)],
        ),
      ),
    ).toBe('EMAILADDRESS=info@mycompany.com,CN=my company name');
  });

  it('escribe organizationIdentifier como OID=#hex del valor DER tal como está codificado', () => {
    expect(formatX500Name(name([av('2.5.4.97', '59382')]))).toBe('2.5.4.97=#0c053539333832');
    expect(formatX500Name(name([av('2.5.4.97', '59382', asn1.Type.PRINTABLESTRING)]))).toBe(
      '2.5.4.97=#13053539333832',
    );
  });

  it('usa las palabras clave STREET, DC, UID y SERIALNUMBER', () => {
    expect(
      formatX500Name(
        name(
          [av('0.9.2342.19200300.100.1.25', 'ec', asn1.Type.IA5STRING)],
          [av('2.5.4.9', 'Av. Amazonas')],
          [av('0.9.2342.19200300.100.1.1', 'u1')],
          [av('2.5.4.5', '1790016919001', asn1.Type.PRINTABLESTRING)],
          [av('2.5.4.8', 'PICHINCHA')],
        ),
      ),
    ).toBe('ST=PICHINCHA,SERIALNUMBER=1790016919001,UID=u1,STREET=Av. Amazonas,DC=ec');
  });

  it('escapa los caracteres especiales de RFC 2253', () => {
    expect(formatX500Name(name([av('2.5.4.3', 'A, B + "C" \\ <D>; E')]))).toBe(
      'CN=A\\, B \\+ \\"C\\" \\\\ \\<D\\>\\; E',
    );
    expect(formatX500Name(name([av('2.5.4.3', '#uno ')]))).toBe('CN=\\#uno\\ ');
    expect(formatX500Name(name([av('2.5.4.3', ' dos')]))).toBe('CN=\\ dos');
  });

  it('une con + los atributos de un RDN multivalor', () => {
    expect(formatX500Name(name([av('2.5.4.3', 'Ana'), av('2.5.4.5', '17')]))).toBe(
      'CN=Ana+SERIALNUMBER=17',
    );
  });

  it('conserva texto UTF-8 (ñ, tildes) sin escaparlo', () => {
    expect(formatX500Name(name([av('2.5.4.10', 'Compañía Ñañez')]))).toBe('O=Compañía Ñañez');
  });

  it('escribe en hex cualquier OID sin palabra clave (p. ej. title 2.5.4.12)', () => {
    expect(formatX500Name(name([av('2.5.4.12', 'Ge', asn1.Type.PRINTABLESTRING)]))).toBe(
      '2.5.4.12=#13024765',
    );
  });

  for (const file of [
    'factura_V1.1.0_prueba_firmada-XAdES-BES.xml',
    'factura_V1.1.0_prueba_firmada-XAdES-BES_issuer-EMAILADDRESS.xml',
  ]) {
    it(`reproduce X509IssuerName y el serial de la muestra ${file}`, () => {
      const xml = readFileSync(resolve(samples, file), 'utf8');
      const certificate = /<ds:X509Certificate>([^<]+)</.exec(xml)?.[1] ?? '';
      const facts = readCertificate(Buffer.from(certificate, 'base64'));
      expect(facts.issuerName).toBe(/<ds:X509IssuerName>([^<]+)</.exec(xml)?.[1]);
      expect(facts.serialDecimal).toBe(/<ds:X509SerialNumber>([^<]+)</.exec(xml)?.[1]);
      expect(facts.modulusBase64).toBe(/<ds:Modulus>([^<]+)</.exec(xml)?.[1]);
      expect(facts.exponentBase64).toBe('AQAB');
      expect(facts.sha1Base64).toBe(/<xades:CertDigest>.*?<ds:DigestValue>([^<]+)</.exec(xml)?.[1]);
    });
  }
});

const selfSigned = (extensions: object[], subject: forge.pki.CertificateField[]) => {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 512, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date('2025-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2027-01-01T00:00:00Z');
  cert.setSubject(subject);
  cert.setIssuer([{ shortName: 'CN', value: 'AC' }]);
  cert.setExtensions(extensions);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return Buffer.from(asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
};

const utf8Der = (text: string) =>
  asn1.toDer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, text)).getBytes();

describe('readCertificate (RUC y titular)', () => {
  it('lee el RUC y la razón social de las extensiones del Banco Central', () => {
    const facts = readCertificate(
      selfSigned(
        [
          { id: '1.3.6.1.4.1.37947.3.11', value: utf8Der('0992345675001') },
          { id: '1.3.6.1.4.1.37947.3.10', value: utf8Der('COMERCIAL LA ESQUINA S.A.') },
        ],
        [{ shortName: 'CN', value: 'MARIA PEREZ' }],
      ),
    );
    expect(facts.summaryParts).toMatchObject({
      titular: 'MARIA PEREZ',
      ruc: '0992345675001',
      razonSocial: 'COMERCIAL LA ESQUINA S.A.',
      emisor: 'AC',
    });
  });

  it('lee el RUC de Security Data aunque venga como texto sin DER', () => {
    const facts = readCertificate(
      selfSigned(
        [{ id: '1.3.6.1.4.1.37746.3.11', value: '1790016919001' }],
        [{ shortName: 'CN', value: 'JUAN' }],
      ),
    );
    expect(facts.summaryParts.ruc).toBe('1790016919001');
  });

  it('toma el RUC del serialNumber del sujeto cuando no hay extensión', () => {
    const facts = readCertificate(
      selfSigned(
        [],
        [
          { shortName: 'CN', value: 'JUAN' },
          { name: 'serialNumber', value: '1714307103001' },
        ],
      ),
    );
    expect(facts.summaryParts.ruc).toBe('1714307103001');
  });

  it('devuelve ruc null si el certificado no trae ninguno', () => {
    expect(
      readCertificate(selfSigned([], [{ shortName: 'CN', value: 'JUAN' }])).summaryParts.ruc,
    ).toBeNull();
  });

  it('detecta keyUsage sin digitalSignature', () => {
    const facts = readCertificate(
      selfSigned([{ name: 'keyUsage', keyEncipherment: true }], [{ shortName: 'CN', value: 'X' }]),
    );
    expect(facts.digitalSignature).toBe(false);
  });
});
