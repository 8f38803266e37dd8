import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from './connection';
import { diferenciasDeEsquema, esquemaDeReferencia, leerEsquema, normalizarSql } from './esquema';
import { loadMigrations } from './migrator';

const migraciones = () => {
  const m = loadMigrations(defaultMigrationsDir());
  if (!m.ok) throw new Error(m.error.message);
  return m.value;
};

describe('normalizarSql', () => {
  it('ignora espacios y comillas de identificadores, no el texto de los literales', () => {
    expect(normalizarSql('CREATE TABLE `a` (\n  "x"  text ,\n y INT )')).toBe(
      normalizarSql('create table a(x TEXT, y int)'),
    );
    expect(normalizarSql("SELECT RAISE(ABORT, 'No  se borra')")).not.toBe(
      normalizarSql("SELECT RAISE(ABORT, 'no se borra')"),
    );
  });
});

describe('esquemaDeReferencia', () => {
  it('una base migrada tiene exactamente el esquema de referencia de su nivel', () => {
    const todas = migraciones();
    const db = new Sqlite(':memory:');
    try {
      const intermedio = esquemaDeReferencia(todas, 3);
      const final = esquemaDeReferencia(todas, todas.length);
      expect(diferenciasDeEsquema(final, intermedio).length).toBeGreaterThan(0);
      // Same level, built twice: equal (and cached).
      expect(esquemaDeReferencia(todas, todas.length)).toBe(final);
      db.exec('CREATE TABLE x (a)');
      expect(diferenciasDeEsquema(leerEsquema(db), final)).toContain('sobra la tabla x');
    } finally {
      db.close();
    }
  });
});
