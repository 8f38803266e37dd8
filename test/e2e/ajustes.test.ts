/**
 * Ajustes and the first-run welcome in Chromium against `mostrador serve`: a fresh store set up
 * step by step with the keyboard, and on the demo store the sections by arrow keys, a printer
 * added with a supervisor's PIN whose test page reaches a fake printer and, once it is off,
 * reports where it does not answer, the restaurant and location saved (a cancelled approval
 * keeps what was typed) and the RIDE logo. Screens are checked with axe.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/main/demo';
import { type FakePrinter, startFakePrinter } from '../fakes/printer';
import { modernP12 } from '../fixtures/certs';
import {
  callHost,
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

const RUC = '1790016919001';

const sinFallasGraves = async (page: Page): Promise<void> => {
  const axe = await runAxe(page);
  expect(axe.rulesPassed).toBeGreaterThan(0);
  expect(seriousOrCritical(axe.violations)).toEqual([]);
};

describe('Ajustes en Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('bienvenida de una tienda nueva', () => {
    let host: HostProcess;
    let watched: WatchedPage;
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'mostrador-e2e-bienvenida-'));
      host = await startHost({ demo: false });
      watched = await openWatchedPage(browser);
    });
    afterAll(async () => {
      await watched?.close();
      await host?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it('configura administrador, emisor, punto de emisión y firma con el teclado y abre la caja', async () => {
      const { page } = watched;
      const aprobarComoAdministradora = async () => {
        const dialogo = page.getByTestId('dialogo-autorizacion');
        await dialogo.waitFor();
        await dialogo.getByTestId('campo-pin').fill('2468');
        await dialogo.getByTestId('campo-pin').press('Enter');
        await dialogo.waitFor({ state: 'hidden' });
      };
      await page.goto(host.url);
      await page.getByTestId('bienvenida').waitFor();
      await sinFallasGraves(page);
      await screenshot(page, 'bienvenida-administrador');

      await page.getByLabel('Su nombre').fill('Lucía Ñauta');
      await page.getByLabel('PIN (4 a 8 dígitos)').fill('2468');
      await page.getByLabel('Repita el PIN').fill('2468');
      await page.keyboard.press('Enter');

      await page.getByTestId('form-emisor').waitFor();
      await page.getByLabel('RUC').fill(RUC);
      await page.getByLabel('Razón social').fill('Comercial Ñandú S.A.');
      await page.getByLabel('Dirección matriz').fill('Av. Amazonas N24-03, Quito');
      await page.getByLabel('Obligado a llevar contabilidad').check();
      await page.getByLabel('Razón social').press('Enter');
      await aprobarComoAdministradora();

      await page.getByTestId('form-punto').waitFor();
      await page.getByLabel('Dirección del establecimiento').fill('Calle Sucre 10, Cuenca');
      await page.getByLabel('Dirección del establecimiento').press('Enter');
      await aprobarComoAdministradora();

      await page.getByTestId('seccion-firma').waitFor();
      await sinFallasGraves(page);
      await screenshot(page, 'bienvenida-firma');
      const p12 = modernP12({ ruc: RUC, razonSocial: 'Comercial Ñandú S.A.' });
      const archivo = join(dir, 'firma.p12');
      await writeFile(archivo, p12.p12);
      await page.getByTestId('certificado-archivo').setInputFiles(archivo);
      await page.getByTestId('certificado-clave').fill(p12.password);
      // The welcome keeps no PIN (issue 15): each step is approved with a single-use code.
      await page.getByTestId('certificado-clave').press('Enter');
      await aprobarComoAdministradora();

      await page.getByTestId('form-impresora').waitFor();
      await page.getByTestId('bienvenida-omitir').click();
      await page.getByTestId('bienvenida-listo').waitFor();
      const listo = (await page.getByTestId('bienvenida-listo').textContent()) ?? '';
      expect(listo).toContain('Comercial Ñandú S.A.');
      expect(listo).toContain('001-001');
      await screenshot(page, 'bienvenida-lista');

      await page.getByTestId('bienvenida-terminar').click();
      await page.getByTestId('campo-escaneo').waitFor();
      expect(await page.getByTestId('usuario-actual').textContent()).toContain('Lucía Ñauta');
      const estado = (await (
        await fetch(`${host.origin}/api/call/app.estado`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).json()) as { value: { tienda: { ruc: string; establecimiento: string } | null } };
      expect(estado.value.tienda).toMatchObject({ ruc: RUC, establecimiento: '001' });
      expect(watched.pageErrors).toEqual([]);
    });
  });

  describe('tienda de demostración', () => {
    let host: HostProcess;
    let watched: WatchedPage;
    let printer: FakePrinter;

    beforeAll(async () => {
      host = await startHost();
      printer = await startFakePrinter();
      watched = await openWatchedPage(browser);
      await watched.page.goto(host.url);
      await watched.page.getByTestId('campo-escaneo').waitFor();
    });
    afterAll(async () => {
      await watched?.close();
      await printer?.close();
      await host?.stop();
    });

    it('las secciones se recorren con las flechas y muestran el emisor, el ambiente y los secuenciales', async () => {
      const { page } = watched;
      await page.keyboard.press('Alt+5');
      const firma = page.getByTestId('ajustes-pestana-firma');
      await firma.waitFor();
      await firma.focus();
      await page.keyboard.press('ArrowDown');
      await page.getByTestId('seccion-emisor').waitFor();
      expect(await page.evaluate<string>('document.activeElement?.id ?? ""')).toBe(
        'ajustes-pestana-emisor',
      );
      expect(await page.getByTestId('ambiente-actual').textContent()).toContain('Pruebas');
      expect(await page.getByTestId('secuencial').count()).toBe(2);
      await sinFallasGraves(page);
      await screenshot(page, 'ajustes-emisor');
    });

    it('agrega una impresora con el PIN de un supervisor; la prueba imprime y, apagada, dice dónde no responde', async () => {
      const { page } = watched;
      await page.getByTestId('ajustes-pestana-impresoras').click();
      await page.getByTestId('agregar-impresora').click();
      await page.getByTestId('impresora-host').fill('127.0.0.1');
      await page.getByTestId('impresora-puerto').fill(String(printer.port));
      await page.getByTestId('guardar-impresora').click();
      const dialogo = page.getByTestId('dialogo-autorizacion');
      await dialogo.waitFor();
      const supervisor = DEMO_USERS.find((u) => u.rol === 'supervisor');
      await dialogo.getByRole('radio', { name: new RegExp(supervisor?.nombre ?? '—') }).check();
      await dialogo.getByTestId('campo-pin').fill(supervisor?.pin ?? '');
      await dialogo.getByTestId('autorizar').click();
      const fila = page.getByTestId('impresora');
      await fila.waitFor();
      expect(await fila.textContent()).toContain(`127.0.0.1:${printer.port}`);

      await fila.getByTestId('probar-impresora').click();
      const nota = fila.getByTestId('impresora-prueba-nota');
      await printer.waitForJobs(1);
      await esperarTexto(nota, 'salió por');
      await sinFallasGraves(page);
      await screenshot(page, 'ajustes-impresoras');

      await printer.stop();
      await fila.getByTestId('probar-impresora').click();
      await esperarTexto(nota, `La impresora no responde en 127.0.0.1:${printer.port}`);
      expect(await nota.getAttribute('data-tipo')).toBe('error');
      await screenshot(page, 'ajustes-impresora-apagada');
    });

    it('restaurante y ubicación: cerrar el diálogo no pierde lo escrito; con el PIN del administrador se guarda', async () => {
      const { page } = watched;
      await page.getByTestId('ajustes-pestana-local').click();
      const seccion = page.getByTestId('seccion-local');
      await seccion.waitFor();
      await page.getByTestId('local-restaurante').check();
      await seccion.getByLabel('Provincia').fill(' Manabí ');
      await seccion.getByLabel('Cantón').fill('Manta');
      await seccion.getByRole('button', { name: 'Guardar' }).click();
      const dialogo = page.getByTestId('dialogo-autorizacion');
      await dialogo.waitFor();
      await dialogo.getByRole('button', { name: 'Cancelar' }).click();
      await dialogo.waitFor({ state: 'detached' });
      expect(await page.getByTestId('local-nota').count()).toBe(0);
      expect(await page.getByTestId('local-restaurante').isChecked()).toBe(true);
      expect(await seccion.getByLabel('Cantón').inputValue()).toBe('Manta');
      expect(await seccion.getByRole('button', { name: 'Guardar' }).isEnabled()).toBe(true);

      await seccion.getByRole('button', { name: 'Guardar' }).click();
      await dialogo.waitFor();
      const admin = DEMO_USERS.find((u) => u.rol === 'administrador');
      await dialogo.getByRole('radio', { name: new RegExp(admin?.nombre ?? '—') }).check();
      await dialogo.getByTestId('campo-pin').fill(admin?.pin ?? '');
      await dialogo.getByTestId('autorizar').click();
      await esperarTexto(page.getByTestId('local-nota'), 'Guardado.');
      expect(await callHost(host, 'ajustes.local', {})).toEqual({
        esRestaurante: true,
        provincia: 'Manabí',
        canton: 'Manta',
      });

      // Another section and back: the form shows what was saved, the old note is gone.
      await page.getByTestId('ajustes-pestana-balanza').click();
      await page.getByTestId('seccion-balanza').waitFor();
      await page.getByTestId('ajustes-pestana-local').click();
      await seccion.waitFor();
      expect(await page.getByTestId('local-nota').count()).toBe(0);
      expect(await seccion.getByLabel('Provincia').inputValue()).toBe('Manabí');
    });

    it('el logo del RIDE: con el PIN de un supervisor se guarda; una imagen dañada se explica; cancelar no quita nada', async () => {
      const { page } = watched;
      await page.getByTestId('ajustes-pestana-impresoras').click();
      const logo = page.getByTestId('logo');
      await logo.waitFor();
      const supervisor = DEMO_USERS.find((u) => u.rol === 'supervisor');
      const dialogo = page.getByTestId('dialogo-autorizacion');
      const autorizar = async (): Promise<void> => {
        await dialogo.waitFor();
        await dialogo.getByRole('radio', { name: new RegExp(supervisor?.nombre ?? '—') }).check();
        await dialogo.getByTestId('campo-pin').fill(supervisor?.pin ?? '');
        await dialogo.getByTestId('autorizar').click();
      };
      const archivo = logo.locator('input[type="file"]');
      // A 1×1 PNG.
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        'base64',
      );
      await archivo.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
      await autorizar();
      await esperarTexto(page.getByTestId('logo-nota'), 'Logo guardado: sale en el RIDE.');
      await logo.getByRole('img', { name: 'Logo actual de la tienda' }).waitFor();

      await archivo.setInputFiles({
        name: 'roto.png',
        mimeType: 'image/png',
        buffer: Buffer.concat([png.subarray(0, 16), Buffer.alloc(16)]),
      });
      await autorizar();
      const nota = page.getByTestId('logo-nota');
      await esperarTexto(nota, 'El logo está dañado: no se puede leer la imagen.');
      expect(await nota.getAttribute('data-tipo')).toBe('error');
      await logo.getByRole('img', { name: 'Logo actual de la tienda' }).waitFor();

      await logo.getByRole('button', { name: 'Quitar el logo' }).click();
      await dialogo.waitFor();
      await dialogo.getByRole('button', { name: 'Cancelar' }).click();
      await dialogo.waitFor({ state: 'detached' });
      expect(await page.getByTestId('logo-nota').count()).toBe(0);
      expect(await callHost<{ tipo: string | null }>(host, 'ajustes.logo', {})).toMatchObject({
        tipo: 'image/png',
      });
    });
  });
});
