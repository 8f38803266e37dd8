import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  abrirTurno,
  callHost,
  type DemoApp,
  eanDemo,
  esperarEstadoDocumento,
  type HostProcess,
  openDemoApp,
  runAxe,
  screenshot,
  seriousOrCritical,
  type WatchedPage,
} from './harness';

const LECHE = eanDemo('Leche entera Vita');

describe('Conciliación en Chromium contra «mostrador serve --demo»', () => {
  let app: DemoApp;
  let host: HostProcess;
  let watched: WatchedPage;
  let page: Page;

  const api = <T>(name: string, input: unknown): Promise<T> => callHost<T>(host, name, input);

  const esperarEstado = (id: string, estado: string): Promise<void> =>
    esperarEstadoDocumento(host, id, estado);

  beforeAll(async () => {
    app = await openDemoApp();
    ({ host, watched, page } = app);
    // Selling needs an open cash shift (issue 15).
    await abrirTurno(host);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('un documento devuelto por el SRI se ve con su mensaje y, quitada la causa, el reintento lo autoriza con todo el historial', async () => {
    await api('simulador.configurar', { fallas: 'devuelta=56' });
    const { producto } = await api<{ producto: { id: string; precioUnitarioMicros: number } }>(
      'catalogo.escanear',
      { codigo: LECHE },
    );
    const cobro = await api<{ documentoId: string; numero: string }>('ventas.cobrar', {
      ventaId: randomUUID(),
      comprador: null,
      lineas: [
        {
          productoId: producto.id,
          cantidad: '1',
          precioUnitarioMicros: producto.precioUnitarioMicros,
        },
      ],
      pagos: [{ formaPago: '01', montoCentavos: 2000 }],
    });
    await esperarEstado(cobro.documentoId, 'MANUAL_REVIEW_REQUIRED');

    // Impossible to miss: the header says it on every screen.
    const cabecera = page.getByTestId('atascados-cabecera');
    await cabecera.waitFor({ timeout: 70_000 });
    expect(await cabecera.textContent()).toContain('1 en revisión manual');
    await screenshot(page, 'conciliacion-aviso-cabecera');

    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { level: 1, name: 'Conciliación' }).waitFor();
    expect(await page.getByTestId('atascados').textContent()).toContain(cobro.numero);
    await page.getByTestId('filtro-estado').selectOption('con_error');
    const fila = page.getByRole('option').filter({ hasText: cobro.numero });
    await fila.waitFor();
    expect(await fila.textContent()).toContain('56');
    await fila.click();
    const detalle = page.getByTestId('detalle-documento');
    await detalle.waitFor();
    expect(await page.getByTestId('detalle-estado').textContent()).toBe('Revisión manual');
    expect(await page.getByTestId('mensaje-sri').textContent()).toContain('56');
    await screenshot(page, 'conciliacion-revision-manual');

    await api('simulador.configurar', { fallas: '' });
    await page.getByTestId('reintentar').click();
    await page
      .getByTestId('detalle-estado')
      .filter({ hasText: /^Autorizado$/ })
      .waitFor({ timeout: 20_000 });
    const pasos = await page
      .getByTestId('historial')
      .locator('tbody tr td:nth-child(2)')
      .allTextContents();
    expect(pasos).toEqual([
      'Firmado',
      'Por enviar',
      'Enviado al SRI',
      'Revisión manual',
      'Recepción sin confirmar',
      'Reenvío programado',
      'Enviado al SRI',
      'Recibido por el SRI',
      'Esperando autorización',
      'Autorizado',
    ]);
    await page.getByTestId('atascados').waitFor({ state: 'detached' });
    await screenshot(page, 'conciliacion-autorizado');
    const { violations } = await runAxe(page);
    expect(seriousOrCritical(violations)).toEqual([]);
  });

  it('exporta los documentos filtrados en CSV para Excel', async () => {
    await page.getByTestId('filtro-estado').selectOption('');
    const [descarga] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('exportar-csv').click(),
    ]);
    const ruta = await descarga.path();
    const texto = await readFile(ruta, 'utf8');
    expect(descarga.suggestedFilename()).toMatch(/^documentos_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(texto.startsWith('\uFEFFFecha de emisión;Tipo;Número;')).toBe(true);
    expect(texto).toContain(';Factura;001-001-');
    expect(watched.pageErrors).toEqual([]);
  });
});
