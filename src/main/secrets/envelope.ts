import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { err, ok, type Result } from '../../shared/result';

/** What is stored next to the record: safe to keep on disk, useless without the data key. */
export type SealedBox = {
  ciphertext: Buffer;
  iv: Buffer;
  authTag: Buffer;
};

export const DATA_KEY_BYTES = 32;
/** NIST SP 800-38D: 96-bit IVs are the recommended (and fastest) size for GCM. */
export const IV_BYTES = 12;
export const AUTH_TAG_BYTES = 16;

const ALGORITHM = 'aes-256-gcm';

export const TAMPERED_MESSAGE =
  'El certificado guardado está dañado o fue modificado (falló la verificación de integridad del cifrado). Vuelva a importar la firma electrónica.';

/**
 * The associated data that binds a sealed p12 to its certificate row: a ciphertext copied onto
 * another row, or reused for another purpose, fails the GCM tag.
 *
 * @example certificateAad('c0ffee') // 'mostrador/certificado/c0ffee/p12'
 */
export const certificateAad = (certificateId: string): string =>
  `mostrador/certificado/${certificateId}/p12`;

/**
 * Encrypts `plaintext` with AES-256-GCM under a fresh random data key.
 *
 * @example const { ciphertext, iv, authTag, dataKey } = seal(p12Bytes, certificateAad(id));
 */
export const seal = (plaintext: Uint8Array, aad: string): SealedBox & { dataKey: Buffer } =>
  sealWith(randomBytes(DATA_KEY_BYTES), plaintext, aad);

/** Encrypts `plaintext` with AES-256-GCM under the given 32-byte key. */
export const sealWith = (
  dataKey: Buffer,
  plaintext: Uint8Array,
  aad: string,
): SealedBox & { dataKey: Buffer } => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, dataKey, iv, { authTagLength: AUTH_TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, iv, authTag: cipher.getAuthTag(), dataKey };
};

/**
 * Decrypts and authenticates a sealed box. Any mismatch (key, IV, tag, ciphertext, AAD) is
 * reported as `cifrado_alterado`: GCM cannot tell which part changed, and none is expected.
 *
 * @example const p12 = open({ ...row, dataKey }, certificateAad(row.id));
 */
export const open = (box: SealedBox & { dataKey: Uint8Array }, aad: string): Result<Buffer> => {
  if (
    box.dataKey.length !== DATA_KEY_BYTES ||
    box.iv.length !== IV_BYTES ||
    box.authTag.length !== AUTH_TAG_BYTES
  ) {
    return err('cifrado_alterado', TAMPERED_MESSAGE);
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, box.dataKey, box.iv, {
      authTagLength: AUTH_TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(box.authTag);
    return ok(Buffer.concat([decipher.update(box.ciphertext), decipher.final()]));
  } catch {
    // `final()` throws "Unsupported state or unable to authenticate data" on a bad tag.
    return err('cifrado_alterado', TAMPERED_MESSAGE);
  }
};

/**
 * scrypt cost for a key derived from the p12 password: ~100 ms on a counter PC, paid once per
 * unlock. N = 2^15, r = 8 needs 32 MiB.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/**
 * The data key of a firma kept in «pedir la contraseña cada vez» mode on a machine without a
 * usable keychain: derived from the p12 password with scrypt. The salt is bound to the
 * certificate row (its AAD), unique per import, so equal passwords give unrelated keys. The
 * ciphertext in SQLite is then as strong as the password — which also protects the p12 itself.
 *
 * @example const key = dataKeyFromPassword('secreto', certificateAad(id));
 */
export const dataKeyFromPassword = (password: string, aad: string): Buffer =>
  scryptSync(
    Buffer.from(password, 'utf8'),
    createHash('sha256').update(`${aad}/scrypt`).digest(),
    DATA_KEY_BYTES,
    SCRYPT,
  );
