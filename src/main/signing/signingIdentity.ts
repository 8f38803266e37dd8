/**
 * The unlocked signer and how it is chosen from a .p12 (docs/sri.md §6 "Certificate"). Modern
 * files (PBES2/AES) open with node:crypto alone (nativeP12); the others need node-forge
 * (legacyP12), which `loadSigningIdentityLazily` loads only for such a file, so a `firmar` with a
 * modern certificate never parses it.
 */
import type { KeyObject } from 'node:crypto';
import { err, ok, type Result } from '../../shared/result';
import {
  type CertificateFacts,
  type CertificateSummary,
  readCertificate,
  summarize,
} from './certificate';
import { type DecodedP12, decodeModernP12 } from './nativeP12';

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
 * Picks from an opened .p12 the certificate with keyUsage digitalSignature, valid at `now` and
 * matching a private key in the file (Banco Central p12s also hold an encryption pair).
 * @example chooseSigningIdentity(ok(decodeModernP12(bytes, clave)), new Date())
 */
export const chooseSigningIdentity = (
  decoded: Result<DecodedP12>,
  now: Date,
): Result<SigningIdentity> => {
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

/**
 * `loadSigningIdentity` for callers that can wait: node-forge is loaded only when the file is
 * not a modern PKCS#12.
 * @example const identity = await loadSigningIdentityLazily(readFileSync('firma.p12'), clave, new Date());
 */
export const loadSigningIdentityLazily = async (
  p12: Uint8Array,
  password: string,
  now: Date,
): Promise<Result<SigningIdentity>> => {
  const modern = decodeModernP12(p12, password);
  if (modern !== null) return chooseSigningIdentity(ok(modern), now);
  const { decodeLegacyP12 } = await import('./legacyP12');
  return chooseSigningIdentity(decodeLegacyP12(p12, password), now);
};
