import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { classifySqliteError, runSqlite, sqliteFailureCode } from './errors';

describe('errores de SQLite', () => {
  it.each([
    ['SQLITE_FULL', 'disco_lleno'],
    ['SQLITE_READONLY', 'db_solo_lectura'],
    ['SQLITE_READONLY_DBMOVED', 'db_solo_lectura'],
    ['SQLITE_IOERR', 'db_error_es'],
    ['SQLITE_IOERR_WRITE', 'db_error_es'],
    ['SQLITE_CORRUPT', 'db_danada'],
    ['SQLITE_NOTADB', 'db_danada'],
    ['SQLITE_BUSY', 'db_ocupada'],
    ['SQLITE_BUSY_SNAPSHOT', 'db_ocupada'],
    ['SQLITE_CANTOPEN', 'db_no_se_puede_abrir'],
  ])('clasifica %s como %s', (code, expected) => {
    expect(sqliteFailureCode({ code })).toBe(expected);
  });

  it('no clasifica violaciones de restricciones ni errores ajenos a SQLite (son defectos)', () => {
    expect(classifySqliteError({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBeUndefined();
    expect(classifySqliteError(new TypeError('x'))).toBeUndefined();
    expect(classifySqliteError(null)).toBeUndefined();
  });

  it('rechaza una escritura con el disco lleno y explica qué hacer, sin guardar nada', () => {
    const db = new Sqlite(':memory:');
    db.exec('CREATE TABLE venta (datos BLOB)');
    const pages = Number(db.pragma('page_count', { simple: true }));
    db.pragma(`max_page_count = ${pages + 1}`);
    const result = runSqlite(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO venta VALUES (zeroblob(100))').run();
        db.prepare('INSERT INTO venta VALUES (zeroblob(100000))').run();
      })(),
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'disco_lleno', message: expect.stringContaining('Libere espacio') },
    });
    expect(db.prepare('SELECT count(*) AS n FROM venta').get()).toEqual({ n: 0 });
  });

  it('deja pasar las excepciones que son defectos', () => {
    const db = new Sqlite(':memory:');
    expect(() => runSqlite(() => db.exec('SELECT * FROM no_existe'))).toThrow('no such table');
  });

  it('devuelve el valor cuando no falla', () => {
    expect(runSqlite(() => 42)).toEqual({ ok: true, value: 42 });
  });
});
