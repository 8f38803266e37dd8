/**
 * Ajustes › Respaldos y archivo in Chromium against `mostrador serve --demo`: a copy on demand
 * appears in the list, restoring it asks for the administrador's PIN and is finished by the
 * next start, and the diagnostics and archive arrive as browser downloads.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/main/demo';
import {
  esperarTexto,
  type HostProcess,
  launchChromium,
  openWatchedPage,
  runAxe,
  screenshot,
  seriousOrCritical,
  startHost,
  type WatchedPage,
} from './harness';

const esperarTextoDe = (page: Page, testId: string, texto: string): Promise<string> =>
  esperarTexto(page.getByTestId(testId), texto);

const abrirRespaldos = async (page: Page): Promise<void> => {
  await page.keyboard.press('Alt+5');
  await page.getByTestId('ajustes-pestana-respaldos').click();
  await page.getByTestId('respaldos').waitFor();
};

describe('Respaldos en Chromium', () => {
  let browser: Browser;
  let host: HostProcess;
  let watched: WatchedPage;
  let dataDir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    // Our own folder: the host keeps it across the restart that finishes the restore.
    dataDir = await mkdtemp(join(tmpdir(), 'mostrador-e2e-respaldos-'));
    host = await startHost({ dataDir });
    watched = await openWatchedPage(browser);
    await watched.page.goto(host.url);
    await watched.page.getByTestId('campo-escaneo').waitFor();
  });
  afterAll(async () => {
    await watched?.close();
    await host?.stop();
    await browser?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('respalda a pedido, prepara la restauración con el PIN del administrador y la termina al reiniciar', async () => {
    const { page } = watched;
    await abrirRespaldos(page);
    const antes = await page.getByTestId('respaldo').count();
    await page.getByRole('button', { name: 'Respaldar ahora' }).click();
    await esperarTextoDe(page, 'respaldos-nota', 'Respaldo tomado.');
    expect(await page.getByTestId('respaldo').count()).toBe(antes + 1);
    const manual = page.locator('[data-testid="respaldo"][data-tipo="manual"]');
    expect(await manual.count()).toBe(1);
    const axe = await runAxe(page);
    expect(seriousOrCritical(axe.violations)).toEqual([]);
    await screenshot(page, 'ajustes-respaldos');

    await manual.getByRole('button', { name: 'Restaurar' }).click();
    const dialogo = page.getByTestId('dialogo-autorizacion');
    await dialogo.waitFor();
    const admin = DEMO_USERS.find((u) => u.rol === 'administrador');
    await dialogo.getByRole('radio', { name: new RegExp(admin?.nombre ?? '—') }).check();
    await dialogo.getByTestId('campo-pin').fill(admin?.pin ?? '');
    await dialogo.getByTestId('autorizar').click();
    await esperarTextoDe(page, 'respaldos-nota', 'vuelva a iniciarlo');

    await host.stop();
    host = await startHost({ dataDir });
    await page.goto(host.url);
    await page.getByTestId('campo-escaneo').waitFor();
    await abrirRespaldos(page);
    await esperarTextoDe(page, 'respaldos-aviso', 'Se restauró el respaldo');
    expect(
      await page.locator('[data-testid="respaldo"][data-tipo="antes_de_restaurar"]').count(),
    ).toBe(1);
    await screenshot(page, 'ajustes-respaldo-restaurado');
  });

  it('el diagnóstico llega como descarga ZIP', async () => {
    const { page } = watched;
    const descarga = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportar diagnóstico' }).click();
    const archivo = await descarga;
    expect(archivo.suggestedFilename()).toMatch(/^diagnostico-.*\.zip$/);
    const ruta = await archivo.path();
    const bytes = await readFile(ruta);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });
});
