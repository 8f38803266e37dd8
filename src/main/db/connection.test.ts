import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { openDatabase } from './connection';
import { createFixedClock, createTempDir } from './testing';

const fileHash = (file: string): string =>
  createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Makes a path unwritable even for root (tests run as root in CI containers, where chmod
 * does not stop writes): the immutable attribute when root, permissions otherwise.
 */
const makeReadOnly = (target: string): (() => void) => {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', target]);
    return () => execFileSync('chattr', ['-i', target]);
  }
  chmodSync(target, 0o555);
  return () => chmodSync(target, 0o755);
};

describe('openDatabase', () => {
  let tmp: { dir: string; cleanup: () => void };
  const clock = createFixedClock();
  const open = (file: string) => openDatabase(file, { logger: silentLogger, clock });

  beforeEach(() => {
    tmp = createTempDir();
  });
  afterEach(() => tmp.cleanup());

  it('activa WAL, synchronous=FULL, claves foráneas y busy_timeout', () => {
    const result = open(path.join(tmp.dir, 'tienda.sqlite'));
    if (!result.ok) throw new Error(result.error.message);
    const { sqlite } = result.value;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    result.value.close();
  });

  it('aplica las migraciones al crear y ninguna al reabrir', () => {
    const file = path.join(tmp.dir, 'tienda.sqlite');
    const first = open(file);
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.migration.applied.length).toBeGreaterThan(0);
    first.value.close();
    const second = open(file);
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.migration).toEqual({ applied: [], backupFile: null });
    second.value.close();
  });

  it('rechaza un archivo dañado con un mensaje en español y no lo toca', () => {
    const file = path.join(tmp.dir, 'tienda.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const before = fileHash(file);
    const result = open(file);
    expect(result.ok ? null : result.error.code).toBe('db_danada');
    expect(result.ok ? '' : result.error.message).toContain('está dañado');
    expect(fileHash(file)).toBe(before);
  });

  it('rechaza una carpeta de datos que no existe', () => {
    const result = open(path.join(tmp.dir, 'no-existe', 'tienda.sqlite'));
    expect(result.ok ? null : result.error.message).toContain('no existe');
  });

  it('rechaza crear la base de datos en una carpeta de solo lectura', () => {
    const folder = path.join(tmp.dir, 'solo-lectura');
    mkdirSync(folder);
    const restore = makeReadOnly(folder);
    try {
      const result = open(path.join(folder, 'tienda.sqlite'));
      expect(result.ok ? null : result.error.code).toMatch(/^db_(no_se_puede_abrir|solo_lectura)$/);
      expect(result.ok ? '' : result.error.message).toMatch(/permiso de escritura|solo lectura/);
    } finally {
      restore();
    }
  });

  it('rechaza un archivo de base de datos de solo lectura en una carpeta escribible', () => {
    const file = path.join(tmp.dir, 'tienda.sqlite');
    const created = open(file);
    if (!created.ok) throw new Error(created.error.message);
    created.value.close();
    const restore = makeReadOnly(file);
    try {
      const result = open(file);
      expect(result.ok ? null : result.error.code).toBe('db_solo_lectura');
    } finally {
      restore();
    }
  });

  it('rechaza una base de datos existente en una carpeta de solo lectura', () => {
    const file = path.join(tmp.dir, 'tienda.sqlite');
    const created = open(file);
    if (!created.ok) throw new Error(created.error.message);
    created.value.close();
    const restoreFile = makeReadOnly(file);
    const restoreDir = makeReadOnly(tmp.dir);
    try {
      const result = open(file);
      expect(result.ok ? null : result.error.code).toBe('db_solo_lectura');
      expect(result.ok ? '' : result.error.message).toContain('solo lectura');
    } finally {
      restoreDir();
      restoreFile();
    }
  });
});
