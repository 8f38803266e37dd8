/**
 * User PINs are short, so they are stored only as a slow salted hash: scrypt with N=2^15, r=8,
 * p=1 (OWASP's minimum for scrypt), encoded as `scrypt$15$8$1$<salt>$<hash>` so the cost can
 * be raised later without breaking stored hashes.
 *
 * A 4-digit PIN still falls to scrypt in minutes, so with a pepper (32 random bytes kept in the
 * OS keychain, never in the database: `src/main/secrets/pimienta.ts`, issue 15 §5) the hash is
 * `scrypt-p.<huella>$15$8$1$<salt>$<scrypt(HMAC-SHA256(pepper, pin), salt)>`: a backup alone
 * cracks nothing. The huella (4 bytes of an HMAC of the pepper) tells «this computer has another
 * pepper» (a backup from another computer) apart from a wrong PIN, and reveals nothing usable. `scrypt$` hashes (older, or made without a keychain) keep working and are upgraded at
 * the next correct PIN (`db/repos/users.ts`).
 */
import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../../shared/result';

const LOG2_N = 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

const SIN_PIMIENTA = 'scrypt';
const CON_PIMIENTA = 'scrypt-p.';

/** 8 hex characters that identify a pepper without revealing it. */
export const huellaPimienta = (pimienta: Buffer): string =>
  createHmac('sha256', pimienta).update('mostrador.pin.huella').digest('hex').slice(0, 8);

const conPimienta = (pin: string, pimienta: Buffer): Buffer =>
  createHmac('sha256', pimienta).update(pin, 'utf8').digest();

const derive = (
  pin: string | Buffer,
  salt: Buffer,
  log2N: number,
  r: number,
  p: number,
): Promise<Buffer> =>
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

/**
 * Hashes a PIN (already validated) for `app_user.pin_hash`; with the keychain's pepper when
 * there is one.
 */
export const hashPin = async (pin: string, pimienta: Buffer | null = null): Promise<string> => {
  const salt = randomBytes(16);
  const key = await derive(
    pimienta === null ? pin : conPimienta(pin, pimienta),
    salt,
    LOG2_N,
    R,
    P,
  );
  const scheme = pimienta === null ? SIN_PIMIENTA : `${CON_PIMIENTA}${huellaPimienta(pimienta)}`;
  return `${scheme}$${LOG2_N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
};

/** Whether a stored hash needs the pepper to be checked. */
export const pinConPimienta = (stored: string): boolean => stored.startsWith(CON_PIMIENTA);

/**
 * Whether `pimienta` is the one `stored` was made with; false without one. A hash without
 * pepper needs none.
 */
export const pimientaCorresponde = (stored: string, pimienta: Buffer | null): boolean =>
  !pinConPimienta(stored) ||
  (pimienta !== null && stored.startsWith(`${CON_PIMIENTA}${huellaPimienta(pimienta)}$`));

/**
 * True when `pin` matches `stored`; false for a wrong PIN, an unreadable hash, or a peppered
 * hash without the pepper.
 */
export const verifyPin = async (
  pin: string,
  stored: string,
  pimienta: Buffer | null = null,
): Promise<boolean> => {
  const parts = stored.split('$');
  const [scheme, log2N, r, p, salt, hash] = parts;
  const peppered = scheme?.startsWith(CON_PIMIENTA) === true;
  if (
    parts.length !== 6 ||
    (scheme !== SIN_PIMIENTA && !peppered) ||
    salt === undefined ||
    hash === undefined
  ) {
    return false;
  }
  if (peppered && !pimientaCorresponde(stored, pimienta)) return false;
  const numbers = [log2N, r, p].map(Number);
  const [n, rr, pp] = numbers;
  if (n === undefined || rr === undefined || pp === undefined) return false;
  if (!numbers.every((x) => Number.isInteger(x) && x > 0) || n > 20) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const entrada = peppered && pimienta !== null ? conPimienta(pin, pimienta) : pin;
  const actual = await derive(entrada, Buffer.from(salt, 'base64'), n, rr, pp);
  return timingSafeEqual(actual, expected);
};
