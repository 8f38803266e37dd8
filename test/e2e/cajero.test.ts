import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  abrirTurno,
  callHost,
  type DemoApp,
  eanDemo,
  type HostProcess,
  openDemoApp,
  screenshot,
  type WatchedPage,
} from './harness';

const LECHE = eanDemo('Leche entera Vita');
const ARROZ = eanDemo('Arroz Gustadina');

/** The cashier's day at the counter (issue 20): what a cashier tripped over, one test each. */
describe('El día del cajero en Chromium contra «mostrador serve --demo»', () => {
  let app: DemoApp;
  let host: HostProcess;
  let watched: WatchedPage;
  let page: Page;

  const api = <T>(name: string, input: unknown): Promise<T> => callHost<T>(host, name, input);

  const escanear = async (codigo: string): Promise<void> => {
    await page.getByTestId('campo-escaneo').focus();
    await page.keyboard.type(codigo);
    await page.keyboard.press('Enter');
  };

  /** Polls main until `ok` holds (no fixed sleeps: each turn asks again). */
  const hasta = async <T>(leer: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => {
    const fin = Date.now() + 20_000;
    for (;;) {
      const v = await leer();
      if (ok(v)) return v;
      if (Date.now() > fin) throw new Error(`No se cumplió a tiempo: ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  /** A sale charged from the keyboard; returns its number. */
  const vender = async (): Promise<string> => {
    await escanear(LECHE);
    await escanear(ARROZ);
    await page.getByTestId('linea').nth(1).waitFor();
    const antes = await page
      .getByTestId('ultima-numero')
      .textContent()
      .catch(() => null);
    await page.keyboard.press('F12');
    await page.getByTestId('carrito-vacio').waitFor();
    const numero = page.getByTestId('ultima-numero');
    if (antes !== null) await numero.filter({ hasNotText: antes }).waitFor();
    return ((await numero.textContent()) ?? '').replace('Factura ', '');
  };

  /**
   * Whether the element is on screen with nothing scrolled: inside the viewport and not covered
   * (the point at its centre is the element or inside it).
   */
  const aLaVista = (testId: string): Promise<boolean> =>
    page.evaluate(`(() => {
      window.scrollTo(0, 0);
      for (const e of document.querySelectorAll('*')) if (e.scrollTop > 0) e.scrollTop = 0;
      const el = document.querySelector('[data-testid="${testId}"]');
      if (el === null) return false;
      const r = el.getBoundingClientRect();
      if (r.height === 0 || r.top < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth) return false;
      const punto = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return punto !== null && (el === punto || el.contains(punto));
    })()`);
  const tamanoLetra = (testId: string): Promise<number> =>
    page.evaluate(
      `parseFloat(getComputedStyle(document.querySelector('[data-testid="${testId}"]')).fontSize)`,
    );

  beforeAll(async () => {
    app = await openDemoApp();
    ({ host, watched, page } = app);
    // Selling needs an open cash shift (issue 15); these tests are about what follows a sale.
    await abrirTurno(host);
    await page.getByTestId('campo-escaneo').waitFor();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('las ventas recientes de Cobro siguen al SRI aunque el cajero esté en otra pantalla', async () => {
    await api('simulador.configurar', { caido: true });
    const numero = await vender();
    const fila = page.locator(`[data-testid="venta-reciente"][data-numero="${numero}"]`);
    const id = (await fila.getAttribute('data-documento-id')) ?? '';
    expect(await fila.getAttribute('data-estado')).not.toBe('AUTHORIZED');

    // The cashier goes to Conciliación; meanwhile the SRI comes back and authorizes the sale.
    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { level: 1, name: 'Conciliación' }).waitFor();
    await api('simulador.configurar', { caido: false });
    await hasta(
      () => api<{ estado: string }>('documentos.obtener', { id }),
      (d) => d.estado === 'AUTHORIZED',
    );
    await page.keyboard.press('Alt+1');
    await page.getByTestId('campo-escaneo').waitFor();
    await fila.and(page.locator('[data-estado="AUTHORIZED"]')).waitFor({ timeout: 5_000 });
    expect(watched.pageErrors).toEqual([]);
  });

  it('la cabecera dice «Sin conexión» en cuanto falla el envío de una venta, y la nota habla claro', async () => {
    await page.keyboard.press('Alt+5');
    await page.getByTestId('ajustes-pestana-capacitacion').click();
    await page.getByTestId('simulador-caer').click();
    const nota = page.getByTestId('simulador-nota');
    await nota.filter({ hasText: 'no responde' }).waitFor();
    expect(await nota.textContent()).not.toMatch(/Fallas activas|caido/);

    await page.keyboard.press('Alt+1');
    await page.getByTestId('campo-escaneo').waitFor();
    const estado = page.getByTestId('estado-sri');
    expect(await estado.textContent()).toContain('En línea');
    await vender();
    // The failed send flips it: no waiting for the next probe.
    await estado.filter({ hasText: 'Sin conexión' }).waitFor({ timeout: 3_000 });
    await api('simulador.configurar', { caido: false });
    await estado.filter({ hasText: 'En línea' }).waitFor({ timeout: 15_000 });
    expect(watched.pageErrors).toEqual([]);
  });

  for (const [ancho, alto] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    it(`a ${ancho}×${alto} el total, lo recibido y el vuelto se ven sin desplazar; el vuelto sigue grande tras F12`, async () => {
      await page.setViewportSize({ width: ancho, height: alto });
      await page.keyboard.press('Alt+1');
      await escanear(LECHE);
      await escanear(ARROZ);
      await escanear(eanDemo('Huevos de gallina'));
      await page.getByTestId('linea').nth(2).waitFor();
      await page.keyboard.press('F4');
      await page.keyboard.type('20');
      await page.keyboard.press('Enter');
      await page.getByTestId('vuelto').waitFor();
      for (const id of ['total', 'monto-recibido', 'pagado', 'vuelto', 'cobrar']) {
        expect(await aLaVista(id), `${id} a la vista`).toBe(true);
      }
      await page.keyboard.press('F12');
      await page.getByTestId('carrito-vacio').waitFor();
      for (const id of ['ultima-vuelto', 'ultima-total', 'campo-escaneo']) {
        expect(await aLaVista(id), `${id} a la vista tras F12`).toBe(true);
      }
      expect(await tamanoLetra('ultima-vuelto')).toBeGreaterThanOrEqual(32);
      await screenshot(page, `cobro-vuelto-${ancho}x${alto}`);
    });
  }

  it('precios con IVA a dos decimales, fechas dd/mm/aaaa y el foco donde se escribe', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.keyboard.press('Alt+1');
    await escanear(eanDemo('Coca-Cola'));
    const linea = page.locator('[data-testid="linea"]', { hasText: 'Coca-Cola' });
    await linea.waitFor();
    // $1.086957 + 15 % IVA: the shelf price.
    expect(await linea.getByTestId('linea-precio').textContent()).toBe('$1.25');
    await page.keyboard.press('F12');
    await page.getByTestId('carrito-vacio').waitFor();

    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { level: 1, name: 'Conciliación' }).waitFor();
    // The list is what the supervisor came for: the focus is there, and the dates read dd/mm/aaaa.
    await page.getByTestId('lista-documentos').and(page.locator(':focus')).waitFor();
    await page.getByTestId('lista-documentos').getByRole('option').first().waitFor();
    expect(await page.locator('[role="option"] .col-fecha').first().textContent()).toMatch(
      /^\d{2}\/\d{2}\/\d{4}$/,
    );
    expect(await page.getByTestId('filtro-desde').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await page.getByTestId('resumen-diario').textContent()).toMatch(
      /Totales del \d{2}\/\d{2}\/\d{4}/,
    );

    await page.keyboard.press('Alt+5');
    await page.getByTestId('ajustes-pestana-firma').and(page.locator(':focus')).waitFor();
    expect(watched.pageErrors).toEqual([]);
  });

  it('comprador nuevo sin nombre: el mensaje a la vista y el cursor en el nombre', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.keyboard.press('Alt+1');
    await page.getByTestId('campo-escaneo').focus();
    await page.keyboard.press('F3');
    await page.getByTestId('panel-comprador').waitFor();
    await page.keyboard.type('0912345675');
    await page.getByTestId('comprador-validacion').filter({ hasText: 'Comprador nuevo' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('comprador-error').waitFor();
    await page.getByTestId('comprador-nombre').and(page.locator(':focus')).waitFor();
    const r = await page.getByTestId('comprador-error').boundingBox();
    expect(r !== null && r.y >= 0 && r.y + r.height <= 768).toBe(true);
    await page.keyboard.press('Escape');
  });
});
