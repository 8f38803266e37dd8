import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HostProcess,
  launchChromium,
  openWatchedPage,
  runAxe,
  screenshot,
  seriousOrCritical,
  startHost,
  type WatchedPage,
} from './harness';

const pantallas = [
  { id: 'cobro', titulo: 'Cobro', teclas: 'Alt+1' },
  { id: 'notas-credito', titulo: 'Notas de crédito', teclas: 'Alt+2' },
  { id: 'conciliacion', titulo: 'Conciliación', teclas: 'Alt+3' },
  { id: 'caja', titulo: 'Caja', teclas: 'Alt+4' },
  { id: 'ajustes', titulo: 'Ajustes', teclas: 'Alt+5' },
  { id: 'reportes', titulo: 'Reportes', teclas: 'Alt+6' },
] as const;

/** The accessible name of the focused element, and its tag. */
const focused = (page: Page): Promise<string> =>
  page.evaluate<string>(
    `(() => { const e = document.activeElement; return e ? e.tagName + ':' + (e.textContent ?? '').trim() : ''; })()`,
  );

describe('marco de la aplicación en Chromium contra «mostrador serve --demo»', () => {
  let host: HostProcess;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    host = await startHost();
    browser = await launchChromium();
    watched = await openWatchedPage(browser);
    page = watched.page;
    await page.goto(host.url);
    await page.getByRole('heading', { level: 1, name: 'Cobro' }).waitFor();
  });

  afterAll(async () => {
    await watched?.close();
    await browser?.close();
    await host?.stop();
  });

  it('carga con la cabecera, el indicador del SRI, la cola y el aviso de pruebas', async () => {
    await expect(page.title()).resolves.toBe('Mostrador');
    expect(await page.getAttribute('html', 'lang')).toBe('es-EC');
    const estado = page.getByTestId('estado-sri');
    await estado.waitFor();
    // The demo's simulator reports its own connectivity; whichever it is, it is known.
    await page.waitForFunction(
      `!document.querySelector('[data-testid="estado-sri"]')?.textContent?.includes('Comprobando')`,
    );
    expect(await estado.textContent()).toMatch(/SRI(En línea|Sin conexión)/);
    const cola = page.getByTestId('cola-sri');
    expect(await cola.isVisible()).toBe(true);
    expect(await cola.textContent()).toMatch(/^Por enviar al SRI\d+$/);
    expect(await page.getByTestId('banner-ambiente').textContent()).toContain(
      'AMBIENTE DE PRUEBAS — los documentos no tienen validez tributaria',
    );
  });

  it('cambia el token de la dirección por una cookie HttpOnly: ni la barra ni la página lo ven', async () => {
    expect(page.url()).toBe(`${host.origin}/`);
    expect(
      await page.evaluate<string | null>(`sessionStorage.getItem('mostrador.token')`),
    ).toBeNull();
    expect(await page.evaluate<string>('document.cookie')).not.toContain(host.token);
  });

  it('en la página no existen require, process ni ipcRenderer', async () => {
    const tipos = await page.evaluate<string[]>(
      `[typeof require, typeof process, typeof ipcRenderer, typeof window.ipcRenderer, typeof module, typeof Buffer]`,
    );
    expect(tipos).toEqual(Array(6).fill('undefined'));
  });

  it('cada pantalla se abre desde el teclado, con el foco en su título y sin fallas de accesibilidad graves', async () => {
    // Start from another screen so Alt+1 is a real change too.
    await page.keyboard.press('Alt+5');
    await page.getByRole('heading', { level: 1, name: 'Ajustes' }).waitFor();
    for (const pantalla of pantallas) {
      await page.keyboard.press(pantalla.teclas);
      const titulo = page.getByRole('heading', { level: 1, name: pantalla.titulo });
      await titulo.waitFor();
      // The focus lands inside the screen (its heading, or the field a screen marks with
      // data-enfoque-inicial), never left behind on the navigation.
      expect(
        await page.evaluate<boolean>(
          `(() => {
            const main = document.querySelector('main[data-pantalla="${pantalla.id}"]');
            return main !== null && main !== document.activeElement && main.contains(document.activeElement);
          })()`,
        ),
        pantalla.titulo,
      ).toBe(true);
      expect(
        await page.getByTestId(`nav-${pantalla.id}`).getAttribute('aria-current'),
        pantalla.titulo,
      ).toBe('page');
      await screenshot(page, `pantalla-${pantalla.id}`);
      const axe = await runAxe(page);
      // axe really looked: rules ran and passed, so an empty list means something.
      expect(axe.rulesPassed).toBeGreaterThan(10);
      expect(seriousOrCritical(axe.violations), pantalla.titulo).toEqual([]);
    }
  });

  it('los atajos también funcionan con el foco en un botón', async () => {
    await page.getByTestId('nav-caja').focus();
    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { level: 1, name: 'Conciliación' }).waitFor();
  });

  it('F1 muestra el mapa de teclas y Esc lo cierra', async () => {
    await page.keyboard.press('F1');
    const dialogo = page.getByRole('dialog', { name: 'Atajos de teclado' });
    await dialogo.waitFor();
    expect(await dialogo.getByText('Abrir Notas de crédito').isVisible()).toBe(true);
    expect(await dialogo.getByText('Abrir Reportes').isVisible()).toBe(true);
    await screenshot(page, 'atajos-de-teclado');
    expect(seriousOrCritical((await runAxe(page)).violations)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialogo.waitFor({ state: 'hidden' });
    await page.keyboard.press('F1');
    await dialogo.waitFor();
    await page.keyboard.press('F1');
    await dialogo.waitFor({ state: 'hidden' });
  });

  it('F1 pulsada tres veces seguidas deja el mapa de teclas abierto', async () => {
    // Open, close and open again before the browser delivers the first close event: that late
    // event must not close the dialog the third press opened.
    await page.evaluate(`(async () => {
      const f1 = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F1', code: 'F1', bubbles: true }));
      const dialogo = document.querySelector('[data-testid="dialogo-atajos"]');
      const cerrado = new Promise((r) => dialogo.addEventListener('close', r, { once: true }));
      const dosCuadros = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      f1(); await Promise.resolve(); f1(); await Promise.resolve(); f1();
      await cerrado;
      // Whatever the late close event sets is rendered by the second frame after it.
      await dosCuadros();
    })()`);
    const dialogo = page.getByRole('dialog', { name: 'Atajos de teclado' });
    expect(await dialogo.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await dialogo.waitFor({ state: 'hidden' });
  });

  it('Esc y enseguida F1 vuelven a abrir el mapa de teclas', async () => {
    await page.keyboard.press('F1');
    const dialogo = page.getByRole('dialog', { name: 'Atajos de teclado' });
    await dialogo.waitFor();
    // requestClose() is what Esc does (cancel, then close unless prevented); F1 comes in the
    // same task, before any close event. Then wait for that event, if the dialog sends one.
    await page.evaluate(`(async () => {
      const dialogo = document.querySelector('[data-testid="dialogo-atajos"]');
      const cerrado = new Promise((r) => dialogo.addEventListener('close', r, { once: true }));
      const dosCuadros = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      dialogo.requestClose();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F1', code: 'F1', bubbles: true }));
      // The close event, if any, is a task queued by requestClose(): it has run two frames later,
      // and what it set is rendered two frames after that.
      await Promise.race([cerrado, dosCuadros()]);
      await dosCuadros();
    })()`);
    expect(await dialogo.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await dialogo.waitFor({ state: 'hidden' });
  });

  it('un atajo de pantalla con la ayuda abierta la cierra y deja el foco en la pantalla nueva', async () => {
    await page.keyboard.press('F1');
    const dialogo = page.getByRole('dialog', { name: 'Atajos de teclado' });
    await dialogo.waitFor();
    await page.keyboard.press('Alt+2');
    await dialogo.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 1, name: 'Notas de crédito' }).waitFor();
    // The screen decides where work starts (its search field, or its title): inside it.
    expect(
      await page.evaluate<boolean>(
        `document.querySelector('main[data-pantalla]')?.contains(document.activeElement) ?? false`,
      ),
    ).toBe(true);
  });

  it('Tab recorre primero el enlace para saltar, el cambio de usuario y luego las pantallas en orden', async () => {
    await page.goto(`${host.origin}/`);
    await page.getByRole('heading', { level: 1, name: 'Cobro' }).waitFor();
    // Cobro puts the focus in its scan field; start the Tab walk from the top of the document.
    await page.evaluate(
      `(() => { const inicio = document.createElement('span'); inicio.tabIndex = -1; document.body.prepend(inicio); inicio.focus(); inicio.remove(); })()`,
    );
    const recorrido: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      recorrido.push(await focused(page));
    }
    expect(recorrido).toEqual([
      'A:Saltar al contenido',
      'BUTTON:Cambiar usuario',
      'BUTTON:CobroAlt+1',
      'BUTTON:Notas de créditoAlt+2',
      'BUTTON:ConciliaciónAlt+3',
      'BUTTON:CajaAlt+4',
      'BUTTON:AjustesAlt+5',
      'BUTTON:ReportesAlt+6',
    ]);
  });

  it('al recargar sigue funcionando con el token guardado en la sesión', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Cobro' }).waitFor();
    await page.waitForFunction(
      `/Por enviar al SRI\\d/.test(document.querySelector('[data-testid="cola-sri"]')?.textContent ?? '')`,
    );
    expect(await page.getByTestId('aviso').count()).toBe(0);
  });

  it('no hubo errores de consola ni excepciones en la página', () => {
    expect(watched.pageErrors).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });

  it('con un token equivocado explica en español qué hacer', async () => {
    const otra = await openWatchedPage(browser);
    try {
      await otra.page.goto(`${host.origin}/?token=equivocado`);
      const aviso = otra.page.getByTestId('aviso').first();
      await aviso.waitFor();
      expect(await aviso.textContent()).toContain(
        'Abra de nuevo la dirección completa que muestra la terminal',
      );
      // A refused session is not a lost connection: no «reintentando» banner.
      expect(await otra.page.getByTestId('aviso-conexion-local').count()).toBe(0);
      await screenshot(otra.page, 'token-equivocado');
      expect(otra.pageErrors).toEqual([]);
      // Chromium logs the refused requests: proof the console watch above really listens.
      expect(otra.consoleErrors.some((e) => e.includes('401'))).toBe(true);
    } finally {
      await otra.close();
    }
  });

  // Last: it stops the service the other tests use.
  it('si el servicio local se detiene, la página lo dice y sigue mostrando lo último conocido', async () => {
    await page.getByTestId('estado-sri').waitFor();
    await host.stop();
    const aviso = page.getByTestId('aviso-conexion-local');
    await aviso.waitFor({ timeout: 15_000 });
    expect(await aviso.textContent()).toContain('Se perdió la conexión con el servicio local');
    expect(await page.getByTestId('cola-sri').textContent()).toMatch(/^Por enviar al SRI\d+$/);
    expect(await page.getByTestId('indicadores-desactualizados').isVisible()).toBe(true);
    await screenshot(page, 'servicio-detenido');
  });
});
