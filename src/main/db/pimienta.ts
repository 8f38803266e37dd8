/**
 * The PIN pepper of an open database (issue 15 §5). It lives in the OS keychain, never in the
 * file; `createApp` loads it once and attaches it to the `Database` handle, so the repositories
 * that hash PINs find it without every caller passing it along.
 */
import type { Database } from './connection';

/** Gives the pepper; null while the keychain cannot be reached (retried at the next call). */
export type FuentePimienta = () => Promise<Buffer | null>;

const fuentes = new WeakMap<Database, FuentePimienta>();

/** @example fijarPimienta(db, () => cargarPimienta(keychain, logger)) */
export const fijarPimienta = (db: Database, fuente: FuentePimienta): void => {
  fuentes.set(db, fuente);
};

/** The pepper for `db`; null when none was attached (tests, no keychain) or it cannot be read. */
export const pimientaDe = async (db: Database): Promise<Buffer | null> =>
  (await fuentes.get(db)?.()) ?? null;

/** Why a PIN could not be checked at all, and what to do (docs/operations.md). */
export const MENSAJE_SIN_PIMIENTA =
  'No se pudo comprobar el PIN: el llavero de contraseñas de esta computadora no tiene el secreto con que se guardaron los PIN (está bloqueado, o los datos vienen de otra computadora). Desbloquee el llavero y vuelva a intentarlo; si los datos vienen de otra computadora, restablezca el PIN de un administrador con «mostrador restablecer-pin».';
