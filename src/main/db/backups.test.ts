import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { backupDaily, inspectBackup } from './backups';
import { type Database, defaultMigrationsDir, openDatabase } from './connection';
import { loadMigrations, type Migration } from './migrator';
import { appendAudit } from './repos/audit';
import { createFixedClock, createTempDir } from './testing';

const migrations = (): Migration[] => {
  const loaded = loadMigrations(defaultMigrationsDir());
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
};

describe('respaldos', () => {
  let tmp: { dir: string; cleanup: () => void };
  let db: Database;
  const clock = createFixedClock('2025-03-14T15:00:00.000Z');
  const backupDir = () => path.join(tmp.dir, 'backups');

  beforeEach(() => {
    tmp = createTempDir();
    const opened = openDatabase(path.join(tmp.dir, 'tienda.sqlite'), {
      logger: silentLogger,
      clock,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    db = opened.value;
    appendAudit(db, { action: 'prueba' }, clock);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('toma un respaldo por día y conserva solo los más recientes', () => {
    const days = ['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13'];
    for (const day of days) {
      clock.set(`${day}T23:00:00.000Z`);
      expect(backupDaily(db, { backupDir: backupDir(), clock, keep: 3 }).ok).toBe(true);
      clock.set(`${day}T23:30:00.000Z`);
      expect(backupDaily(db, { backupDir: backupDir(), clock, keep: 3 })).toEqual({
        ok: true,
        value: null,
      });
    }
    expect(readdirSync(backupDir()).map((n) => n.slice(7, 17))).toEqual(days.slice(1));
  });

  it('un respaldo sano pasa la revisión previa a restaurar y no se modifica', () => {
    const taken = backupDaily(db, { backupDir: backupDir(), clock, keep: 7 });
    const file = taken.ok ? (taken.value ?? '') : '';
    const hash = () => createHash('sha256').update(readFileSync(file)).digest('hex');
    const before = hash();
    expect(inspectBackup(file, migrations())).toEqual({
      ok: true,
      value: expect.objectContaining({ applied: migrations().map((m) => m.tag), pending: [] }),
    });
    expect(hash()).toBe(before);
  });

  it('rechaza restaurar un respaldo más nuevo que la aplicación', () => {
    const taken = backupDaily(db, { backupDir: backupDir(), clock, keep: 7 });
    const file = taken.ok ? (taken.value ?? '') : '';
    const result = inspectBackup(file, migrations().slice(0, 1));
    expect(result.ok ? null : result.error.code).toBe('db_mas_nueva');
  });

  it('rechaza un archivo dañado', () => {
    const file = path.join(tmp.dir, 'danado.sqlite');
    writeFileSync(file, Buffer.alloc(4096, 1));
    const result = inspectBackup(file, migrations());
    expect(result.ok ? null : result.error.code).toBe('db_danada');
  });
});
