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
    const dialogo = page.getByTestId('dialogo-autorizacion');
    await dialogo.waitFor();
    await dialogo.getByRole('radio', { name: /Jorge Cedeño/ }).check();
    await dialogo.getByTestId('campo-pin').fill('5678');
    await page.keyboard.press('Enter');
    await page.getByTestId('dialogo-autorizacion').waitFor({ state: 'hidden' });
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

    // Without confirming, main refuses; after ticking the box, it closes.
    await page.getByTestId('cerrar-turno').click();
    expect(await page.getByTestId('error-cierre').textContent()).toContain('por enviar al SRI');
    await page.getByLabel('Cerrar de todos modos').check();
    await page.getByTestId('cerrar-turno').click();
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
