/**
 * Backups and restore end to end (issue 11 §3): a copy taken while another process is charging
 * sales is consistent; backup → restore through the app's calls loses nothing and keeps a
 * safety copy; a damaged or newer backup is refused in Spanish and the store stays as it was.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, loadMigrations, openDatabase } from '../../src/main/db';
import { createTempDir } from '../../src/main/db/testing';
import { silentLogger, systemClock } from '../../src/main/log';
import { createBackupService } from '../../src/main/respaldos';
import { adminAuthorization, sell, startDemoApp, waitForAuthorized } from './release-app';

const repoRoot = path.resolve(import.meta.dirname, '../..');
let tmp: { dir: string; cleanup: () => void };
beforeAll(() => {
  tmp = createTempDir('mostrador-respaldo-int-');
});
afterAll(() => tmp.cleanup());

type Counts = { sales: number; facturas: number; lines: number; payments: number; history: number };

/** Opens a copy read-only, checks integrity and that every sale is whole. */
const checkCopy = (file: string): Counts => {
  const copy = new Sqlite(file, { readonly: true });
  try {
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('foreign_key_check')).toEqual([]);
    const n = (sql: string) => (copy.prepare(sql).get() as { n: number }).n;
    const counts = {
      sales: n('SELECT count(*) AS n FROM sale'),
      facturas: n("SELECT count(*) AS n FROM document WHERE cod_doc = '01'"),
      lines: n('SELECT count(*) AS n FROM document_line'),
      payments: n('SELECT count(*) AS n FROM document_payment'),
      history: n('SELECT count(*) AS n FROM document_status_history'),
    };
    // A half-written sale would break one of these.
    expect(counts.facturas).toBe(counts.sales);
    expect(counts.lines).toBe(counts.facturas * 3);
    expect(
      n(
        'SELECT count(*) AS n FROM document d WHERE NOT EXISTS (SELECT 1 FROM document_payment p WHERE p.document_id = d.id)',
      ),
    ).toBe(0);
    expect(
      n(
        'SELECT count(*) AS n FROM document d WHERE NOT EXISTS (SELECT 1 FROM outbox_job j WHERE j.document_id = d.id)',
      ),
    ).toBe(0);
    expect(
      n(`SELECT count(*) AS n FROM document d WHERE d.total_cents !=
           (SELECT sum(total_cents) FROM document_payment p WHERE p.document_id = d.id)`),
    ).toBe(0);
    return counts;
  } finally {
    copy.close();
  }
};

