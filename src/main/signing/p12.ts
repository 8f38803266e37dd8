/**
 * Reads a PKCS#12 file once and picks the signing certificate (docs/sri.md §6 "Certificate").
 * Modern files (PBES2/AES) open with node:crypto alone (nativeP12); node-forge decrypts the
 * others, every PBE scheme found in Ecuadorian p12s (RC2-40, 3DES). Signing itself then uses the
 * `node:crypto` KeyObject.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { err, ok, type Result } from '../../shared/result';
import {
  type CertificateFacts,
  type CertificateSummary,
  readCertificate,
  summarize,
} from './certificate';
import { installNativeKeyDerivation } from './nativeKdf';
import { decodeModernP12 } from './nativeP12';

// The MAC and PBKDF2 keys of a modern p12 natively, not in forge's JavaScript (see nativeKdf).
installNativeKeyDerivation();

/** The unlocked signer: lives in main, never serialised (docs/architecture.md §7). */
export type SigningIdentity = {
  privateKey: KeyObject;
  certificateDer: Buffer;
  certificateBase64: string;
  /** SHA-1 of the certificate DER, base64 (xades:CertDigest). */
  certificateSha1Base64: string;
  issuerName: string;
  serialNumber: string;
  modulusBase64: string;
  exponentBase64: string;
  summary: CertificateSummary;
};

export type P12ErrorCode =
  | 'p12_clave_incorrecta'
  | 'p12_corrupto'
  | 'certificado_caducado'
  | 'certificado_no_vigente'
  | 'p12_sin_certificado_firma'
  | 'p12_clave_no_coincide';

const formatFecha = (date: Date): string =>
  new Intl.DateTimeFormat('es-EC', {
    timeZone: 'America/Guayaquil',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date);

const p12Error = (code: P12ErrorCode, message: string) => err(code, message);

type Candidate = { facts: CertificateFacts; key: KeyObject | null };

/**
 * The PKCS#12 MAC and legacy PBEs take the password as BMPString (forge converts the JS
 * string), but PBES2/PBKDF2 takes its UTF-8 bytes, which forge does not do: for a non-ASCII
 * password (e.g. with ñ) on a modern file, decrypt again with UTF-8 once the MAC has passed.
 */
const openPfx = (asn: forge.asn1.Asn1, password: string): forge.pkcs12.Pkcs12Pfx => {
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn, false, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range check
    if (/^[\x00-\x7f]*$/.test(password) || /MAC could not be verified/i.test(message)) throw error;
    const parts = asn.value as forge.asn1.Asn1[];
    const withoutMac = { ...asn, value: parts.slice(0, 2) };
    return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, forge.util.encodeUtf8(password));
  }
};

const decodeP12 = (
  p12: Uint8Array,
  password: string,
): Result<{ certificates: Buffer[]; keys: KeyObject[] }> => {
  const modern = decodeModernP12(p12, password);
  if (modern !== null) return ok(modern);
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    const der = Buffer.from(p12.buffer, p12.byteOffset, p12.byteLength).toString('binary');
    const asn = forge.asn1.fromDer(der, false);
    pfx = openPfx(asn, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/MAC could not be verified|Invalid password/i.test(message)) {
      return p12Error(
        'p12_clave_incorrecta',
        'La contraseña del certificado (.p12) es incorrecta.',
      );
    }
    return p12Error(
      'p12_corrupto',
      'El archivo .p12 está dañado o no es un certificado PKCS#12 válido.',
    );
  }
  const certificates: Buffer[] = [];
  const keys: KeyObject[] = [];
  try {
    const certBags = pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag ?? ''];
    for (const bag of certBags ?? []) {
      const asn = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
      if (asn !== undefined)
        certificates.push(Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary'));
    }
    for (const bagType of [forge.pki.oids.pkcs8ShroudedKeyBag, forge.pki.oids.keyBag]) {
      if (bagType === undefined) continue;
      for (const bag of pfx.getBags({ bagType })[bagType] ?? []) {
        if (bag.key) {
          keys.push(createPrivateKey(forge.pki.privateKeyToPem(bag.key)));
        } else if (bag.asn1 !== undefined) {
          // Non-RSA keys stay as PKCS#8; they never match an RSA signing certificate.
          const pkcs8 = Buffer.from(forge.asn1.toDer(bag.asn1).getBytes(), 'binary');
          keys.push(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
        }
      }
    }
  } catch {
    // A shrouded key that does not decrypt with a MAC-verified password: wrong password on a
    // p12 without MAC, or damaged contents.
    return p12Error(
      'p12_corrupto',
      'No se pudo leer la clave privada del .p12: el archivo está dañado o la contraseña no corresponde.',
    );
  }
  return ok({ certificates, keys });
};

