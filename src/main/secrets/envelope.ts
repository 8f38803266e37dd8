import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
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
export const seal = (plaintext: Uint8Array, aad: string): SealedBox & { dataKey: Buffer } => {
  const dataKey = randomBytes(DATA_KEY_BYTES);
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
