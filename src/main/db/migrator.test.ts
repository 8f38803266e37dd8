import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger, silentLogger } from '../log';
import { loadMigrations, MIGRATIONS_TABLE, type Migration, migrate } from './migrator';
import { createFixedClock, createTempDir } from './testing';

type Entry = { tag: string; sql: string; when?: number; idx?: number };

const writeMigrations = (dir: string, entries: Entry[]): string => {
  mkdirSync(path.join(dir, 'meta'), { recursive: true });
  const journal = {
    version: '7',
    dialect: 'sqlite',
    entries: entries.map((e, i) => ({
      idx: e.idx ?? i,
      version: '6',
      when: e.when ?? 1_700_000_000_000 + i * 1000,
      tag: e.tag,
      breakpoints: true,
    })),
  };
  writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal, null, 2));
  for (const e of entries) writeFileSync(path.join(dir, `${e.tag}.sql`), e.sql);
  return dir;
};

const PARENT_CHILD = `CREATE TABLE parent (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL);
--> statement-breakpoint
CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id TEXT NOT NULL REFERENCES parent(id) ON DELETE CASCADE);`;
const ADD_NOTE = 'ALTER TABLE parent ADD note TEXT;';
const ADD_ITEM = 'CREATE TABLE item (id INTEGER PRIMARY KEY);';

const fileHash = (file: string): string =>
  createHash('sha256').update(readFileSync(file)).digest('hex');

const load = (dir: string): Migration[] => {
  const loaded = loadMigrations(dir);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
};

