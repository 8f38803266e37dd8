/**
 * User PINs are short, so they are stored only as a slow salted hash: scrypt with N=2^15, r=8,
 * p=1 (OWASP's minimum for scrypt), encoded as `scrypt$15$8$1$<salt>$<hash>` so the cost can
 * be raised later without breaking stored hashes.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../../shared/result';

const LOG2_N = 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

const derive = (pin: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const N = 2 ** log2N;
    // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly one N=2^15 block.
    scrypt(pin, salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

/** 4 to 8 digits: typed on a POS keypad. */
export const validatePin = (pin: string): Result<string> =>
  /^[0-9]{4,8}$/.test(pin)
    ? ok(pin)
    : err('pin_invalido', 'El PIN debe tener de 4 a 8 dígitos.', 'pin');

/** Hashes a PIN (already validated) for `app_user.pin_hash`. */
export const hashPin = async (pin: string): Promise<string> => {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, LOG2_N, R, P);
  return `scrypt$${LOG2_N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
};

/** True when `pin` matches `stored`; false for a wrong PIN or an unreadable hash. */
export const verifyPin = async (pin: string, stored: string): Promise<boolean> => {
  const parts = stored.split('$');
  const [scheme, log2N, r, p, salt, hash] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || salt === undefined || hash === undefined) {
    return false;
  }
  const numbers = [log2N, r, p].map(Number);
  const [n, rr, pp] = numbers;
  if (n === undefined || rr === undefined || pp === undefined) return false;
  if (!numbers.every((x) => Number.isInteger(x) && x > 0) || n > 20) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(pin, Buffer.from(salt, 'base64'), n, rr, pp);
  return timingSafeEqual(actual, expected);
};
