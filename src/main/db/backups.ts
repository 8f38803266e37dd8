/**
 * Rotating backups and the check before a restore (docs/architecture.md §6). Backups are `VACUUM INTO`
 * copies (consistent while the app keeps writing); a restore candidate must pass
 * `integrity_check` and not be newer than the app.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { err, ok, type Result } from '../../shared/result';
import type { Clock } from '../log';
import type { Database } from './connection';
import { classifySqliteError } from './errors';
import { diferenciasDeEsquema, esquemaDeReferencia, leerEsquema } from './esquema';
import { SUFIJO_MARCA_RESPALDO } from './marcaSecuenciales';
import { backupDatabase, type Migration, planMigrations } from './migrator';

const DAILY_LABEL = 'diario';

/**
 * Takes today's backup unless one exists, then keeps only the newest `keep` daily backups.
 * Returns the new file, or null when today's was already there.
 * @example backupDaily(db, { backupDir, clock, keep: 7 })
 */
export const backupDaily = (
  db: Database,
  options: { backupDir: string; clock: Clock; keep: number },
): Result<string | null> => {
  if (db.file === ':memory:') return ok(null);
  const base = path.basename(db.file).replace(/\.[^.]*$/, '');
  const today = options.clock.now().toISOString().slice(0, 10);
  const dailies = (): string[] => {
    try {
      return readdirSync(options.backupDir)
        .filter((name) => name.startsWith(`${base}-`) && name.endsWith(`-${DAILY_LABEL}.sqlite`))
        .sort();
    } catch {
      return [];
    }
  };
  if (dailies().some((name) => name.startsWith(`${base}-${today}`))) return ok(null);
  const taken = backupDatabase(db.sqlite, {
    file: db.file,
    backupDir: options.backupDir,
    clock: options.clock,
    label: DAILY_LABEL,
  });
  if (!taken.ok) return taken;
  // Names start with the ISO timestamp, so name order is age order.
  const all = dailies();
  for (const old of all.slice(0, Math.max(0, all.length - options.keep))) {
    rmSync(path.join(options.backupDir, old), { force: true });
    rmSync(path.join(options.backupDir, `${old}${SUFIJO_MARCA_RESPALDO}`), { force: true });
  }
  return ok(taken.value);
};

export type BackupInspection = {
  file: string;
  bytes: number;
  /** Tags of the migrations the backup has. */
  applied: string[];
  /** Migrations the app would apply when the backup is opened. */
  pending: string[];
};

/**
 * Checks a backup before restoring it, without modifying it: a SQLite file that passes
 * `integrity_check`, belongs to Mostrador, is not newer than this app and has exactly the
 * schema of its migration level (`./esquema.ts`).
 * @example inspectBackup('/datos/backups/tienda-…-diario.sqlite', migrations)
 */
export const inspectBackup = (
  file: string,
  migrations: readonly Migration[],
): Result<BackupInspection> => {
  let copy: Sqlite.Database | undefined;
  try {
    copy = new Sqlite(file, { readonly: true, fileMustExist: true });
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      return err(
        'respaldo_danado',
        `El respaldo ${file} está dañado (${String(integrity)}); elija otro.`,
      );
    }
    const plan = planMigrations(copy, migrations);
    if (!plan.ok) return plan;
    if (plan.value.isEmpty) {
      return err('respaldo_vacio', `El respaldo ${file} no contiene datos de Mostrador.`);
    }
    // Its applied migrations are a prefix of ours (planMigrations checked tags and hashes): it
    // must have exactly the schema they produce, no trigger missing, none added.
    const diferencias = diferenciasDeEsquema(
      leerEsquema(copy),
      esquemaDeReferencia(migrations, plan.value.applied.length),
    );
    if (diferencias.length > 0) {
      return err(
        'respaldo_alterado',
        `El respaldo fue alterado: ${diferencias.slice(0, 5).join('; ')}${diferencias.length > 5 ? ` (y ${diferencias.length - 5} diferencias más)` : ''}. No se restauró; elija otro respaldo.`,
      );
    }
    return ok({
      file,
      bytes: statSync(file).size,
      applied: plan.value.applied.map((a) => a.tag),
      pending: plan.value.pending.map((m) => m.tag),
    });
  } catch (error) {
    const failure = classifySqliteError(error);
    if (failure === undefined) throw error;
    return err(failure.code, `${failure.message} (${file})`);
  } finally {
    copy?.close();
  }
};
