/**
 * Helpers for tests that need a real database (this folder's and other modules'): a fixed
 * clock, deterministic-enough ids and a migrated in-memory or temp-file database.
 * Not exported from `index.ts`: product code never needs them.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock } from '../log';
import { silentLogger } from '../log';
import { type Database, defaultMigrationsDir, openDatabase } from './connection';
import { createIdGenerator, type IdGenerator } from './ids';

/** A clock that stays where it is put; `advance` moves it. */
export const createFixedClock = (
  iso = '2025-03-14T15:00:00.000Z',
): Clock & { set: (iso: string) => void; advance: (ms: number) => void } => {
  let now = new Date(iso).getTime();
  return {
    now: () => new Date(now),
    set: (value) => {
      now = new Date(value).getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
};

export type TestDatabase = Database & {
  clock: ReturnType<typeof createFixedClock>;
  ids: IdGenerator;
};

/** A migrated database in memory; throws if it cannot open (a broken test setup). */
export const openTestDatabase = (clock = createFixedClock()): TestDatabase => {
  const opened = openDatabase(':memory:', { logger: silentLogger, clock });
  if (!opened.ok) throw new Error(opened.error.message);
  return { ...opened.value, clock, ids: createIdGenerator(clock) };
};

/** A fresh temp folder, removed by the returned `cleanup`. */
export const createTempDir = (prefix = 'mostrador-db-'): { dir: string; cleanup: () => void } => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

/** Copies the app's migrations folder into `dir/migrations` so a test can alter its copy. */
export const copyMigrations = (dir: string): string => {
  const target = path.join(dir, 'migrations');
  cpSync(defaultMigrationsDir(), target, { recursive: true });
  return target;
};
