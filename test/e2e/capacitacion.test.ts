import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  abrirTurno,
  callHost,
  type DemoApp,
  eanDemo,
  type HostProcess,
  openDemoApp,
  runAxe,
  screenshot,
  seriousOrCritical,
  type WatchedPage,
} from './harness';

const ARROZ = eanDemo('Arroz');

describe('Capacitación en Ajustes: el SRI simulado se cae y vuelve', () => {
  let app: DemoApp;
  let host: HostProcess;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    app = await openDemoApp();
    ({ host, watched, page } = app);
    // Selling needs an open cash shift (issue 15).
    await abrirTurno(host);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('con el SRI simulado caído se vende sin conexión y al volver la cola se vacía', async () => {
    await page.keyboard.press('Alt+5');
    await page.getByTestId('ajustes-pestana-capacitacion').click();
    await page.getByTestId('simulador-caer').click();
    await page.getByTestId('simulador-nota').filter({ hasText: 'no responde' }).waitFor();
    expect(seriousOrCritical((await runAxe(page)).violations)).toEqual([]);
    await screenshot(page, 'ajustes-capacitacion');

    const { producto } = await callHost<{ producto: { id: string; precioUnitarioMicros: number } }>(
      host,
      'catalogo.escanear',
      { codigo: ARROZ },
    );
    await callHost(host, 'ventas.cobrar', {
      ventaId: randomUUID(),
      comprador: null,
      lineas: [
        {
          productoId: producto.id,
          cantidad: '1',
          precioUnitarioMicros: producto.precioUnitarioMicros,
        },
      ],
      pagos: [{ formaPago: '01', montoCentavos: 1_000 }],
    });
    const estado = page.getByTestId('estado-sri');
    await estado.filter({ hasText: 'Sin conexión' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('cola-sri').filter({ hasText: /1$/ }).waitFor();

    await page.getByTestId('simulador-volver').click();
    await estado.filter({ hasText: 'En línea' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('cola-sri').filter({ hasText: /0$/ }).waitFor({ timeout: 15_000 });
    expect(watched.pageErrors).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });
});
