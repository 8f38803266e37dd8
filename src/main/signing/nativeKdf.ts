/**
 * node-forge derives the PKCS#12 keys in JavaScript: the MAC key and the PBES2 (PBKDF2) key of a
 * modern .p12, 2048 iterations each, cost ~100 ms of every `firmar` and every start that unlocks
 * the certificate. These do the same math with node:crypto (RFC 7292 appendix B.2, RFC 8018
 * §5.2) and are installed into forge once; anything they do not cover (an unknown digest, a
 * callback, a password forge would mangle) still goes to forge's own code.
 */
import { createHash, pbkdf2Sync } from 'node:crypto';
import forge from 'node-forge';

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
  const u = digest.digestLength;
  const v = digest.blockLength;
  // The password as a BMPString with its two-byte terminator; none at all when absent.
  const pass = Buffer.alloc(
    password === null || password === undefined ? 0 : (password.length + 1) * 2,
  );
  for (let i = 0; password !== null && password !== undefined && i < password.length; i++) {
    pass.writeUInt16BE(password.charCodeAt(i), i * 2);
  }
  const saltBytes = bytesOf(salt);
  const repeat = (source: Buffer): Buffer => {
    const out = Buffer.alloc(v * Math.ceil(source.length / v));
    for (let i = 0; i < out.length; i++) out[i] = source[i % source.length] as number;
    return out;
  };
  const I = Buffer.concat([repeat(saltBytes), repeat(pass)]);
  const D = Buffer.alloc(v, id);
  const blocks: Buffer[] = [];
  for (let produced = 0; produced < n; produced += u) {
    let A = createHash(name).update(D).update(I).digest();
    for (let round = 1; round < iter; round++) A = createHash(name).update(A).digest();
    blocks.push(A);
    // I_j = (I_j + B + 1) mod 2^(8v), B = A repeated to v bytes.
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let l = v - 1; l >= 0; l--) {
        carry += (I[j + l] as number) + (A[l % u] as number);
        I[j + l] = carry & 0xff;
        carry >>= 8;
      }
    }
  }
  return forge.util.createBuffer(Buffer.concat(blocks).subarray(0, n).toString('binary'));
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
