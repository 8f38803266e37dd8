/**
 * SQLite failures that come from the machine, not from a bug (full disk, read-only folder,
 * damaged file, another program holding the lock), turned into Spanish messages. The sale path
 * uses `runSqlite` to refuse a sale cleanly instead of crashing; anything else is rethrown.
 */
import { type AppError, err, ok, type Result } from '../../shared/result';

export type SqliteFailureCode =
  | 'disco_lleno'
  | 'db_solo_lectura'
  | 'db_error_es'
  | 'db_danada'
  | 'db_ocupada'
  | 'db_no_se_puede_abrir';

const sqliteCodeOf = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
};

const MESSAGES: Record<SqliteFailureCode, string> = {
  disco_lleno:
    'El disco está lleno: no se pudo guardar en la base de datos. Libere espacio en el equipo y vuelva a intentar; no se guardó nada.',
  db_solo_lectura:
    'La base de datos está en una ubicación de solo lectura o sin permiso de escritura. Revise los permisos de la carpeta de datos; no se guardó nada.',
  db_error_es:
    'Error de lectura o escritura del disco al usar la base de datos. Revise el disco o la memoria USB; no se guardó nada.',
  db_danada:
    'El archivo de la base de datos está dañado o no es una base de datos válida. Restaure el último respaldo.',
  db_ocupada:
    'La base de datos está ocupada por otro proceso. Cierre otras ventanas de Mostrador y vuelva a intentar.',
  db_no_se_puede_abrir:
    'No se pudo abrir el archivo de la base de datos: la carpeta no existe o no tiene permiso de escritura.',
};

/**
 * The same kinds for the files written beside the database in the sale path (the secuenciales'
 * mark): a full disk is a full disk whether SQLite or Node met it.
 */
const fileFailureCode = (error: unknown): SqliteFailureCode | undefined => {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  switch ((error as { code: unknown }).code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disco_lleno';
    case 'EROFS':
      return 'db_solo_lectura';
    case 'EIO':
      return 'db_error_es';
    default:
      return undefined;
  }
};

/**
 * The failure kind of a SQLite error code (extended codes included), or undefined when the
 * error is not one the environment causes (constraint violations, misuse: those are bugs).
 * @example sqliteFailureCode({ code: 'SQLITE_IOERR_WRITE' }) // 'db_error_es'
 */
export const sqliteFailureCode = (error: unknown): SqliteFailureCode | undefined => {
  const code = sqliteCodeOf(error);
  if (code === undefined) return fileFailureCode(error);
  if (code === 'SQLITE_FULL') return 'disco_lleno';
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM') return 'db_solo_lectura';
  if (code.startsWith('SQLITE_IOERR')) return 'db_error_es';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'db_danada';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'db_ocupada';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'db_no_se_puede_abrir';
  return undefined;
};

/**
 * A Spanish `AppError` for an environmental SQLite failure, or undefined for anything else.
 * @example classifySqliteError(e)?.message // 'El disco está lleno: …'
 */
export const classifySqliteError = (error: unknown): AppError | undefined => {
  const code = sqliteFailureCode(error);
  return code === undefined ? undefined : { code, message: MESSAGES[code] };
};

/**
 * Runs `work` (usually a transaction); environmental SQLite failures become `err`, other
 * exceptions (bugs) propagate.
 * @example runSqlite(() => insertSale(db, sale)) // { ok: false, error: { code: 'disco_lleno', … } }
 */
export const runSqlite = <T>(work: () => T): Result<T> => {
  try {
    return ok(work());
  } catch (error) {
    const failure = classifySqliteError(error);
    if (failure === undefined) throw error;
    return err(failure.code, failure.message);
  }
};
