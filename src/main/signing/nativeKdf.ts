/**
 * node-forge derives the PKCS#12 keys in JavaScript: the MAC key and the PBES2 (PBKDF2) key of a
 * modern .p12, 2048 iterations each, cost ~100 ms of every `firmar` and every start that unlocks
 * the certificate. These do the same math with node:crypto (RFC 7292 appendix B.2, RFC 8018
 * §5.2) and are installed into forge once; anything they do not cover (an unknown digest, a
 * callback, a password forge would mangle) still goes to forge's own code.
 */
import { pbkdf2Sync } from 'node:crypto';
import forge from 'node-forge';
import { pkcs12Key } from './pkcs12Kdf';

type ForgeDigest = { algorithm: string; digestLength: number; blockLength: number };
type ForgeBytes = { bytes: () => string };

/** forge's digest names → node's; only those whose block length forge reports correctly. */
const NODE_DIGEST: Record<string, string> = {
  sha1: 'sha1',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
};

type Pkcs12Kdf = (
  password: string | null | undefined,
  salt: string | ForgeBytes,
  id: number,
  iter: number,
  n: number,
  md?: ForgeDigest | null,
) => forge.util.ByteStringBuffer;

/** forge's pbe namespace (`forge.pki.pbe` too), missing from @types/node-forge. */
const pbe = (forge as unknown as { pbe: { generatePkcs12Key: Pkcs12Kdf } }).pbe;

export const forgePkcs12Key: Pkcs12Kdf = pbe.generatePkcs12Key;
export const forgePbkdf2 = forge.pkcs5.pbkdf2;

const bytesOf = (value: string | ForgeBytes): Buffer =>
  Buffer.from(typeof value === 'string' ? value : value.bytes(), 'binary');

/**
 * RFC 7292 B.2 with node's hashes: same inputs and output (a forge ByteBuffer) as
 * `forge.pbe.generatePkcs12Key`.
 * @example nativePkcs12Key('clave', salt, 3, 2048, 32, forge.md.sha256.create())
 */
export const nativePkcs12Key = (
  password: string | null | undefined,
  salt: string | ForgeBytes,
  id: number,
  iter: number,
  n: number,
  md?: ForgeDigest | null,
): forge.util.ByteStringBuffer => {
  const digest = md ?? { algorithm: 'sha1', digestLength: 20, blockLength: 64 };
  const name = NODE_DIGEST[digest.algorithm];
  if (name === undefined || !(iter >= 1)) {
    return forgePkcs12Key(password, salt, id, iter, n, md);
  }
  const key = pkcs12Key(password ?? null, bytesOf(salt), id, iter, n, {
    name,
    u: digest.digestLength,
    v: digest.blockLength,
  });
  return forge.util.createBuffer(key.toString('binary'));
};

/**
 * PBKDF2 with node's implementation: same inputs and output (a binary string) as
 * `forge.pkcs5.pbkdf2` used synchronously.
 * @example nativePbkdf2('clave', salt, 2048, 32, forge.md.sha256.create())
 */
export const nativePbkdf2 = (
  password: string,
  salt: string,
  count: number,
  dkLen: number,
  md?: ForgeDigest | string | null,
  callback?: unknown,
): string => {
  const algorithm =
    md === undefined || md === null ? 'sha1' : typeof md === 'string' ? md : md.algorithm;
  const name = NODE_DIGEST[algorithm];
  // forge reads the password one byte per character: beyond latin-1 its result is its own.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: latin-1 range check
  if (callback !== undefined || name === undefined || !/^[\x00-\xff]*$/.test(password)) {
    return (forgePbkdf2 as (...args: unknown[]) => string)(
      password,
      salt,
      count,
      dkLen,
      md,
      callback,
    );
  }
  return pbkdf2Sync(
    Buffer.from(password, 'binary'),
    Buffer.from(salt, 'binary'),
    count,
    dkLen,
    name,
  ).toString('binary');
};

let installed = false;

/** Makes forge (this process's single instance) derive PKCS#12 and PBKDF2 keys natively. */
export const installNativeKeyDerivation = (): void => {
  if (installed) return;
  installed = true;
  pbe.generatePkcs12Key = nativePkcs12Key;
  (forge.pkcs12 as unknown as { generateKey: typeof nativePkcs12Key }).generateKey =
    nativePkcs12Key;
  (forge.pkcs5 as unknown as { pbkdf2: typeof nativePbkdf2 }).pbkdf2 = nativePbkdf2;
  (forge as unknown as { pbkdf2: typeof nativePbkdf2 }).pbkdf2 = nativePbkdf2;
};
