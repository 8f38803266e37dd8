/**
 * Opens the store's SQLite database (docs/architecture.md §6): checks the file, runs our migrator, then
 * sets WAL, `synchronous=FULL`, foreign keys and a busy timeout. Every refusal is a Spanish
 * message, and a refused file is left exactly as it was.
 */
import { accessSync, constants, existsSync, statfsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { err, ok, type Result } from '../../shared/result';
import type { Clock, Logger } from '../log';
import { findShipped } from '../recursos';
import { classifySqliteError } from './errors';
import { loadMigrations, type MigrationReport, migrate } from './migrator';
import * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

export type Database = {
  /** Absolute path of the file, or `:memory:`. */
  file: string;
  /** The raw better-sqlite3 handle: transactions, FTS queries, pragmas. */
  sqlite: Sqlite.Database;
  /** Typed queries over `schema.ts`. */
  orm: Orm;
  /** What the migrator did while opening (applied tags, backup file). */
  migration: MigrationReport;
  close: () => void;
};

export type OpenDatabaseOptions = {
  logger: Logger;
  clock: Clock;
  /** Defaults to the repository's `migrations/` (found next to the code). */
  migrationsDir?: string;
  /** Defaults to `backups/` beside the database file. */
  backupDir?: string;
};

export const BUSY_TIMEOUT_MS = 5000;

/**
 * The `migrations/` folder shipped with the app: in an installed app the copy in
 * `process.resourcesPath`, otherwise the first ancestor of this module that holds
 * `migrations/meta/_journal.json` (works from `src/main/db` and from a bundled `out/main`).
 */
export const defaultMigrationsDir = (): string =>
  findShipped(
    'migrations',
    path.join('meta', '_journal.json'),
    path.dirname(fileURLToPath(import.meta.url)),
  ) ?? path.join(process.cwd(), 'migrations');

const isMemory = (file: string): boolean => file === ':memory:' || file === '';

/** Whether the filesystem of `file` has (almost) no room left; false when unknown. */
const discoLleno = (file: string): boolean => {
  try {
    const s = statfsSync(path.dirname(file));
    return s.bavail * s.bsize < 64 * 1024;
  } catch {
    return false;
  }
};

const failureFor = (file: string, error: unknown): Result<never> => {
  let failure = classifySqliteError(error);
  if (failure === undefined) throw error;
  // SQLite reports a full disk as an I/O error in some paths (the -shm, a journal): say what it is.
  if (failure.code === 'db_error_es' && file !== ':memory:' && discoLleno(file)) {
    failure = classifySqliteError({ code: 'SQLITE_FULL' }) ?? failure;
  }
  // A WAL database that exists but cannot get its -shm/-wal files beside it: the folder is
  // read-only, which says more than "cannot open".
  if (failure.code === 'db_no_se_puede_abrir' && file !== ':memory:' && existsSync(file)) {
    const readOnly = classifySqliteError({ code: 'SQLITE_READONLY' });
    if (readOnly !== undefined) return err(readOnly.code, `${readOnly.message} (${file})`);
  }
  return err(failure.code, `${failure.message} (${file})`);
};

/**
 * Opens (creating if needed) and migrates the database at `file`.
 * @example openDatabase('/datos/mostrador.sqlite', { logger, clock })
 */
export const openDatabase = (file: string, options: OpenDatabaseOptions): Result<Database> => {
  const absolute = isMemory(file) ? ':memory:' : path.resolve(file);
  const migrations = loadMigrations(options.migrationsDir ?? defaultMigrationsDir());
  if (!migrations.ok) return migrations;

  if (absolute !== ':memory:') {
    const folder = path.dirname(absolute);
    if (!existsSync(folder)) {
      return err('db_no_se_puede_abrir', `La carpeta de datos ${folder} no existe.`);
    }
    if (existsSync(absolute)) {
      if (!statSync(absolute).isFile()) {
        return err('db_no_se_puede_abrir', `${absolute} no es un archivo de base de datos.`);
      }
      // SQLite opens a read-only file without complaint and fails at the first write (a sale):
      // refuse now instead.
      try {
        accessSync(absolute, constants.R_OK | constants.W_OK);
      } catch {
        const readOnly = classifySqliteError({ code: 'SQLITE_READONLY' });
        return err('db_solo_lectura', `${readOnly?.message ?? ''} (${absolute})`);
      }
    }
  }

  let sqlite: Sqlite.Database;
  try {
    sqlite = new Sqlite(absolute);
  } catch (error) {
    return failureFor(absolute, error);
  }
  const fail = (result: Result<never>): Result<never> => {
    sqlite.close();
    return result;
  };

  try {
    // Connection-level settings only: nothing here writes to the file, so a refusal below
    // leaves it untouched.
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('synchronous = FULL');

    const backupDir = options.backupDir ?? path.join(path.dirname(absolute), 'backups');
    const migrated = migrate(sqlite, {
      file: absolute,
      migrations: migrations.value,
      backupDir,
      clock: options.clock,
      logger: options.logger,
    });
    if (!migrated.ok) {
      options.logger.warn('Base de datos rechazada', { file: absolute, code: migrated.error.code });
      return fail(migrated);
    }

    if (absolute !== ':memory:') {
      const mode = sqlite.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') {
        return fail(
          err(
            'db_solo_lectura',
            `No se pudo activar el modo WAL en ${absolute}: la ubicación es de solo lectura o no admite bloqueos. Use una carpeta de datos con permiso de escritura.`,
          ),
        );
      }
    }
    sqlite.pragma('foreign_keys = ON');

    const orm = drizzle(sqlite, { schema });
    options.logger.info('Base de datos abierta', {
      file: absolute,
      migracionesAplicadas: migrated.value.applied.length,
    });
    return ok({
      file: absolute,
      sqlite,
      orm,
      migration: migrated.value,
      close: () => {
        if (sqlite.open) sqlite.close();
      },
    });
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    return fail(failureFor(absolute, error));
  }
};
