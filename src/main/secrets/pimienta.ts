/**
 * The PIN pepper in the OS keychain (issue 15 §5): 32 random bytes, created the first time the
 * keychain answers that there is none. It is per user account of the computer, not per database:
 * a backup restored on the same computer keeps its PINs; on another computer they cannot be
 * checked until an administrador's PIN is set again (docs/operations.md).
 */
import { randomBytes } from 'node:crypto';
import type { FuentePimienta } from '../db';
import type { Logger } from '../log';
import type { Keychain } from './keychain';

export const CUENTA_PIMIENTA = 'pin.pimienta';

const BYTES = 32;

/**
 * Reads the pepper, creating it when the keychain has none; null when the keychain cannot be
 * used (then PINs are hashed as before, without it).
 * @example const pimienta = await cargarPimienta(keychain, logger)
 */
export const cargarPimienta = async (
  keychain: Keychain,
  logger: Logger,
): Promise<Buffer | null> => {
  const leer = async (): Promise<Buffer | null | 'ninguna'> => {
    const guardada = await keychain.get(CUENTA_PIMIENTA);
    if (!guardada.ok) return null;
    if (guardada.value === null) return 'ninguna';
    const bytes = Buffer.from(guardada.value, 'base64');
    if (bytes.length === BYTES) return bytes;
    logger.warn('Secreto de los PIN ilegible en el llavero; no se usa', {});
    return null;
  };
  const leida = await leer();
  if (leida !== 'ninguna') return leida;
  const escrita = await keychain.set(CUENTA_PIMIENTA, randomBytes(BYTES).toString('base64'));
  if (!escrita.ok) return null;
  logger.info('Secreto de los PIN creado en el llavero', {});
  // Read back: another Mostrador (another data folder) creating it at the same moment may have
  // written last, and every process must hash with the one that stays.
  const final = await leer();
  return final === 'ninguna' ? null : final;
};

/**
 * A source for `fijarPimienta`: the pepper once the keychain gave it, asked again while it could
 * not (a keychain unlocked later is used without a restart).
 */
export const fuentePimienta = (keychain: Keychain, logger: Logger): FuentePimienta => {
  let cargada: Buffer | null = null;
  let enCurso: Promise<Buffer | null> | null = null;
  return async () => {
    if (cargada !== null) return cargada;
    enCurso ??= cargarPimienta(keychain, logger).finally(() => {
      enCurso = null;
    });
    cargada = await enCurso;
    return cargada;
  };
};
