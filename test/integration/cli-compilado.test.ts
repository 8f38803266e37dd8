/**
 * `bin/mostrador.mjs` runs the JavaScript build in out/cli: without it, it says in Spanish how
 * to build it and exits 1 (no stack trace); with it, it needs nothing from tsx.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'mostrador-cli-compilado-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bin/mostrador.mjs', () => {
  it('sin compilar: explica cómo compilar y sale con 1', () => {
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(repoRoot, 'bin', 'mostrador.mjs'), join(dir, 'bin', 'mostrador.mjs'));
    const result = spawnSync(process.execPath, [join(dir, 'bin', 'mostrador.mjs'), '--help'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Mostrador no está compilado');
    expect(result.stderr).toContain('npm run build:cli');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('compilado: corre sin tsx, que es solo una herramienta de desarrollo', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.devDependencies.tsx).toBeDefined();
    expect(readFileSync(join(repoRoot, 'bin', 'mostrador.mjs'), 'utf8')).not.toContain('tsx');
    const result = spawnSync(
      process.execPath,
      [join(repoRoot, 'bin', 'mostrador.mjs'), 'clave-acceso', '--validar', '1'.repeat(49)],
      { encoding: 'utf8' },
    );
    expect(result.stderr).not.toContain('no está compilado');
    expect(result.status).toBe(2);
  });
});