/**
 * Unlocks a .p12 and picks the certificate with keyUsage digitalSignature, valid at `now`
 * and matching a private key in the file (Banco Central p12s also hold an encryption pair).
 * @example
 * const identity = loadSigningIdentity(readFileSync('firma.p12'), clave, new Date());
 * if (identity.ok) identity.value.summary.titular // 'JUAN PEREZ'
 */
export const loadSigningIdentity = (
  p12: Uint8Array,
  password: string,
  now: Date,
): Result<SigningIdentity> => {
  const decoded = decodeP12(p12, password);
  if (!decoded.ok) return decoded;
  const { certificates, keys } = decoded.value;
  if (keys.length === 0) {
    return p12Error(
      'p12_sin_certificado_firma',
      'El archivo .p12 no contiene ninguna clave privada para firmar.',
    );
  }
  const candidates: Candidate[] = [];
  for (const der of certificates) {
    let facts: CertificateFacts;
    try {
      facts = readCertificate(der);
    } catch {
      continue; // a non-RSA or unreadable chain certificate cannot sign for the SRI
    }
    const key = keys.find((candidate) => facts.x509.checkPrivateKey(candidate)) ?? null;
    candidates.push({ facts, key });
  }
  const withKey = candidates.filter((candidate) => candidate.key !== null);
  if (withKey.length === 0) {
    return candidates.length === 0
      ? p12Error(
          'p12_sin_certificado_firma',
          'El archivo .p12 no contiene un certificado de firma electrónica.',
        )
      : p12Error(
          'p12_clave_no_coincide',
          'La clave privada del .p12 no corresponde a ninguno de sus certificados.',
        );
  }
  const signing = withKey.filter((candidate) => candidate.facts.digitalSignature !== false);
  if (signing.length === 0) {
    return p12Error(
      'p12_sin_certificado_firma',
      'El .p12 no contiene un certificado de firma digital (solo de cifrado); el SRI lo rechazaría con el error 39.',
    );
  }
  const time = now.getTime();
  const valid = signing.filter(
    (candidate) =>
      candidate.facts.notBefore.getTime() <= time && time <= candidate.facts.notAfter.getTime(),
  );
  // Prefer an end-entity certificate with an explicit digitalSignature bit.
  const chosen =
    valid.find((c) => c.facts.digitalSignature === true && !c.facts.isCa) ??
    valid.find((c) => !c.facts.isCa) ??
    valid[0] ??
    null;
  if (chosen === null || chosen.key === null) {
    const latest = [...signing].sort(
      (a, b) => b.facts.notAfter.getTime() - a.facts.notAfter.getTime(),
    )[0];
    if (latest !== undefined && latest.facts.notAfter.getTime() < time) {
      return p12Error(
        'certificado_caducado',
        `El certificado de firma caducó el ${formatFecha(latest.facts.notAfter)}; renuévelo con su entidad certificadora.`,
      );
    }
    const earliest = [...signing].sort(
      (a, b) => a.facts.notBefore.getTime() - b.facts.notBefore.getTime(),
    )[0];
    return p12Error(
      'certificado_no_vigente',
      `El certificado de firma aún no es válido: rige desde el ${formatFecha(earliest?.facts.notBefore ?? now)}. Revise la fecha del equipo.`,
    );
  }
  const { facts } = chosen;
  return ok({
    privateKey: chosen.key,
    certificateDer: facts.der,
    certificateBase64: facts.base64,
    certificateSha1Base64: facts.sha1Base64,
    issuerName: facts.issuerName,
    serialNumber: facts.serialDecimal,
    modulusBase64: facts.modulusBase64,
    exponentBase64: facts.exponentBase64,
    summary: summarize(facts, now),
  });
};
