/**
 * `bin/mostrador.mjs` runs the JavaScript build in out/cli: without it, it says in Spanish how
 * to build it and exits 1 (no stack trace); with it, it needs nothing from tsx.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyComprobanteSignature } from '../../src/main/signing';
import { legacyP12, modernP12 } from '../fixtures/certs';
import { EJEMPLOS_DIR } from '../fixtures/paths';

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

  it('firmar carga node-forge solo para un .p12 antiguo (RC2), en su propio módulo', () => {
    // each command is its own bundle; forge lives in a chunk of firmar's, loaded on demand
    const comando = readFileSync(join(repoRoot, 'out', 'cli', 'commands', 'firmar.js'), 'utf8');
    expect(comando).not.toMatch(/pkcs12FromAsn1|aesCipherSuites/);
    expect(comando).toMatch(/import\("\.\/firmar\/legacyP12-[A-Z0-9]+\.js"\)/);
    for (const [nombre, fixture] of [
      ['moderno', modernP12({ ruc: '0992345675001' })],
      ['antiguo', legacyP12({ ruc: '0992345675001' })],
    ] as const) {
      const p12 = join(dir, `${nombre}.p12`);
      writeFileSync(p12, fixture.p12);
      const json = JSON.parse(readFileSync(join(EJEMPLOS_DIR, 'factura.json'), 'utf8'));
      const doc = join(dir, `${nombre}.json`);
      writeFileSync(doc, JSON.stringify({ ...json, issue_date: hoy() }));
      const salida = join(dir, `firmados-${nombre}`);
      const result = spawnSync(
        process.execPath,
        [
          join(repoRoot, 'bin', 'mostrador.mjs'),
          'firmar',
          '--p12',
          p12,
          '--password-env',
          'CLAVE_P12',
          '--out-dir',
          salida,
          doc,
        ],
        { encoding: 'utf8', env: { ...process.env, CLAVE_P12: fixture.password } },
      );
      expect(result.stderr, nombre).toBe('');
      expect(result.status, nombre).toBe(0);
      const [firmado] = readdirSync(salida);
      expect(firmado, nombre).toMatch(/^\d{49}\.xml$/);
      const xml = readFileSync(join(salida, firmado as string), 'utf8');
      expect(verifyComprobanteSignature(xml).ok, nombre).toBe(true);
    }
  });
});

describe('mostrador firmar compilado', () => {
  it('lee el JSON sin zod y lo carga solo para nombrar el problema de un documento inválido', () => {
    const comando = readFileSync(join(repoRoot, 'out', 'cli', 'commands', 'firmar.js'), 'utf8');
    expect(comando).toMatch(/import\("\.\/firmar\/documentInput-[A-Z0-9]+\.js"\)/);
    const fixture = modernP12({ ruc: '0992345675001' });
    const p12 = join(dir, 'para-json.p12');
    writeFileSync(p12, fixture.p12);
    const json = JSON.parse(readFileSync(join(EJEMPLOS_DIR, 'factura.json'), 'utf8'));
    delete json.numeric_code;
    const doc = join(dir, 'sin-codigo.json');
    writeFileSync(doc, JSON.stringify({ ...json, issue_date: hoy() }));
    const result = spawnSync(
      process.execPath,
      [join(repoRoot, 'bin', 'mostrador.mjs'), 'firmar', '--p12', p12, '--password-env', 'C', doc],
      { encoding: 'utf8', env: { ...process.env, C: fixture.password } },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/numeric_code: .*se esperaba texto/);
  });
});

/** Today in Ecuador (AAAA-MM-DD): the SRI's window refuses old issue dates. */
const hoy = (): string => new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 10);
