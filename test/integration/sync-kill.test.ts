/**
 * Killing the app mid-sync loses and duplicates nothing: a child process runs the sync worker
 * against the fake Factio (slow answers, some lost on purpose), is SIGKILLed while documents are
 * in flight, and a second process finishes. Factio ends with each document exactly once, and
 * each local document knows Factio's id.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mirrorLocalStore, openStoreWithSales, sell, waitFor } from '../../src/main/factio/testing';
import { systemClock } from '../../src/main/log';
import { type FakeFactio, startFakeFactio } from '../fakes/factio';

const KEY = 'fx_kill_test_0123456789';
const N = 150;
let dir: string;
let file: string;
let fake: FakeFactio;
let ids: string[];
const children: ChildProcess[] = [];

const startChild = async (): Promise<ChildProcess> => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'syncChild.ts'), file],
    {
      env: { ...process.env, FACTIO_KEY: KEY, FACTIO_URL: fake.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('listo')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`el proceso terminó (${code}): ${stderr}`)));
  });
  return child;
};

const syncJobs = (status: string): number => {
  const db = new Sqlite(file, { readonly: true });
  try {
    return (
      db
        .prepare("SELECT COUNT(*) AS n FROM outbox_job WHERE kind = 'sync' AND status = ?")
        .get(status) as { n: number }
    ).n;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mostrador-sync-kill-'));
  file = join(dir, 'mostrador.sqlite');
  fake = await startFakeFactio({ apiKeys: [KEY] });
  const { db, emision } = await openStoreWithSales(systemClock, file);
  mirrorLocalStore(fake, db);
  ids = sell(db, emision, N);
  db.close();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe('sincronización interrumpida con SIGKILL', () => {
  it('tras matar el proceso y reiniciarlo, Factio tiene cada documento exactamente una vez', async () => {
    fake.documentLatencyMs = 40;
    // Two answers lost on the way back: stored in Factio, unknown to us until the 409.
    fake.inject({
      method: 'POST',
      path: /^\/documents$/,
      fault: { kind: 'store_then_drop' },
      times: 2,
    });
    const first = await startChild();
    await waitFor(() => fake.created() >= N / 3, 60_000, 'un tercio enviado');
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const atKill = fake.created();
    expect(atKill).toBeLessThan(N);

    fake.documentLatencyMs = 0;
    const second = await startChild();
    await waitFor(() => syncJobs('done') === N, 60_000, 'todo confirmado');
    second.kill('SIGKILL');

    expect(fake.created()).toBe(N);
    expect(fake.documents.size).toBe(N);
    expect([...fake.documents.keys()].sort()).toEqual([...ids].sort());
    const db = new Sqlite(file, { readonly: true });
    const rows = db.prepare('SELECT id, remote_id AS remoteId FROM document').all() as {
      id: string;
      remoteId: string | null;
    }[];
    db.close();
    for (const row of rows) expect(row.remoteId).toBe(fake.documents.get(row.id)?.id);
    // Documents in flight at the kill were re-POSTed and confirmed through the 409.
    expect(fake.requests.some((r) => r.path === '/documents' && r.status === 409)).toBe(true);
  });
});
