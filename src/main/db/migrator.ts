/**
 * Our migrator (docs/architecture.md §6). It reads what drizzle-kit writes (`meta/_journal.json` and one
 * SQL file per entry, statements separated by `--> statement-breakpoint`) and, unlike drizzle's
 * own migrator:
 * - refuses a database that is newer than the app, migration files out of order, changed or
 *   missing — before writing anything, so the file stays byte-for-byte as it was;
 * - backs the database up with `VACUUM INTO` before touching a database that has data;
 * - runs with foreign keys OFF: drizzle-kit rebuilds a table as `__new_x` + INSERT SELECT +
 *   DROP + RENAME, and with foreign keys ON the DROP deletes every `ON DELETE CASCADE` child.
 *   `PRAGMA foreign_keys` is a no-op inside a transaction, so it is switched outside;
 * - checks `PRAGMA foreign_key_check` after each migration and rolls everything back on a
 *   violation.
 * All pending migrations run in one transaction (one savepoint each): a failure leaves the
 * database at the version it had, which the previous app version still opens.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import * as z from 'zod';
import { type AppError, err, ok, type Result } from '../../shared/result';
import type { Clock, Logger } from '../log';
import { classifySqliteError } from './errors';
import { marcarRespaldo } from './marcaSecuenciales';

/** Where applied migrations are recorded. Not in the drizzle schema: it belongs to the migrator. */
export const MIGRATIONS_TABLE = 'schema_migrations';

export type Migration = {
  idx: number;
  /** drizzle-kit's creation time (ms since epoch). */
  when: number;
  tag: string;
  /** SHA-256 of the file text with line endings normalised to LF. */
  hash: string;
  statements: string[];
};

export type AppliedMigration = { idx: number; tag: string; hash: string; appliedAt: string };

export type MigrationPlan = {
  applied: AppliedMigration[];
  pending: Migration[];
  /** True when the database has no objects at all (a new file). */
  isEmpty: boolean;
};

export type MigrationReport = {
  applied: string[];
  /** The `VACUUM INTO` copy taken before migrating, or null when none was needed. */
  backupFile: string | null;
};

export type MigrateOptions = {
  /** The database file (used to name the backup); `:memory:` skips the backup. */
  file: string;
  migrations: readonly Migration[];
  backupDir: string;
  clock: Clock;
  logger: Logger;
};

const journalSchema = z.object({
  dialect: z.literal('sqlite'),
  entries: z.array(
    z.object({
      idx: z.number().int().nonnegative(),
      when: z.number().int().nonnegative(),
      tag: z.string().regex(/^[0-9]{4}_[A-Za-z0-9_]+$/),
    }),
  ),
});

const BREAKPOINT = '--> statement-breakpoint';

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Files from a Windows checkout may have CRLF; the checksum must not depend on that. */
const normalise = (text: string): string => text.replace(/\r\n/g, '\n');

const splitStatements = (text: string): string[] =>
  text
    .split(BREAKPOINT)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

/**
 * Reads and checks the migrations folder: journal entries strictly increasing in `idx` (0, 1,
 * 2…) and `when`, tags numbered after their `idx`, every file present, no SQL file outside the
 * journal.
 */
export const loadMigrations = (dir: string): Result<Migration[]> => {
  const journalFile = path.join(dir, 'meta', '_journal.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(journalFile, 'utf8'));
  } catch {
    return err(
      'migraciones_invalidas',
      `No se pudo leer el índice de migraciones ${journalFile}. La instalación está incompleta o dañada.`,
    );
  }
  const parsed = journalSchema.safeParse(raw);
  if (!parsed.success) {
    return err(
      'migraciones_invalidas',
      `El índice de migraciones ${journalFile} no tiene el formato esperado. La instalación está dañada.`,
    );
  }
  const migrations: Migration[] = [];
  let previous: { idx: number; when: number; tag: string } | undefined;
  for (const entry of parsed.data.entries) {
    const expectedIdx = previous === undefined ? 0 : previous.idx + 1;
    if (
      entry.idx !== expectedIdx ||
      (previous !== undefined && entry.when <= previous.when) ||
      !entry.tag.startsWith(`${String(entry.idx).padStart(4, '0')}_`)
    ) {
      return err(
        'migraciones_desordenadas',
        `Las migraciones están fuera de orden: «${entry.tag}» (posición ${entry.idx}) no sigue a ` +
          `«${previous?.tag ?? '(inicio)'}». No se modificó la base de datos; revise el índice de migraciones.`,
      );
    }
    const file = path.join(dir, `${entry.tag}.sql`);
    if (!existsSync(file)) {
      return err(
        'migracion_faltante',
        `Falta el archivo de la migración «${entry.tag}» (${file}). No se modificó la base de datos; reinstale la aplicación.`,
      );
    }
    const text = normalise(readFileSync(file, 'utf8'));
    migrations.push({
      idx: entry.idx,
      when: entry.when,
      tag: entry.tag,
      hash: hashOf(text),
      statements: splitStatements(text),
    });
    previous = entry;
  }
  const known = new Set(migrations.map((m) => `${m.tag}.sql`));
  const stray = readdirSync(dir)
    .filter((name) => name.endsWith('.sql') && !known.has(name))
    .sort();
  if (stray.length > 0) {
    return err(
      'migracion_no_registrada',
      `El archivo de migración «${stray.join('», «')}» no está en el índice de migraciones. ` +
        'No se modificó la base de datos; genere las migraciones con drizzle-kit en orden.',
    );
  }
  return ok(migrations);
};

