/**
 * Issue 17 §4: the database's counter falling behind secuenciales already issued. Restoring an
 * older backup, or losing the `-wal` of a killed app, must not issue those numbers again: the
 * next sale continues after the high-water mark kept outside the database, and the
 * administrator is told which numbers were skipped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main/app';
import { ARCHIVO_MARCA } from '../../src/main/db/marcaSecuenciales';
import { createTempDir } from '../../src/main/db/testing';
import { adminAuthorization, sell, startDemoApp, waitForAuthorized } from './release-app';

let tmp: { dir: string; cleanup: () => void };
const children: ChildProcess[] = [];
beforeAll(() => {
  tmp = createTempDir('mostrador-marca-');
});
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  tmp.cleanup();
});

const secuenciales = (app: App): number[] =>
  app.db.sqlite
    .prepare("SELECT secuencial AS s FROM document WHERE cod_doc = '01' ORDER BY secuencial")
    .all()
    .map((r) => (r as { s: number }).s);

const aviso = async (app: App): Promise<string | null> => {
  const estado = await app.call('respaldos.estado', {}, 'interno');
  if (!estado.ok) throw new Error(estado.error.message);
  return (estado.value as { aviso: string | null }).aviso;
};

describe('marca de secuenciales fuera de la base', () => {
  it('después de restaurar un respaldo anterior no repite los números ya autorizados', async () => {
    const dataDir = path.join(tmp.dir, 'restaurar');
    const first = await startDemoApp(dataDir, { importCertificate: false });
    for (let i = 0; i < 5; i++) await sell(first.app);
    const taken = await first.app.call('respaldos.tomar', {}, 'interno');
    if (!taken.ok) throw new Error(taken.error.message);
    const backup = (taken.value as { ruta: string }).ruta;
    for (let i = 0; i < 5; i++) await sell(first.app);
    await waitForAuthorized(first.app, 10);
    expect(secuenciales(first.app)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const staged = await first.app.call(
      'respaldos.restaurar',
      { archivo: backup, autorizacion: adminAuthorization(first.app) },
      'interno',
    );
    expect(staged.ok).toBe(true);
    await first.app.close();

    const second = await startDemoApp(dataDir, { importCertificate: false });
    try {
      expect(secuenciales(second.app)).toEqual([1, 2, 3, 4, 5]);
      expect(await aviso(second.app)).toContain(
        'Se saltaron los números facturas 001-001-000000006 a 001-001-000000010',
      );
      await sell(second.app);
      expect(secuenciales(second.app)).toEqual([1, 2, 3, 4, 5, 11]);
    } finally {
      await second.app.close();
    }
  });

  it('el respaldo lleva la marca: restaurado sin el archivo de la carpeta, tampoco repite', async () => {
    const dataDir = path.join(tmp.dir, 'metadatos');
    const first = await startDemoApp(dataDir, { importCertificate: false });
    for (let i = 0; i < 2; i++) await sell(first.app);
    const old = await first.app.call('respaldos.tomar', {}, 'interno');
    if (!old.ok) throw new Error(old.error.message);
    for (let i = 0; i < 2; i++) await sell(first.app);
    // The newest backup knows 4; the folder's own mark file is then lost.
    const newer = await first.app.call('respaldos.tomar', {}, 'interno');
    expect(newer.ok).toBe(true);
    const staged = await first.app.call(
      'respaldos.restaurar',
      {
        archivo: (old.value as { ruta: string }).ruta,
        autorizacion: adminAuthorization(first.app),
      },
      'interno',
    );
    expect(staged.ok).toBe(true);
    await first.app.close();
    rmSync(path.join(dataDir, ARCHIVO_MARCA));

    const second = await startDemoApp(dataDir, { importCertificate: false });
    try {
      await sell(second.app);
      expect(secuenciales(second.app)).toEqual([1, 2, 5]);
    } finally {
      await second.app.close();
    }
  });

  it('un -wal borrado bajo una app que luego muere no hace repetir números', async () => {
    const dataDir = path.join(tmp.dir, 'wal');
    // The store exists and is checkpointed before the child sells.
    const setup = await startDemoApp(dataDir, { importCertificate: false });
    await setup.app.close();

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'ventasChild.ts'), dataDir, '4'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const listo = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listo (\d+)\n/u.exec(out);
        if (m !== null) resolve(m[1] as string);
      });
      child.on('exit', (code) => reject(new Error(`terminó (${code}): ${stderr}`)));
    });
    expect(listo).toBe('4');
    const wal = path.join(dataDir, 'mostrador.sqlite-wal');
    expect(existsSync(wal)).toBe(true);
    rmSync(wal);
    rmSync(`${path.join(dataDir, 'mostrador.sqlite')}-shm`, { force: true });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const after = await startDemoApp(dataDir, { importCertificate: false });
    try {
      expect(secuenciales(after.app)).toEqual([]);
      expect(await aviso(after.app)).toContain('001-001-000000001 a 001-001-000000004');
      await sell(after.app);
      expect(secuenciales(after.app)).toEqual([5]);
    } finally {
      await after.app.close();
    }
  });
});