describe('migrator', () => {
  let tmp: { dir: string; cleanup: () => void };
  let clock: ReturnType<typeof createFixedClock>;
  const options = (file: string, migrations: Migration[]) => ({
    file,
    migrations,
    backupDir: path.join(tmp.dir, 'backups'),
    clock,
    logger: silentLogger,
  });

  beforeEach(() => {
    tmp = createTempDir();
    clock = createFixedClock('2025-03-14T15:00:00.000Z');
  });
  afterEach(() => tmp.cleanup());

  /** A database file migrated with the first `count` of `entries`, closed. */
  const databaseAt = (entries: Entry[], count: number, seed?: (db: Sqlite.Database) => void) => {
    const file = path.join(tmp.dir, 'tienda.sqlite');
    const db = new Sqlite(file);
    const dir = writeMigrations(path.join(tmp.dir, `m${count}`), entries.slice(0, count));
    const result = migrate(db, options(file, load(dir)));
    expect(result.ok).toBe(true);
    seed?.(db);
    db.close();
    return file;
  };

  it('aplica las migraciones pendientes en orden y registra etiqueta, hash y fecha', () => {
    const dir = writeMigrations(path.join(tmp.dir, 'm'), [
      { tag: '0000_base', sql: PARENT_CHILD },
      { tag: '0001_nota', sql: ADD_NOTE },
    ]);
    const db = new Sqlite(':memory:');
    const result = migrate(db, options(':memory:', load(dir)));
    expect(result).toEqual({
      ok: true,
      value: { applied: ['0000_base', '0001_nota'], backupFile: null },
    });
    const rows = db.prepare(`SELECT idx, tag, hash, applied_at FROM ${MIGRATIONS_TABLE}`).all();
    expect(rows).toEqual([
      {
        idx: 0,
        tag: '0000_base',
        hash: createHash('sha256').update(PARENT_CHILD).digest('hex'),
        applied_at: '2025-03-14T15:00:00.000Z',
      },
      expect.objectContaining({ idx: 1, tag: '0001_nota' }),
    ]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('no hace nada cuando todas las migraciones ya están aplicadas', () => {
    const entries = [{ tag: '0000_base', sql: PARENT_CHILD }];
    const file = databaseAt(entries, 1);
    const before = fileHash(file);
    const db = new Sqlite(file);
    const result = migrate(db, options(file, load(path.join(tmp.dir, 'm1'))));
    db.close();
    expect(result).toEqual({ ok: true, value: { applied: [], backupFile: null } });
    expect(fileHash(file)).toBe(before);
  });

  it('rechaza una base de datos más nueva que la aplicación y deja el archivo idéntico', () => {
    const entries = [
      { tag: '0000_base', sql: PARENT_CHILD },
      { tag: '0001_nota', sql: ADD_NOTE },
    ];
    const file = databaseAt(entries, 2, (db) =>
      db.exec("INSERT INTO parent VALUES ('p1', 'x', 'n')"),
    );
    const before = fileHash(file);
    const olderApp = writeMigrations(path.join(tmp.dir, 'vieja'), entries.slice(0, 1));
    const db = new Sqlite(file);
    const result = migrate(db, options(file, load(olderApp)));
    db.close();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('db_mas_nueva');
    expect(result.error.message).toContain('versión más nueva de Mostrador');
    expect(result.error.message).toContain('0001_nota');
    expect(fileHash(file)).toBe(before);
    expect(existsSync(path.join(tmp.dir, 'backups'))).toBe(false);
  });

  it('rechaza una migración aplicada cuyo archivo cambió', () => {
    const entries = [{ tag: '0000_base', sql: PARENT_CHILD }];
    const file = databaseAt(entries, 1);
    const before = fileHash(file);
    const edited = writeMigrations(path.join(tmp.dir, 'editada'), [
      { tag: '0000_base', sql: `${PARENT_CHILD}\n--> statement-breakpoint\n${ADD_ITEM}` },
    ]);
    const db = new Sqlite(file);
    const result = migrate(db, options(file, load(edited)));
    db.close();
    expect(result.ok ? null : result.error.code).toBe('migracion_modificada');
    expect(fileHash(file)).toBe(before);
  });

  it('rechaza una migración pendiente anterior a otra ya aplicada', () => {
    const entries = [
      { tag: '0000_base', sql: PARENT_CHILD },
      { tag: '0001_nota', sql: ADD_NOTE },
      { tag: '0002_item', sql: ADD_ITEM },
    ];
    writeMigrations(path.join(tmp.dir, 'todas'), entries);
    const file = databaseAt(entries, 1, (db) => {
      // As if a build without 0001 (e.g. another branch) had applied 0002.
      db.exec(ADD_ITEM);
      const hash = load(path.join(tmp.dir, 'todas'))[2]?.hash;
      db.prepare(`INSERT INTO ${MIGRATIONS_TABLE} VALUES (2, '0002_item', ?, 'x')`).run(hash);
    });
    const before = fileHash(file);
    const db = new Sqlite(file);
    const result = migrate(db, options(file, load(path.join(tmp.dir, 'todas'))));
    db.close();
    expect(result.ok ? null : result.error).toEqual({
      code: 'migraciones_desordenadas',
      message: expect.stringContaining(
        '«0001_nota» no está aplicada pero es anterior a «0002_item»',
      ),
    });
    expect(fileHash(file)).toBe(before);
  });

  it('rechaza una base de datos que no es de Mostrador sin tocarla', () => {
    const file = path.join(tmp.dir, 'ajena.sqlite');
    const foreign = new Sqlite(file);
    foreign.exec('CREATE TABLE clientes (id INTEGER); INSERT INTO clientes VALUES (1);');
    foreign.close();
    const before = fileHash(file);
    const dir = writeMigrations(path.join(tmp.dir, 'm'), [{ tag: '0000_base', sql: PARENT_CHILD }]);
    const db = new Sqlite(file);
    const result = migrate(db, options(file, load(dir)));
    db.close();
    expect(result.ok ? null : result.error.code).toBe('db_ajena');
    expect(fileHash(file)).toBe(before);
  });

  it('respalda con VACUUM INTO una base con datos antes de migrarla, y el respaldo se abre', () => {
    const entries = [
      { tag: '0000_base', sql: PARENT_CHILD },
      { tag: '0001_nota', sql: ADD_NOTE },
    ];
    const file = databaseAt(entries, 1, (db) => {
      db.exec("INSERT INTO parent VALUES ('p1', 'Tienda'); INSERT INTO child VALUES (1, 'p1');");
    });
    const db = new Sqlite(file);
    const result = migrate(
      db,
      options(file, load(writeMigrations(path.join(tmp.dir, 'm2'), entries))),
    );
    db.close();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const backup = result.value.backupFile;
    expect(backup).toBe(
      path.join(tmp.dir, 'backups', 'tienda-2025-03-14T15-00-00-000Z-antes-de-0001_nota.sqlite'),
    );
    const copy = new Sqlite(backup ?? '', { readonly: true, fileMustExist: true });
    expect(copy.prepare('SELECT name FROM parent').all()).toEqual([{ name: 'Tienda' }]);
    expect(copy.prepare(`SELECT tag FROM ${MIGRATIONS_TABLE}`).all()).toEqual([
      { tag: '0000_base' },
    ]);
    copy.close();
  });

  it('si otro proceso migra mientras tanto, no vuelve a aplicar sus migraciones', () => {
    const entries = [
      { tag: '0000_base', sql: PARENT_CHILD },
      { tag: '0001_nota', sql: ADD_NOTE },
    ];
    const file = databaseAt(entries, 1, (db) => db.exec("INSERT INTO parent VALUES ('p1', 'x')"));
    const migrations = load(writeMigrations(path.join(tmp.dir, 'm2'), entries));
    const other = new Sqlite(file);
    const mine = new Sqlite(file);
    mine.pragma('busy_timeout = 1000');
    const logger = {
      ...silentLogger,
      // Between our plan and our write lock, the other process runs the same upgrade.
      info: (message: string) => {
        if (message.startsWith('Respaldo')) {
          expect(migrate(other, options(file, migrations)).ok).toBe(true);
        }
      },
    };
    const result = migrate(mine, { ...options(file, migrations), logger });
    expect(result.ok && result.value.applied).toEqual([]);
    expect(mine.prepare(`SELECT tag FROM ${MIGRATIONS_TABLE} ORDER BY idx`).pluck().all()).toEqual([
      '0000_base',
      '0001_nota',
    ]);
    other.close();
    mine.close();
  });

  it('no crea respaldo al preparar una base de datos nueva', () => {
    const file = path.join(tmp.dir, 'nueva.sqlite');
    const dir = writeMigrations(path.join(tmp.dir, 'm'), [{ tag: '0000_base', sql: PARENT_CHILD }]);
    const db = new Sqlite(file);
    const result = migrate(db, options(file, load(dir)));
    db.close();
    expect(result.ok && result.value.backupFile).toBeNull();
    expect(existsSync(path.join(tmp.dir, 'backups'))).toBe(false);
  });

  it('deshace todo el lote si una migración deja referencias rotas', () => {
    const logger = createMemoryLogger();
    const dir = writeMigrations(path.join(tmp.dir, 'm'), [
      { tag: '0000_base', sql: PARENT_CHILD },
      { tag: '0001_huerfano', sql: "INSERT INTO child VALUES (7, 'no-existe');" },
    ]);
    const db = new Sqlite(':memory:');
    const result = migrate(db, { ...options(':memory:', load(dir)), logger });
    expect(result.ok ? null : result.error).toEqual({
      code: 'claves_foraneas_rotas',
      message: expect.stringContaining(
        '«0001_huerfano» deja referencias rotas (child → parent: 1 fila(s))',
      ),
    });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    expect(tables).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'error' }));
  });

  it('deshace todo el lote si una instrucción falla, y nombra la migración', () => {
    const dir = writeMigrations(path.join(tmp.dir, 'm'), [
      { tag: '0000_base', sql: PARENT_CHILD },
      { tag: '0001_mala', sql: `${ADD_ITEM}\n--> statement-breakpoint\nALTER TABLE nada ADD x;` },
    ]);
    const db = new Sqlite(':memory:');
    const result = migrate(db, options(':memory:', load(dir)));
    expect(result.ok ? null : result.error.code).toBe('migracion_fallida');
    expect(result.ok ? '' : result.error.message).toContain(
      '«0001_mala» falló en la instrucción 2',
    );
    expect(db.prepare('SELECT count(*) AS n FROM sqlite_master').get()).toEqual({ n: 0 });
  });

  it('informa disco lleno en español y no aplica nada', () => {
    const entries = [
      { tag: '0000_base', sql: PARENT_CHILD },
      {
        tag: '0001_grande',
        sql: 'CREATE TABLE blob_data (b BLOB);\n--> statement-breakpoint\nINSERT INTO blob_data VALUES (zeroblob(1000000));',
      },
    ];
    const file = databaseAt(entries, 1);
    const db = new Sqlite(file);
    const pages = Number(db.pragma('page_count', { simple: true }));
    // A full disk, simulated: SQLite returns SQLITE_FULL when the file may not grow.
    db.pragma(`max_page_count = ${pages + 2}`);
    writeMigrations(path.join(tmp.dir, 'm2'), entries);
    const result = migrate(db, options(file, load(path.join(tmp.dir, 'm2'))));
    expect(result.ok ? null : result.error.code).toBe('disco_lleno');
    expect(result.ok ? '' : result.error.message).toContain('El disco está lleno');
    expect(db.prepare(`SELECT tag FROM ${MIGRATIONS_TABLE}`).all()).toEqual([{ tag: '0000_base' }]);
    db.close();
  });
});

