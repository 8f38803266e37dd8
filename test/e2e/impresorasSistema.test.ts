import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/main/demo';
import { type FakeCups, startFakeCups } from '../fakes/cups';
import { type DemoApp, esperarTexto, openDemoApp, runAxe, seriousOrCritical } from './harness';

describe.skipIf(process.platform === 'win32')(
  'Ajustes › Impresoras ofrece las colas del sistema (CUPS falso en el PATH del host)',
  () => {
    let app: DemoApp;
    let cups: FakeCups;
    let page: Page;

    beforeAll(async () => {
      cups = startFakeCups();
      cups.setColas({
        TM20: 'printer TM20 is idle.  enabled since Wed 02 Dec 2026 10:00:00 -05',
        'POS-80': 'printer POS-80 is idle.  enabled since …\n\tPrinter is offline.',
      });
      app = await openDemoApp({ env: cups.env });
      ({ page } = app);
    });

    afterAll(async () => {
      await app?.close();
      cups?.close();
    });

    it('la cola se elige de la lista, con el estado de cada impresora', async () => {
      await page.keyboard.press('Alt+5');
      await page.getByTestId('ajustes-pestana-impresoras').click();
      await page.getByTestId('agregar-impresora').click();
      await page.getByRole('radio', { name: 'Impresora del sistema, PDF (A4 u 80 mm)' }).check();
      const campo = page.getByTestId('impresora-cola');
      await campo.waitFor();
      const listId = (await campo.getAttribute('list')) ?? '';
      const lista = page.locator(`datalist[id="${listId}"] option`);
      await lista.nth(1).waitFor({ state: 'attached' });
      expect(await lista.evaluateAll((os) => os.map((o) => o.getAttribute('label')))).toEqual([
        'TM20 (lista)',
        'POS-80 (apagada o desconectada)',
      ]);
      expect(cups.llamadas().map((l) => l.args.join(' '))).toEqual(['-e', '-p']);
      const axe = await runAxe(page);
      expect(seriousOrCritical(axe.violations)).toEqual([]);
    });

    it('una térmica USB del sistema se guarda como ESC/POS en crudo y la prueba sale por «lp -o raw»', async () => {
      await page.getByRole('radio', { name: /Impresora del sistema, ESC\/POS en crudo/ }).check();
      await page.getByTestId('impresora-cola').fill('TM20');
      await page.getByTestId('guardar-impresora').click();
      const dialogo = page.getByTestId('dialogo-autorizacion');
      await dialogo.waitFor();
      const supervisor = DEMO_USERS.find((u) => u.rol === 'supervisor');
      await dialogo.getByRole('radio', { name: new RegExp(supervisor?.nombre ?? '—') }).check();
      await dialogo.getByTestId('campo-pin').fill(supervisor?.pin ?? '');
      await dialogo.getByTestId('autorizar').click();
      const fila = page.getByTestId('impresora');
      await fila.waitFor();
      expect(await fila.textContent()).toContain('«TM20» del sistema, ESC/POS en crudo');

      const antes = cups.trabajos().length;
      await fila.getByTestId('probar-impresora').click();
      await esperarTexto(fila.getByTestId('impresora-prueba-nota'), 'salió por');
      const trabajo = cups.trabajos()[antes];
      expect(trabajo?.args).toEqual(['-d', 'TM20', '-o', 'raw']);
      // ESC @ and the cut: ESC/POS bytes, not a PDF.
      expect(Array.from(trabajo?.bytes ?? []).slice(0, 2)).toEqual([0x1b, 0x40]);
      expect(Buffer.from(trabajo?.bytes ?? []).includes(Buffer.from([0x1d, 0x56]))).toBe(true);
    });
  },
);
