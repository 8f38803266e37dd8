/**
 * Restoring a backup (issue 11 §3). Every service of a running app (outbox, print queue,
 * sessions, prepared statements) holds the open database, so swapping the file under them is
 * unsafe. A restore is therefore two steps: now, the backup is checked (`integrity_check`,
 * schema not newer than the app) and staged inside the data folder with a marker; at the next
 * start, before the database opens, it is checked again, a safety copy of the current database
 * is taken and the file is swapped. A crash anywhere repeats the swap at the next start.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import * as z from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { type BackupInspection, backupDatabase, inspectBackup, type Migration } from '../db';
import type { Clock, Logger } from '../log';
import { LABELS } from './files';
import { type ConfirmacionOtroRuc, revisarRuc, rucDelRespaldo } from './ruc';

export const PENDING_RESTORE_MARKER = 'restauracion-pendiente.json';
export const STAGED_RESTORE_FILE = 'restauracion-pendiente.sqlite';

const markerSchema = z.object({
  origen: z.string(),
  solicitadaEn: z.string(),
  aplicados: z.array(z.string()),
  /** An administrador confirmed restoring another store's backup (issue 15 §6). */
  otroRuc: z.object({ rucRespaldo: z.string(), rucTienda: z.string() }).nullable().optional(),
});
export type RestauracionPendiente = z.infer<typeof markerSchema>;

