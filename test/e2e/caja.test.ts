import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callHost,
  centavos,
  type DemoApp,
  eanDemo,
  type HostProcess,
  openDemoApp,
  runAxe,
  screenshot,
  seriousOrCritical,
  type WatchedPage,
} from './harness';

const run = promisify(execFile);
const LECHE = eanDemo('Leche entera Vita');

describe('Caja en Chromium contra «mostrador serve --demo»', () => {
  let app: DemoApp;
  let host: HostProcess;
  let watched: WatchedPage;
  let page: Page;

  const api = <T>(name: string, input: unknown): Promise<T> => callHost<T>(host, name, input);

  beforeAll(async () => {
    app = await openDemoApp();
    ({ host, watched, page } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('Enter en una denominación pasa a la siguiente; cerrar pide confirmación y, fuera del margen, al supervisor', async () => {
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { level: 1, name: 'Caja' }).waitFor();
    // The fund field has the focus: the cashier just types.
    await page.getByTestId('fondo').and(page.locator(':focus')).waitFor();
    await page.keyboard.type('50');
    await page.keyboard.press('Enter');
    await page.getByTestId('turno').waitFor();
    expect(await page.getByTestId('mensaje-caja').textContent()).toContain(
      'Turno 1 abierto con $50.00 de fondo.',
    );
    // Nothing counted yet: no shortage in red.
    expect(await page.getByTestId('diferencia').textContent()).toBe('Sin contar todavía');
    expect(await page.getByTestId('turno').textContent()).not.toContain('−$0.00');
    // After opening, the focus is on the first denomination, ready for the count.
    await page.getByTestId('conteo-b100').and(page.locator(':focus')).waitFor();

    await page.getByTestId('conteo-b20').focus();
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    // Enter moved on to the $10 bills; the shift is still open and no Z was made.
    await page.getByTestId('conteo-b10').and(page.locator(':focus')).waitFor();
    expect(await page.getByTestId('reporte-z').count()).toBe(0);
    expect((await api<{ turno: unknown }>('caja.estado', {})).turno).not.toBeNull();

    // Closing is its own button, with the figures said once more.
    await page.getByTestId('cerrar-turno').click();
    const confirmacion = page.getByTestId('dialogo-cierre');
    await confirmacion.waitFor();
    expect(await page.getByTestId('confirmar-contado').textContent()).toBe('$20.00');
    expect(await page.getByTestId('confirmar-esperado').textContent()).toBe('$50.00');
    expect(await page.getByTestId('confirmar-diferencia').textContent()).toBe('-$30.00 (faltante)');
    expect(await page.getByTestId('aviso-supervisor').textContent()).toContain('supervisor');
    await page.getByTestId('confirmar-cierre').click();
    const dialogo = page.locator('[data-testid="dialogo-autorizacion"][open]');
    await dialogo.waitFor();
    // Esc backs out: the shift stays open.
    await page.keyboard.press('Escape');
    await dialogo.waitFor({ state: 'hidden' });
    expect((await api<{ turno: unknown }>('caja.estado', {})).turno).not.toBeNull();

    await page.getByTestId('cerrar-turno').click();
    await page.getByTestId('confirmar-cierre').click();
    await dialogo.waitFor();
    await dialogo.getByRole('radio', { name: /Jorge Cedeño/ }).check();
    await dialogo.getByTestId('campo-pin').fill('5678');
    await page.keyboard.press('Enter');
    const z = page.getByTestId('reporte-z');
    await z.waitFor();
    const texto = (await z.textContent()) ?? '';
    expect(texto).toContain('-$30.00');
    // The shift by its number and who opened it, not an internal id.
    expect(texto).toMatch(/Turno: 1 \(\S[^)]*\)/);
    expect(watched.pageErrors).toEqual([]);
  });

  it('abre el turno, retira con PIN de supervisor, avisa de pendientes y cierra con un Z que cuadra', async () => {
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { level: 1, name: 'Caja' }).waitFor();
    await page.getByTestId('fondo').fill('50');
    await page.getByTestId('abrir-turno').click();
    await page.getByTestId('turno').waitFor();

    // Two sales while the SRI is down: one in cash, one by card.
    await api('simulador.configurar', { caido: true });
    const { producto } = await api<{ producto: { id: string; precioUnitarioMicros: number } }>(
      'catalogo.escanear',
      { codigo: LECHE },
    );
    const linea = {
      productoId: producto.id,
      cantidad: '3',
      precioUnitarioMicros: producto.precioUnitarioMicros,
    };
    const { totales } = await api<{ totales: { totalCentavos: number } }>('ventas.calcular', {
      comprador: null,
      lineas: [linea],
      pagos: [],
    });
    const total = totales.totalCentavos;
    for (const formaPago of ['01', '19']) {
      await api('ventas.cobrar', {
        ventaId: randomUUID(),
        comprador: null,
        lineas: [linea],
        pagos: [{ formaPago, montoCentavos: formaPago === '01' ? total + 100 : total }],
      });
    }
    const esperado = 5000 + total - 2000;
    // The screen follows the sales by itself (document events).
    await page
      .getByTestId('esperado')
      .filter({ hasText: `$${((5000 + total) / 100).toFixed(2)}` })
      .waitFor({ timeout: 10_000 });

    await page.getByTestId('monto-movimiento').fill('20');
    await page.getByTestId('motivo-movimiento').fill('Depósito en el banco');
    await page.getByTestId('registrar-movimiento').click();
    const dialogo = page.locator('[data-testid="dialogo-autorizacion"][open]');
    await dialogo.waitFor();
    await dialogo.getByRole('radio', { name: /Jorge Cedeño/ }).check();
    await dialogo.getByTestId('campo-pin').fill('5678');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="dialogo-autorizacion"][open]').waitFor({ state: 'hidden' });
    expect(centavos(await page.getByTestId('esperado').textContent())).toBe(esperado);

    // Count: one $20 bill, one $5 bill, and 1 ¢ coins up to 37 ¢ short.
    await page.getByTestId('conteo-b20').fill('1');
    await page.getByTestId('conteo-b5').fill('1');
    await page.getByTestId('conteo-m1').fill(String(esperado - 2500 - 37));
    const contado = esperado - 37;
    expect(centavos(await page.getByTestId('contado').textContent())).toBe(contado);
    expect(await page.getByTestId('diferencia').textContent()).toBe('-$0.37 (faltante)');
    expect(await page.getByTestId('aviso-pendientes').textContent()).toContain(
      '2 documentos por enviar al SRI',
    );
    await screenshot(page, 'caja-cierre');

    // The confirmation asks to close despite the pending documents; the difference is within
    // the store's margin, so no supervisor.
    await page.getByTestId('cerrar-turno').click();
    await page.getByTestId('dialogo-cierre').waitFor();
    expect(await page.getByTestId('aviso-supervisor').count()).toBe(0);
    expect(await page.getByTestId('confirmar-cierre').isDisabled()).toBe(true);
    await page.getByLabel('Cerrar de todos modos').check();
    await page.getByTestId('confirmar-cierre').click();
    const z = page.getByTestId('reporte-z');
    await z.waitFor();
    const texto = (await z.textContent()) ?? '';
    expect(texto).toContain('Facturas (2)');
    expect(texto).toContain(`$${((2 * total) / 100).toFixed(2)}`);
    expect(texto).toMatch(/Salida: Depósito en el banco\s+-\$20\.00/);
    expect(texto).toContain(`$${(esperado / 100).toFixed(2)}`);
    expect(texto).toContain('-$0.37');
    await screenshot(page, 'caja-reporte-z');

    const [descarga] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('descargar-z').click(),
    ]);
    const pdf = await descarga.path();
    const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
    expect(stdout).toContain('REPORTE Z');
    expect(stdout).toMatch(/Facturas \(2\)\s+\$/);
    expect(stdout).toContain('-$0.37');
    const { violations } = await runAxe(page);
    expect(seriousOrCritical(violations)).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
    await api('simulador.configurar', { caido: false });
  });
});
