import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/main/app';
import { createTempDir } from '../../src/main/db/testing';

let temp: ReturnType<typeof createTempDir>;
let child: ChildProcess | null = null;
beforeEach(() => {
  temp = createTempDir('mostrador-cableado-');
});
afterEach(() => {
  // A child still alive failed the test; do not leave it running.
  if (child !== null && child.exitCode === null) child.kill('SIGKILL');
  child = null;
  temp.cleanup();
});

/** Runs the child to its natural end; resolves with its exit code and stdout. */
const runChild = (dataDir: string): Promise<{ code: number | null; stdout: string }> =>
  new Promise((resolve, reject) => {
    const started = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'appWiringChild.ts'), dataDir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    child = started;
    let stdout = '';
    started.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    started.on('error', reject);
    started.on('exit', (code) => resolve({ code, stdout }));
  });

describe('createApp', () => {
  it('si un paso tardío del cableado falla, cierra la base y el proceso termina solo', async () => {
    // Nothing may keep the child alive: it must end by itself (the test's timeout is the
    // backstop that fails it otherwise).
    const { code, stdout } = await runChild(temp.dir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim())).toEqual({ error: 'actualizador roto', walLeft: false });
    // The database was created (the step that failed came after it) and closed cleanly.
    expect(existsSync(join(temp.dir, DATABASE_FILE))).toBe(true);
  }, 60_000);
});
