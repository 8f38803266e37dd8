import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCups, startFakeCups } from '../fakes/cups';
import { type DemoApp, openDemoApp, runAxe, seriousOrCritical } from './harness';

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
      await page.getByRole('radio', { name: 'Cola de impresión del sistema (PDF)' }).check();
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
  },
);
