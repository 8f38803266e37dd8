/**
 * Training certificate for `mostrador serve --demo` against the built-in SRI simulator. It is
 * a real p12 (so the demo imports it through the normal path) issued by a throw-away CA whose
 * name says what it is; the real SRI rejects it (unknown CA).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export const DEMO_LABEL = 'CERTIFICADO DE PRUEBA — SOLO SIMULADOR';

const DAY_MS = 86_400_000;

const newKey = (): forge.pki.rsa.PrivateKey => {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
};

const utf8Der = (text: string): string =>
  forge.asn1
    .toDer(
      forge.asn1.create(
        forge.asn1.Class.UNIVERSAL,
        forge.asn1.Type.UTF8,
        false,
        forge.util.encodeUtf8(text),
      ),
    )
    .getBytes();

const utf8Field = (shortName: string, value: string): forge.pki.CertificateField =>
  ({
    shortName,
    value,
    valueTagClass: forge.asn1.Type.UTF8,
  }) as unknown as forge.pki.CertificateField;

const serial = (): string => {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return bytes.toString('hex');
};

/**
 * Creates a demo signing p12 for the issuer's RUC, valid for two years from `now`.
 * @example
 * const { p12, password } = createDemoSigningIdentity({ ruc: '0992345675001', razonSocial: 'LA ESQUINA S.A.', now: new Date() });
 * loadSigningIdentity(p12, password, new Date()) // ok, summary.emisor 'AC CERTIFICADO DE PRUEBA — SOLO SIMULADOR'
 */
export const createDemoSigningIdentity = (input: {
  ruc: string;
  razonSocial: string;
  now: Date;
}): { p12: Buffer; password: string } => {
  const caKey = newKey();
  const leafKey = newKey();
  const caSubject: forge.pki.CertificateField[] = [
    { shortName: 'C', value: 'EC' },
    utf8Field('O', DEMO_LABEL),
    utf8Field('CN', `AC ${DEMO_LABEL}`),
  ];
  const ca = forge.pki.createCertificate();
  ca.publicKey = forge.pki.setRsaPublicKey(caKey.n, caKey.e);
  ca.serialNumber = serial();
  ca.validity.notBefore = new Date(input.now.getTime() - DAY_MS);
  ca.validity.notAfter = new Date(input.now.getTime() + 3 * 365 * DAY_MS);
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  ca.sign(caKey, forge.md.sha256.create());

  const leaf = forge.pki.createCertificate();
  leaf.publicKey = forge.pki.setRsaPublicKey(leafKey.n, leafKey.e);
  leaf.serialNumber = serial();
  leaf.validity.notBefore = new Date(input.now.getTime() - DAY_MS);
  leaf.validity.notAfter = new Date(input.now.getTime() + 2 * 365 * DAY_MS);
  leaf.setSubject([
    { shortName: 'C', value: 'EC' },
    utf8Field('O', DEMO_LABEL),
    utf8Field('CN', input.razonSocial),
    { name: 'serialNumber', value: input.ruc },
  ]);
  leaf.setIssuer(caSubject);
  leaf.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    // Banco Central's RUC and razón social extensions, so the summary reads like a real one.
    { id: '1.3.6.1.4.1.37947.3.11', value: utf8Der(input.ruc) },
    { id: '1.3.6.1.4.1.37947.3.10', value: utf8Der(input.razonSocial) },
  ]);
  leaf.sign(caKey, forge.md.sha256.create());

  const password = randomBytes(18).toString('base64url');
  const asn1 = forge.pkcs12.toPkcs12Asn1(leafKey, [leaf, ca], password, {
    algorithm: 'aes256',
    friendlyName: DEMO_LABEL,
  });
  return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), password };
};
