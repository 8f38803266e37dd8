/**
 * Issue 17 acceptance in Chromium: `mostrador serve` started on a database with 64 bytes
 * overwritten in its `document` page shows the recovery screen (not the counter), restores the
 * last good backup by keyboard with the administrador's PIN, and the store sells again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/main/demo';
import { danarPaginaDocumentos } from '../fixtures/danar';
import { sell, startDemoApp } from '../integration/release-app';
import {
  eanDemo,
  type HostProcess,
  launchChromium,
  openWatchedPage,
  runAxe,
  screenshot,
  seriousOrCritical,
  startHost,
  type WatchedPage,
} from './harness';

describe('pantalla de recuperación en Chromium', () => {
  let browser: Browser;
  let host: HostProcess;
  let watched: WatchedPage;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mostrador-e2e-recuperacion-'));
    // 2 sales in the backup, 1 after it; then the file is damaged with the app closed.
    const { app } = await startDemoApp(dataDir, { importCertificate: false });
    for (let i = 0; i < 2; i++) await sell(app, 1);
    const taken = await app.call('respaldos.tomar', {}, 'interno');
    if (!taken.ok) throw new Error(taken.error.message);
    await sell(app, 1);
    await app.close();
    danarPaginaDocumentos(join(dataDir, 'mostrador.sqlite'));

    browser = await launchChromium();
    host = await startHost({ dataDir });
    watched = await openWatchedPage(browser);
  });
  afterAll(async () => {
    await watched?.close();
    await host?.stop();
    await browser?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('muestra qué pasó, restaura el último respaldo con el PIN por teclado y vuelve a vender', async () => {
    const { page } = watched;
    await page.goto(host.url);
    await page.getByTestId('recuperacion').waitFor();
    expect(await page.getByTestId('recuperacion-motivo').textContent()).toContain('dañada');
    const respaldo = (await page.getByTestId('recuperacion-respaldo').textContent()) ?? '';
    expect(respaldo).toContain('Último respaldo bueno');
    expect(respaldo).toContain('Le falta 1 comprobante emitido después');
    expect(await page.getByTestId('campo-escaneo').count()).toBe(0);
    expect(seriousOrCritical((await runAxe(page)).violations)).toEqual([]);
    await screenshot(page, 'recuperacion');

    // The PIN field has the focus; the only administrador is already chosen.
    const admin = DEMO_USERS.find((u) => u.rol === 'administrador');
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'PIN incorrecto' }).waitFor();
    await page.keyboard.type(admin?.pin ?? '');
    await page.keyboard.press('Enter');
    await page.getByTestId('recuperacion-hecho').waitFor();
    expect(await page.getByTestId('recuperacion-hecho').textContent()).toContain(
      'La base dañada se apartó',
    );
    await page.keyboard.press('Enter');

    await page.getByTestId('campo-escaneo').waitFor();
    await page.getByTestId('campo-escaneo').focus();
    await page.keyboard.type(eanDemo('Leche entera Vita'));
    await page.keyboard.press('Enter');
    await page.getByTestId('linea').first().waitFor();
    await page.keyboard.press('F12');
    await page.getByTestId('ultima-venta').waitFor();
    // 3 was issued before the damage: the restored store continues at 4, not 3 again.
    expect(await page.getByTestId('ultima-numero').textContent()).toContain('001-001-000000004');
  });
});