const appliedRowSchema = z.object({
  idx: z.number().int(),
  tag: z.string(),
  hash: z.string(),
  applied_at: z.string(),
});

const tableExists = (sqlite: Sqlite.Database, name: string): boolean =>
  sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
  undefined;

/**
 * Compares the database with the migrations without writing anything. Refuses a database that
 * is newer than the app, that is not ours, whose applied migrations changed, or that would need
 * a migration older than one already applied.
 */
export const planMigrations = (
  sqlite: Sqlite.Database,
  migrations: readonly Migration[],
): Result<MigrationPlan> => {
  let applied: AppliedMigration[];
  let isEmpty: boolean;
  try {
    const objects = z
      .object({ n: z.number() })
      .parse(
        sqlite
          .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
          .get(),
      );
    isEmpty = objects.n === 0;
    if (!tableExists(sqlite, MIGRATIONS_TABLE)) {
      if (!isEmpty) {
        return err(
          'db_ajena',
          'El archivo no es una base de datos de Mostrador (no tiene registro de migraciones). No se modificó.',
        );
      }
      applied = [];
    } else {
      applied = sqlite
        .prepare(`SELECT idx, tag, hash, applied_at FROM ${MIGRATIONS_TABLE} ORDER BY idx`)
        .all()
        .map((row) => {
          const r = appliedRowSchema.parse(row);
          return { idx: r.idx, tag: r.tag, hash: r.hash, appliedAt: r.applied_at };
        });
    }
  } catch (error) {
    const failure = classifySqliteError(error);
    if (failure === undefined) throw error;
    return err(failure.code, failure.message);
  }

  const byTag = new Map(migrations.map((m) => [m.tag, m]));
  for (const row of applied) {
    const known = byTag.get(row.tag);
    if (known === undefined) {
      return err(
        'db_mas_nueva',
        `La base de datos fue actualizada por una versión más nueva de Mostrador (tiene la migración ` +
          `«${row.tag}», que esta versión no conoce). Instale la versión más reciente; la base de datos no se modificó.`,
      );
    }
    if (known.idx !== row.idx) {
      return err(
        'migraciones_desordenadas',
        `La migración «${row.tag}» se aplicó en la posición ${row.idx} pero ahora está en la ${known.idx}. ` +
          'Las migraciones están fuera de orden; la base de datos no se modificó.',
      );
    }
    if (known.hash !== row.hash) {
      return err(
        'migracion_modificada',
        `La migración «${row.tag}» cambió después de aplicarse. Una migración aplicada no se edita: ` +
          'cree una nueva. La base de datos no se modificó.',
      );
    }
  }
  const appliedTags = new Set(applied.map((a) => a.tag));
  const pending = migrations.filter((m) => !appliedTags.has(m.tag));
  const lastApplied = applied.at(-1);
  const early = pending.find((m) => lastApplied !== undefined && m.idx < lastApplied.idx);
  if (early !== undefined && lastApplied !== undefined) {
    return err(
      'migraciones_desordenadas',
      `La migración «${early.tag}» no está aplicada pero es anterior a «${lastApplied.tag}», que ya lo está. ` +
        'Las migraciones están fuera de orden; la base de datos no se modificó.',
    );
  }
  return ok({ applied, pending, isEmpty });
};

const timestampForFile = (date: Date): string => date.toISOString().replace(/[:.]/g, '-');

/**
 * Copies the database with `VACUUM INTO` and checks that the copy opens and is sound.
 * @example backupDatabase(sqlite, { file, backupDir, clock, label: 'antes-de-0002_x' })
 */
export const backupDatabase = (
  sqlite: Sqlite.Database,
  options: { file: string; backupDir: string; clock: Clock; label: string },
): Result<string> => {
  const base = path.basename(options.file).replace(/\.[^.]*$/, '');
  const stamp = timestampForFile(options.clock.now());
  try {
    mkdirSync(options.backupDir, { recursive: true });
    let target = path.join(options.backupDir, `${base}-${stamp}-${options.label}.sqlite`);
    for (let n = 2; existsSync(target); n++) {
      target = path.join(options.backupDir, `${base}-${stamp}-${options.label}-${n}.sqlite`);
    }
    sqlite.prepare('VACUUM INTO ?').run(target);
    const copy = new Sqlite(target, { readonly: true, fileMustExist: true });
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        return err(
          'respaldo_fallido',
          `El respaldo ${target} no pasó la verificación de integridad.`,
        );
      }
    } finally {
      copy.close();
    }
    // The secuenciales' high-water mark of this moment travels with the backup (issue 17 §4).
    marcarRespaldo(options.file, target);
    return ok(target);
  } catch (error) {
    const failure = classifySqliteError(error);
    const cause =
      failure?.message ??
      (error instanceof Error && 'code' in error
        ? `${String(error.code)}: ${error.message}`
        : null);
    if (cause === null) throw error;
    return err(
      'respaldo_fallido',
      `No se pudo crear el respaldo en ${options.backupDir} antes de actualizar la base de datos; no se aplicó ninguna migración. ${cause}`,
    );
  }
};

