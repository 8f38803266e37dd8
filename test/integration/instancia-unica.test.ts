/**
 * Issue 17 §5: two `mostrador serve` processes on one data folder. The second must exit 2 with
 * the owner's PID and must not touch the store — in particular not release the job leases the
 * first one holds (a released lease lets another worker send the same document again).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoreWithSales, sell } from '../../src/main/factio/testing';
import { systemClock } from '../../src/main/log';
import { ARCHIVO_BLOQUEO } from '../../src/main/recuperacion/bloqueo';

let dir: string;
let dataDir: string;
let staticDir: string;
const children: ChildProcess[] = [];

type Salida = { kind: 'url'; url: string } | { kind: 'exit'; code: number | null };

/** Starts serve in a child; resolves with its URL once listening, or its exit code. */
const serve = (): { child: ChildProcess; salida: Promise<Salida>; stderr: () => string } => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'serveChild.ts'),
      staticDir,
      '--data-dir',
      dataDir,
      '--demo',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const salida = new Promise<Salida>((resolve) => {
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /Mostrador: (\S+)\n/u.exec(stdout);
      if (match !== null) resolve({ kind: 'url', url: match[1] as string });
    });
    child.on('exit', (code) => resolve({ kind: 'exit', code }));
  });
  return { child, salida, stderr: () => stderr };
};

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mostrador-instancia-'));
  dataDir = join(dir, 'datos');
  staticDir = join(dir, 'renderer');
  await mkdir(staticDir, { recursive: true });
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>M</title>');
  const { db, emision } = await openStoreWithSales(systemClock, join(dataDir, 'mostrador.sqlite'));
  sell(db, emision, 1);
  db.close();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('una sola instancia por carpeta de datos', () => {
  it('la segunda sale con 2, dice el PID de la primera y no libera sus trabajos', async () => {
    const primera = serve();
    const arranque = await primera.salida;
    expect(arranque.kind, primera.stderr()).toBe('url');

    // The first instance is sending this document to Factio right now: its lease is live.
    const lease = '2099-01-01T00:00:00.000Z';
    const sqlite = new Sqlite(join(dataDir, 'mostrador.sqlite'));
    sqlite.pragma('busy_timeout = 5000');
    sqlite
      .prepare(
        "UPDATE outbox_job SET locked_until = ?, next_attempt_at = ? WHERE kind = 'sync' AND status = 'pending'",
      )
      .run(lease, lease);
    const leased = () =>
      sqlite
        .prepare("SELECT locked_until AS l FROM outbox_job WHERE kind = 'sync'")
        .all()
        .map((r) => (r as { l: string | null }).l);
    expect(leased()).toEqual([lease]);

    const segunda = serve();
    const resultado = await segunda.salida;
    if (resultado.kind === 'url') segunda.child.kill('SIGTERM');
    await exited(segunda.child);
    expect(resultado).toEqual({ kind: 'exit', code: 2 });
    expect(segunda.stderr()).toContain(
      `Mostrador ya está abierto con esta carpeta de datos (PID ${primera.child.pid})`,
    );
    expect(leased()).toEqual([lease]);
    sqlite.close();

    primera.child.kill('SIGTERM');
    expect(await exited(primera.child)).toBe(0);
  });

  it('arranca sobre el bloqueo de una instancia que murió (SIGKILL)', async () => {
    const primera = serve();
    expect((await primera.salida).kind, primera.stderr()).toBe('url');
    primera.child.kill('SIGKILL');
    await exited(primera.child);

    const segunda = serve();
    const resultado = await segunda.salida;
    expect(resultado.kind, segunda.stderr()).toBe('url');
    segunda.child.kill('SIGTERM');
    expect(await exited(segunda.child)).toBe(0);
  });

  it('un bloqueo de otro equipo en una carpeta compartida impide arrancar', async () => {
    await writeFile(
      join(dataDir, ARCHIVO_BLOQUEO),
      JSON.stringify({
        pid: 1,
        equipo: `${hostname()}-otra-caja`,
        desde: new Date().toISOString(),
      }),
    );
    const otra = serve();
    expect(await otra.salida).toEqual({ kind: 'exit', code: 2 });
    expect(otra.stderr()).toContain('Mostrador ya está abierto con esta carpeta de datos (PID 1');
    await rm(join(dataDir, ARCHIVO_BLOQUEO));
  });
});