describe('respaldos de extremo a extremo', () => {
  it('una copia tomada mientras otro proceso vende es íntegra y no tiene ventas a medias', async () => {
    const dataDir = path.join(tmp.dir, 'concurrente');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/integration/release-writer.ts', dataDir],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    while (!out.includes('listo')) {
      if (child.exitCode !== null) throw new Error(`el proceso que vende terminó: ${out}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const opened = openDatabase(path.join(dataDir, 'mostrador.sqlite'), {
      logger: silentLogger,
      clock: systemClock,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const migrations = loadMigrations(defaultMigrationsDir());
    if (!migrations.ok) throw new Error(migrations.error.message);
    const service = createBackupService({
      db: opened.value,
      dataDir,
      migrations: migrations.value,
      clock: systemClock,
      logger: silentLogger,
    });
    const seen: Counts[] = [];
    try {
      for (let i = 0; i < 8; i++) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        const taken = service.tomarAhora();
        if (!taken.ok) throw new Error(taken.error.message);
        seen.push(checkCopy(taken.value.ruta));
      }
    } finally {
      child.kill('SIGTERM');
      await exited;
      opened.value.close();
    }
    // The copies saw the store grow: they were really taken during the writes.
    const sales = seen.map((c) => c.sales);
    expect(new Set(sales).size).toBeGreaterThan(2);
    expect(sales).toEqual([...sales].sort((a, b) => a - b));
  });

  it('respaldar y restaurar por las llamadas de Ajustes no pierde nada', async () => {
    const dataDir = path.join(tmp.dir, 'ida-y-vuelta');
    const first = await startDemoApp(dataDir, { importCertificate: false });
    for (let i = 0; i < 3; i++) await sell(first.app, 3);
    const taken = await first.app.call('respaldos.tomar', {}, 'interno');
    if (!taken.ok) throw new Error(taken.error.message);
    const backup = taken.value as { ruta: string; tipo: string };
    expect(backup.tipo).toBe('manual');
    const atBackup = checkCopy(backup.ruta);
    expect(atBackup.sales).toBe(3);
    // Sales after the backup are what the restore takes back (and the safety copy keeps).
    for (let i = 0; i < 2; i++) await sell(first.app, 3);

    const unauthorized = await first.app.call(
      'respaldos.restaurar',
      { archivo: backup.ruta },
      'interno',
    );
    expect(unauthorized.ok ? null : unauthorized.error.code).toBe('autorizacion_requerida');
    const staged = await first.app.call(
      'respaldos.restaurar',
      { archivo: backup.ruta, autorizacion: adminAuthorization(first.app) },
      'interno',
    );
    expect(staged).toMatchObject({ ok: true, value: { reinicio: 'manual', pendientes: 0 } });
    await first.app.close();

    const second = await startDemoApp(dataDir, { importCertificate: false });
    try {
      const estado = await second.app.call('respaldos.estado', {}, 'interno');
      if (!estado.ok) throw new Error(estado.error.message);
      const value = estado.value as {
        aviso: string;
        pendiente: unknown;
        respaldos: { tipo: string; ruta: string }[];
      };
      expect(value.aviso).toContain('Se restauró el respaldo');
      expect(value.pendiente).toBeNull();
      const safety = value.respaldos.find((r) => r.tipo === 'antes_de_restaurar');
      expect(checkCopy(safety?.ruta ?? '').sales).toBe(5);
      const n = (sql: string) => (second.app.db.sqlite.prepare(sql).get() as { n: number }).n;
      expect(n('SELECT count(*) AS n FROM sale')).toBe(atBackup.sales);
      expect(n('SELECT count(*) AS n FROM document_line')).toBe(atBackup.lines);
      expect(n('SELECT count(*) AS n FROM document_payment')).toBe(atBackup.payments);
      expect(second.app.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      // The store goes on selling after the restore, with the next secuencial.
      await sell(second.app, 3);
      expect(n('SELECT count(*) AS n FROM sale')).toBe(atBackup.sales + 1);
    } finally {
      await second.app.close();
    }
  });

  it('rechaza un respaldo dañado o más nuevo con un mensaje en español y no toca la base', async () => {
    const dataDir = path.join(tmp.dir, 'rechazos');
    const { app } = await startDemoApp(dataDir, { importCertificate: false });
    try {
      await sell(app, 3);
      // Let the outbox finish with the sale so the store is idle while we compare.
      await waitForAuthorized(app, 1);
      const taken = await app.call('respaldos.tomar', {}, 'interno');
      if (!taken.ok) throw new Error(taken.error.message);
      const file = (taken.value as { ruta: string }).ruta;

      const damaged = path.join(tmp.dir, 'danado.sqlite');
      const bytes = readFileSync(file);
      bytes.fill(0x33, 4096 * 3, 4096 * 3 + 3000);
      writeFileSync(damaged, bytes);
      const newer = path.join(tmp.dir, 'nuevo.sqlite');
      writeFileSync(newer, readFileSync(file));
      const db = new Sqlite(newer);
      db.prepare(
        'INSERT INTO schema_migrations (idx, tag, hash, applied_at) VALUES (99, ?, ?, ?)',
      ).run('0099_futuro', 'x', new Date().toISOString());
      db.close();

      const before = checkCopy(path.join(dataDir, 'mostrador.sqlite'));
      for (const [archivo, expected] of [
        [damaged, /dañad|no se pudo leer|no es una base/i],
        [newer, /versión más nueva de Mostrador/],
      ] as const) {
        const result = await app.call(
          'respaldos.restaurar',
          { archivo, autorizacion: adminAuthorization(app) },
          'interno',
        );
        expect(result.ok).toBe(false);
        expect(result.ok ? '' : result.error.message).toMatch(expected);
      }
      expect(existsSync(path.join(dataDir, 'restauracion-pendiente.json'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'restauracion-pendiente.sqlite'))).toBe(false);
      expect(checkCopy(path.join(dataDir, 'mostrador.sqlite'))).toEqual(before);
    } finally {
      await app.close();
    }
  });
});