describe('loadMigrations', () => {
  let tmp: { dir: string; cleanup: () => void };
  beforeEach(() => {
    tmp = createTempDir();
  });
  afterEach(() => tmp.cleanup());

  it('separa las instrucciones por los cortes de drizzle-kit', () => {
    const dir = writeMigrations(tmp.dir, [{ tag: '0000_base', sql: PARENT_CHILD }]);
    expect(load(dir)[0]?.statements).toHaveLength(2);
  });

  it('calcula el mismo hash con finales de línea CRLF o LF', () => {
    const lf = load(
      writeMigrations(path.join(tmp.dir, 'lf'), [{ tag: '0000_a', sql: PARENT_CHILD }]),
    );
    const crlf = load(
      writeMigrations(path.join(tmp.dir, 'crlf'), [
        { tag: '0000_a', sql: PARENT_CHILD.replace(/\n/g, '\r\n') },
      ]),
    );
    expect(crlf[0]?.hash).toBe(lf[0]?.hash);
  });

  it('rechaza posiciones del índice que no son consecutivas', () => {
    const dir = writeMigrations(tmp.dir, [
      { tag: '0000_a', sql: ADD_ITEM },
      { tag: '0002_b', sql: ADD_ITEM, idx: 2 },
    ]);
    const result = loadMigrations(dir);
    expect(result.ok ? null : result.error.code).toBe('migraciones_desordenadas');
  });

  it('rechaza fechas de creación que no crecen', () => {
    const dir = writeMigrations(tmp.dir, [
      { tag: '0000_a', sql: ADD_ITEM, when: 2000 },
      { tag: '0001_b', sql: ADD_NOTE, when: 1000 },
    ]);
    const result = loadMigrations(dir);
    expect(result.ok ? null : result.error.message).toContain('fuera de orden');
  });

  it('rechaza una etiqueta cuyo número no es su posición', () => {
    const dir = writeMigrations(tmp.dir, [
      { tag: '0001_a', sql: ADD_ITEM },
      { tag: '0000_b', sql: ADD_NOTE },
    ]);
    expect(loadMigrations(dir).ok).toBe(false);
  });

  it('rechaza una migración del índice cuyo archivo falta', () => {
    const dir = writeMigrations(tmp.dir, [{ tag: '0000_a', sql: ADD_ITEM }]);
    const journal = JSON.parse(readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8'));
    journal.entries.push({ idx: 1, version: '6', when: 1_800_000_000_000, tag: '0001_b' });
    writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
    const result = loadMigrations(dir);
    expect(result.ok ? null : result.error.code).toBe('migracion_faltante');
    expect(result.ok ? '' : result.error.message).toContain(
      'Falta el archivo de la migración «0001_b»',
    );
  });

  it('rechaza un archivo SQL que no está en el índice', () => {
    const dir = writeMigrations(tmp.dir, [{ tag: '0000_a', sql: ADD_ITEM }]);
    writeFileSync(path.join(dir, '0001_suelta.sql'), ADD_NOTE);
    const result = loadMigrations(dir);
    expect(result.ok ? null : result.error.code).toBe('migracion_no_registrada');
  });

  it('rechaza un índice ilegible', () => {
    mkdirSync(path.join(tmp.dir, 'meta'));
    writeFileSync(path.join(tmp.dir, 'meta', '_journal.json'), '{ no es json');
    expect(loadMigrations(tmp.dir).ok).toBe(false);
    expect(readdirSync(tmp.dir)).toEqual(['meta']);
  });
});
