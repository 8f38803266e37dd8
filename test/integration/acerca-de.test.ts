/**
 * Ajustes › Acerca de (`app.acercaDe`): the version and the third-party notices the package
 * ships (docs/release.md: SumatraPDF is GPLv3; its licence text and source offer must be
 * reachable from the app), read from the same `resources/licencias` the installer copies.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leerAvisosTerceros } from '../../src/main/recursos/licencias';
import type { AcercaDe } from '../../src/shared/contract/app';
import { type DemoApp, startDemoApp } from './release-app';

const dir = mkdtempSync(join(tmpdir(), 'mostrador-acerca-de-'));
let demo: DemoApp | null = null;
afterAll(async () => {
  await demo?.app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Acerca de', () => {
  it('dice la versión, los programas incluidos y dónde están sus licencias', async () => {
    demo = await startDemoApp(join(dir, 'datos'));
    const r = await demo.app.call('app.acercaDe', {}, 'ipc');
    if (!r.ok) throw new Error(r.error.message);
    const acerca = r.value as AcercaDe;
    const paquete = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'),
    );
    expect(acerca.version).toBe(paquete.version);
    expect(acerca.terceros).toContain('SumatraPDF');
    expect(acerca.terceros).toContain('https://github.com/sumatrapdfreader/sumatrapdf');
    expect(existsSync(join(acerca.carpetaLicencias, 'SumatraPDF-GPLv3.txt'))).toBe(true);
  });

  it('sin la carpeta de licencias lo dice en español', () => {
    const r = leerAvisosTerceros(dir);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'licencias_no_encontradas', message: expect.stringContaining('Reinstale') },
    });
  });
});
