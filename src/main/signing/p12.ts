/**
 * Reads a PKCS#12 file once and picks the signing certificate (docs/sri.md §6 "Certificate").
 * Modern files (PBES2/AES) open with node:crypto alone (nativeP12); node-forge decrypts the
 * others, every PBE scheme found in Ecuadorian p12s (RC2-40, 3DES). Signing itself then uses the
 * `node:crypto` KeyObject.
 */
import { ok, type Result } from '../../shared/result';
import { decodeLegacyP12 } from './legacyP12';
import { decodeModernP12 } from './nativeP12';
import { chooseSigningIdentity, type SigningIdentity } from './signingIdentity';

export type { P12ErrorCode, SigningIdentity } from './signingIdentity';

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
  const modern = decodeModernP12(p12, password);
  return chooseSigningIdentity(modern === null ? decodeLegacyP12(p12, password) : ok(modern), now);
};
