import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendAudit,
  type Database,
  defaultMigrationsDir,
  loadMigrations,
  type Migration,
  openDatabase,
} from '../db';
import { createFixedClock, createTempDir } from '../db/testing';
import { silentLogger } from '../log';
import { aplicarRestauracionPendiente, PENDING_RESTORE_MARKER } from './restore';
import { type BackupService, createBackupService } from './service';

const migrations = (): Migration[] => {
  const loaded = loadMigrations(defaultMigrationsDir());
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
};

const auditCount = (file: string): number => {
  const copy = new Sqlite(file, { readonly: true });
  try {
    return (copy.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  } finally {
    copy.close();
  }
};

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('servicio de respaldos', () => {
  let tmp: { dir: string; cleanup: () => void };
  let db: Database;
  let service: BackupService;
  const clock = createFixedClock('2025-03-14T15:00:00.000Z');
  const dataDir = () => path.join(tmp.dir, 'datos');
  const dbFile = () => path.join(dataDir(), 'mostrador.sqlite');

  const open = (): Database => {
    const opened = openDatabase(dbFile(), { logger: silentLogger, clock });
    if (!opened.ok) throw new Error(opened.error.message);
    return opened.value;
  };

  beforeEach(() => {
    tmp = createTempDir('mostrador-respaldos-');
    clock.set('2025-03-14T15:00:00.000Z');
    mkdirSync(dataDir(), { recursive: true });
    db = open();
    appendAudit(db, { action: 'prueba' }, clock);
    service = createBackupService({
      db,
      dataDir: dataDir(),
      migrations: migrations(),
      clock,
      logger: silentLogger,
    });
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('toma el respaldo diario una vez por día en la carpeta elegida', () => {
    const folder = path.join(tmp.dir, 'usb');
    expect(service.elegirCarpeta(folder)).toEqual({ ok: true, value: folder });
    const first = service.respaldoDiario();
    expect(first.ok && first.value.tomado !== null).toBe(true);
    expect(service.respaldoDiario()).toEqual({ ok: true, value: { tomado: null, borrados: [] } });
    expect(readdirSync(folder)).toHaveLength(1);
    expect(service.listar()[0]).toMatchObject({
      tipo: 'diario',
      tomadoEn: '2025-03-14T15:00:00.000Z',
    });
  });

  it('la rotación borra en disco exactamente los diarios que no promete conservar', () => {
    const folder = path.join(dataDir(), 'backups');
    mkdirSync(folder, { recursive: true });
    // 60 earlier daily copies (contents do not matter to the rotation) and a manual one.
    for (let d = 60; d >= 1; d--) {
      const at = new Date(Date.parse('2025-03-14T03:00:00Z') - d * 86_400_000);
      const stamp = at.toISOString().replace(/[:.]/g, '-');
      writeFileSync(path.join(folder, `mostrador-${stamp}-diario.sqlite`), '');
    }
    writeFileSync(path.join(folder, 'mostrador-2025-01-01T00-00-00-000Z-manual.sqlite'), '');
    const result = service.respaldoDiario();
    expect(result.ok).toBe(true);
    const days = service
      .listar()
      .filter((b) => b.tipo === 'diario')
      .map((b) => b.tomadoEn.slice(0, 10))
      .sort();
    expect(days).toEqual([
      '2025-01-31',
      '2025-02-23',
      '2025-02-28',
      '2025-03-02',
      '2025-03-08',
      '2025-03-09',
      '2025-03-10',
      '2025-03-11',
      '2025-03-12',
      '2025-03-13',
      '2025-03-14',
    ]);
    expect(result.ok && result.value.borrados).toHaveLength(50);
    expect(service.listar().filter((b) => b.tipo === 'manual')).toHaveLength(1);
  });

  it('con el disco de respaldos desconectado avisa y no crea la carpeta en el disco local', () => {
    const usb = path.join(tmp.dir, 'usb', 'respaldos');
    expect(service.elegirCarpeta(usb).ok).toBe(true);
    rmSync(path.join(tmp.dir, 'usb'), { recursive: true, force: true });
    const result = service.respaldoDiario();
    expect(result.ok ? '' : result.error.message).toContain('no está disponible');
    expect(existsSync(usb)).toBe(false);
  });

  it('rechaza una carpeta relativa o sin permiso de escritura', () => {
    expect(service.elegirCarpeta('respaldos').ok).toBe(false);
    const locked = path.join(tmp.dir, 'cerrada');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    try {
      const result = service.elegirCarpeta(locked);
      // root ignores permissions; the check only means something for a normal user.
      if (process.getuid?.() !== 0) expect(result.ok).toBe(false);
    } finally {
      chmodSync(locked, 0o700);
    }
  });

  it('respaldar y restaurar no pierde nada y guarda una copia de la base reemplazada', () => {
    for (let i = 0; i < 25; i++) appendAudit(db, { action: `venta-${i}` }, clock);
    const taken = service.tomarAhora();
    if (!taken.ok) throw new Error(taken.error.message);
    const expected = auditCount(taken.value.ruta);
    expect(expected).toBe(26);
    // Work after the backup: it is what the restore will undo (and what the safety copy keeps).
    for (let i = 0; i < 5; i++) appendAudit(db, { action: `despues-${i}` }, clock);

    expect(service.restaurar(taken.value.ruta).ok).toBe(true);
    expect(existsSync(path.join(dataDir(), PENDING_RESTORE_MARKER))).toBe(true);
    db.close();

    const applied = aplicarRestauracionPendiente({
      dataDir: dataDir(),
      databaseFile: dbFile(),
      backupDir: path.join(dataDir(), 'backups'),
      migrations: migrations(),
      clock,
      logger: silentLogger,
    });
    if (!applied.ok || applied.value === null) throw new Error('no se restauró');
    expect(auditCount(applied.value.copiaDeSeguridad ?? '')).toBe(31);
    db = open();
    expect(
      (db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
    ).toBe(expected);
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(existsSync(path.join(dataDir(), PENDING_RESTORE_MARKER))).toBe(false);
  });

  it('rechaza un respaldo dañado con un mensaje en español y no toca la base actual', () => {
    const taken = service.tomarAhora();
    if (!taken.ok) throw new Error(taken.error.message);
    const bytes = readFileSync(taken.value.ruta);
    // Scribble over a b-tree page (not the header): integrity_check finds it.
    bytes.fill(0x5a, 4096 * 2, 4096 * 2 + 2000);
    const broken = path.join(tmp.dir, 'danado.sqlite');
    writeFileSync(broken, bytes);
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = sha(dbFile());
    const result = service.restaurar(broken);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.message).toMatch(/dañad|no es una base|no se pudo/i);
    expect(existsSync(path.join(dataDir(), PENDING_RESTORE_MARKER))).toBe(false);
    expect(sha(dbFile())).toBe(before);
  });

  it('rechaza un respaldo de una versión más nueva con un mensaje en español', () => {
    const taken = service.tomarAhora();
    if (!taken.ok) throw new Error(taken.error.message);
    const newer = new Sqlite(taken.value.ruta);
    newer
      .prepare('INSERT INTO schema_migrations (idx, tag, hash, applied_at) VALUES (?, ?, ?, ?)')
      .run(99, '0099_del_futuro', 'x', clock.now().toISOString());
    newer.close();
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = sha(dbFile());
    const result = service.restaurar(taken.value.ruta);
    expect(result.ok ? null : result.error.code).toBe('db_mas_nueva');
    expect(result.ok ? '' : result.error.message).toContain('versión más nueva');
    expect(sha(dbFile())).toBe(before);
  });

  it('un respaldo preparado que se daña antes del arranque se descarta sin tocar la base', () => {
    const taken = service.tomarAhora();
    if (!taken.ok) throw new Error(taken.error.message);
    expect(service.restaurar(taken.value.ruta).ok).toBe(true);
    db.close();
    const staged = path.join(dataDir(), 'restauracion-pendiente.sqlite');
    writeFileSync(staged, Buffer.alloc(8192, 7));
    const before = sha(dbFile());
    const applied = aplicarRestauracionPendiente({
      dataDir: dataDir(),
      databaseFile: dbFile(),
      backupDir: path.join(dataDir(), 'backups'),
      migrations: migrations(),
      clock,
      logger: silentLogger,
    });
    expect(applied.ok ? null : applied.error.message).toContain('no se modificó');
    expect(sha(dbFile())).toBe(before);
    expect(existsSync(staged)).toBe(false);
    db = open();
  });
});
