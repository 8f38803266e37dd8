/**
 * The PKCS#12 key derivation (RFC 7292 appendix B.2) with node:crypto's hashes: the MAC key of
 * every .p12 file (docs/sri.md §6 "Certificate").
 */
import { createHash } from 'node:crypto';

/** A hash as B.2 needs it: node's name, output length `u` and block length `v` in bytes. */
export type Pkcs12Hash = { name: string; u: number; v: number };

/**
 * `n` bytes of key material of purpose `id` (1 key, 2 IV, 3 MAC) from a password (`null`: none).
 * @example pkcs12Key('clave', salt, 3, 2048, 20, { name: 'sha1', u: 20, v: 64 }) // <Buffer …20 bytes>
 */
export const pkcs12Key = (
  password: string | null,
  salt: Buffer,
  id: number,
  iter: number,
  n: number,
  hash: Pkcs12Hash,
): Buffer => {
  const { name, u, v } = hash;
  // The password as a BMPString with its two-byte terminator; none at all when absent.
  const pass = Buffer.alloc(password === null ? 0 : (password.length + 1) * 2);
  for (let i = 0; password !== null && i < password.length; i++) {
    pass.writeUInt16BE(password.charCodeAt(i), i * 2);
  }
  const repeat = (source: Buffer): Buffer => {
    const out = Buffer.alloc(v * Math.ceil(source.length / v));
    for (let i = 0; i < out.length; i++) out[i] = source[i % source.length] as number;
    return out;
  };
  const I = Buffer.concat([repeat(salt), repeat(pass)]);
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
  return Buffer.concat(blocks).subarray(0, n);
};