const fsyncFile = (file: string): void => {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

export type RestauracionSolicitada = BackupInspection & {
  /** The backup's issuer RUC; null when it has none. */
  ruc: string | null;
  /** Set when it is another store's backup and an administrador confirmed it. */
  otroRuc: ConfirmacionOtroRuc | null;
};

/**
 * Checks `file` (integrity, schema, whose RUC) and stages it for the next start; the current
 * database is not touched. `rucsTienda`: the RUCs this store is known by (`./ruc.ts`).
 */
export const solicitarRestauracion = (
  file: string,
  options: {
    dataDir: string;
    migrations: readonly Migration[];
    clock: Clock;
    rucsTienda: readonly string[];
    confirmarOtroRuc?: ConfirmacionOtroRuc | undefined;
  },
): Result<RestauracionSolicitada> => {
  if (!existsSync(file)) return err('respaldo_no_existe', `No existe el archivo ${file}.`);
  const inspected = inspectBackup(file, options.migrations);
  if (!inspected.ok) return inspected;
  const ruc = rucDelRespaldo(file);
  const otroRuc = revisarRuc(ruc, options.rucsTienda, options.confirmarOtroRuc);
  if (!otroRuc.ok) return otroRuc;
  const staged = path.join(options.dataDir, STAGED_RESTORE_FILE);
  const partial = `${staged}.part`;
  try {
    copyFileSync(file, partial);
    fsyncFile(partial);
    renameSync(partial, staged);
  } catch (error) {
    rmSync(partial, { force: true });
    return err(
      'respaldo_no_copiado',
      `No se pudo copiar el respaldo a la carpeta de datos: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  // The copy is what will be restored: check it too (a flaky external drive can misread).
  const again = inspectBackup(staged, options.migrations);
  if (!again.ok) {
    rmSync(staged, { force: true });
    return again;
  }
  const marker: RestauracionPendiente = {
    origen: file,
    solicitadaEn: options.clock.now().toISOString(),
    aplicados: inspected.value.applied,
    otroRuc: otroRuc.value,
  };
  writeFileSync(path.join(options.dataDir, PENDING_RESTORE_MARKER), JSON.stringify(marker));
  return ok({ ...inspected.value, ruc, otroRuc: otroRuc.value });
};

/** The staged restore, if one waits for the next start. */
export const restauracionPendiente = (dataDir: string): RestauracionPendiente | null => {
  try {
    const parsed = markerSchema.safeParse(
      JSON.parse(readFileSync(path.join(dataDir, PENDING_RESTORE_MARKER), 'utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/** Withdraws a staged restore. */
export const cancelarRestauracion = (dataDir: string): void => {
  rmSync(path.join(dataDir, PENDING_RESTORE_MARKER), { force: true });
  rmSync(path.join(dataDir, STAGED_RESTORE_FILE), { force: true });
};

export type RestauracionAplicada = {
  origen: string;
  /** The safety copy of the database that was replaced; null on a new machine. */
  copiaDeSeguridad: string | null;
  /** Where a damaged database was moved, unverified, instead of a safety copy (issue 17 §2). */
  danadaEn?: string;
};

/**
 * Whether the database file is damaged (`quick_check` fails, or SQLite says it is corrupt or
 * not a database). Other failures (busy, permissions) are not damage: the caller's own error
 * handling reports them.
 */
export const baseDanada = (databaseFile: string): boolean => {
  let db: Sqlite.Database | undefined;
  try {
    db = new Sqlite(databaseFile, { readonly: true, fileMustExist: true });
    return db.pragma('quick_check', { simple: true }) !== 'ok';
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return (
      typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    );
  } finally {
    db?.close();
  }
};

/**
 * Moves a damaged database (and its -wal/-shm) aside, unverified, as
 * `backups/dañada-<fecha>.sqlite`: a copy of it would fail its own check, and the file may
 * still help a technician. Returns the new path.
 */
export const apartarBaseDanada = (
  databaseFile: string,
  backupDir: string,
  clock: Clock,
): string => {
  mkdirSync(backupDir, { recursive: true });
  const stamp = clock.now().toISOString().replace(/[:.]/g, '-');
  let destino = path.join(backupDir, `dañada-${stamp}.sqlite`);
  for (let n = 2; existsSync(destino); n++) {
    destino = path.join(backupDir, `dañada-${stamp}-${n}.sqlite`);
  }
  for (const sufijo of ['-wal', '-shm']) {
    if (existsSync(`${databaseFile}${sufijo}`)) {
      renameSync(`${databaseFile}${sufijo}`, `${destino}${sufijo}`);
    }
  }
  renameSync(databaseFile, destino);
  return destino;
};

/**
 * Run before the database opens: applies a staged restore, if any. A staged file that no
 * longer passes the checks is set aside and the current database is left as it was.
 * @example aplicarRestauracionPendiente({ dataDir, databaseFile, backupDir, migrations, clock, logger })
 */
export const aplicarRestauracionPendiente = (options: {
  dataDir: string;
  databaseFile: string;
  backupDir: string;
  migrations: readonly Migration[];
  clock: Clock;
  logger: Logger;
}): Result<RestauracionAplicada | null> => {
  const marker = restauracionPendiente(options.dataDir);
  const staged = path.join(options.dataDir, STAGED_RESTORE_FILE);
  if (marker === null || !existsSync(staged)) {
    if (marker !== null) cancelarRestauracion(options.dataDir);
    return ok(null);
  }
  const inspected = inspectBackup(staged, options.migrations);
  if (!inspected.ok) {
    cancelarRestauracion(options.dataDir);
    options.logger.warn('Restauración descartada', { code: inspected.error.code });
    return err(
      inspected.error.code,
      `No se restauró el respaldo: ${inspected.error.message} La base de datos actual no se modificó.`,
    );
  }

  let copiaDeSeguridad: string | null = null;
  let danadaEn: string | undefined;
  if (existsSync(options.databaseFile) && baseDanada(options.databaseFile)) {
    try {
      danadaEn = apartarBaseDanada(options.databaseFile, options.backupDir, options.clock);
    } catch (error) {
      return err(
        'restauracion_fallida',
        `No se pudo apartar la base dañada (${error instanceof Error ? error.message : String(error)}); se reintentará al próximo inicio.`,
      );
    }
    options.logger.warn('Base dañada apartada', { danadaEn });
  }
  if (existsSync(options.databaseFile)) {
    let current: Sqlite.Database | undefined;
    try {
      current = new Sqlite(options.databaseFile, { fileMustExist: true });
      const taken = backupDatabase(current, {
        file: options.databaseFile,
        backupDir: options.backupDir,
        clock: options.clock,
        label: LABELS.antesDeRestaurar,
      });
      if (!taken.ok) {
        return err(
          'restauracion_sin_copia',
          `No se restauró el respaldo porque no se pudo guardar una copia de la base actual: ${taken.error.message}`,
        );
      }
      copiaDeSeguridad = taken.value;
      // Fold the WAL into the file so nothing of the old database is left beside it.
      current.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      return err(
        'restauracion_sin_copia',
        `No se restauró el respaldo porque la base actual no se pudo copiar: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      current?.close();
    }
  }

  const incoming = `${options.databaseFile}.restaurando`;
  try {
    copyFileSync(staged, incoming);
    fsyncFile(incoming);
    // A -wal left beside the new file would be replayed into it: remove the old one's first.
    rmSync(`${options.databaseFile}-wal`, { force: true });
    rmSync(`${options.databaseFile}-shm`, { force: true });
    renameSync(incoming, options.databaseFile);
  } catch (error) {
    rmSync(incoming, { force: true });
    // The marker stays: the next start tries again from the same staged copy.
    return err(
      'restauracion_fallida',
      `No se pudo reemplazar la base de datos por el respaldo (${error instanceof Error ? error.message : String(error)}); la base actual sigue en uso y se reintentará al próximo inicio.`,
    );
  }
  cancelarRestauracion(options.dataDir);
  options.logger.info('Respaldo restaurado', {
    origen: marker.origen,
    copiaDeSeguridad,
    ...(marker.otroRuc ? { otroRuc: marker.otroRuc } : {}),
  });
  return ok({
    origen: marker.origen,
    copiaDeSeguridad,
    ...(danadaEn === undefined ? {} : { danadaEn }),
  });
};