type ForeignKeyViolation = { table: string; parent: string };

const foreignKeyViolations = (sqlite: Sqlite.Database): ForeignKeyViolation[] =>
  z
    .array(z.object({ table: z.string(), parent: z.string() }))
    .parse(sqlite.pragma('foreign_key_check'));

const describeViolations = (violations: ForeignKeyViolation[]): string => {
  const counts = new Map<string, number>();
  for (const v of violations) {
    const key = `${v.table} → ${v.parent}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key}: ${n} fila(s)`).join('; ');
};

class MigrationFailure extends Error {
  constructor(readonly failure: AppError) {
    super(failure.message);
  }
}

/**
 * Brings the database to the latest migration: plan (refusing without writing), back up when
 * the database already has data, apply the pending migrations atomically with foreign keys
 * off, check foreign keys, switch them back on.
 */
export const migrate = (
  sqlite: Sqlite.Database,
  options: MigrateOptions,
): Result<MigrationReport> => {
  const planned = planMigrations(sqlite, options.migrations);
  if (!planned.ok) return planned;
  const { applied } = planned.value;
  let { pending } = planned.value;
  if (pending.length === 0) return ok({ applied: [], backupFile: null });

  let backupFile: string | null = null;
  const first = pending[0];
  if (applied.length > 0 && options.file !== ':memory:' && options.file !== '' && first) {
    const backup = backupDatabase(sqlite, {
      file: options.file,
      backupDir: options.backupDir,
      clock: options.clock,
      label: `antes-de-${first.tag}`,
    });
    if (!backup.ok) return backup;
    backupFile = backup.value;
    options.logger.info('Respaldo previo a la migración creado', { backupFile });
  }

  const appliedAt = options.clock.now().toISOString();
  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      // Another process (a second window, the CLI) may have migrated while we waited for the
      // write lock: plan again under the lock.
      const locked = planMigrations(sqlite, options.migrations);
      if (!locked.ok) throw new MigrationFailure(locked.error);
      pending = locked.value.pending;
      sqlite.exec(
        `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
          idx INTEGER PRIMARY KEY,
          tag TEXT NOT NULL UNIQUE,
          hash TEXT NOT NULL,
          applied_at TEXT NOT NULL
        )`,
      );
      const record = sqlite.prepare(
        `INSERT INTO ${MIGRATIONS_TABLE} (idx, tag, hash, applied_at) VALUES (?, ?, ?, ?)`,
      );
      for (const migration of pending) {
        sqlite.exec('SAVEPOINT migracion');
        for (const [n, statement] of migration.statements.entries()) {
          try {
            sqlite.exec(statement);
          } catch (error) {
            if (classifySqliteError(error) !== undefined) throw error;
            const detail = error instanceof Error ? error.message : String(error);
            throw new MigrationFailure({
              code: 'migracion_fallida',
              message: `La migración «${migration.tag}» falló en la instrucción ${n + 1}: ${detail}. No se aplicó ninguna migración; la base de datos quedó como estaba.`,
            });
          }
        }
        const violations = foreignKeyViolations(sqlite);
        if (violations.length > 0) {
          throw new MigrationFailure({
            code: 'claves_foraneas_rotas',
            message: `La migración «${migration.tag}» deja referencias rotas (${describeViolations(violations)}). No se aplicó ninguna migración; la base de datos quedó como estaba.`,
          });
        }
        record.run(migration.idx, migration.tag, migration.hash, appliedAt);
        sqlite.exec('RELEASE migracion');
        options.logger.info('Migración aplicada', { tag: migration.tag });
      }
      // The schema version in the file header, for tools that check it without our table.
      const last = pending.at(-1);
      if (last !== undefined) sqlite.pragma(`user_version = ${last.idx + 1}`);
      sqlite.exec('COMMIT');
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    }
  } catch (error) {
    if (error instanceof MigrationFailure) {
      options.logger.error('Migración rechazada', { code: error.failure.code });
      return err(error.failure.code, error.failure.message);
    }
    const failure = classifySqliteError(error);
    if (failure === undefined) throw error;
    return err(
      failure.code,
      `${failure.message} (al actualizar la base de datos; no se aplicó ninguna migración)`,
    );
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  return ok({ applied: pending.map((m) => m.tag), backupFile });
};
