import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  abrirTurno,
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

const LECHE = eanDemo('Leche entera Vita');

describe('Reportes en Chromium contra «mostrador serve --demo»', () => {
  let app: DemoApp;
  let host: HostProcess;
  let watched: WatchedPage;
  let page: Page;
  /** What the sales of this test add up to, in cents. */
  let vendido = 0;

  const api = <T>(name: string, input: unknown): Promise<T> => callHost<T>(host, name, input);

  beforeAll(async () => {
    app = await openDemoApp();
    ({ host, watched, page } = app);
    // Selling needs an open cash shift (issue 15).
    await abrirTurno(host);
    const { producto } = await api<{ producto: { id: string; precioUnitarioMicros: number } }>(
      'catalogo.escanear',
      { codigo: LECHE },
    );
    for (const cantidad of ['1', '3']) {
      const cobro = await api<{ totales: { totalCentavos: number } }>('ventas.cobrar', {
        ventaId: randomUUID(),
        comprador: null,
        lineas: [
          {
            productoId: producto.id,
            cantidad,
            precioUnitarioMicros: producto.precioUnitarioMicros,
          },
        ],
        pagos: [{ formaPago: '01', montoCentavos: 5000 }],
      });
      vendido += cobro.totales.totalCentavos;
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('el cajero no ve las cifras: Reportes pide un supervisor', async () => {
    await page.keyboard.press('Alt+6');
    await page.getByRole('heading', { level: 1, name: 'Reportes' }).waitFor();
    const mensaje = page.getByTestId('reportes-mensaje');
    await mensaje.waitFor();
    expect(await mensaje.textContent()).toContain('supervisor o un administrador');
    expect(await page.getByTestId('reportes-cuerpo').count()).toBe(0);
  });

  it('con el supervisor: se abre con el teclado, cambia de periodo y cada gráfico tiene su tabla', async () => {
    const usuarios = await api<{ id: string; nombre: string }[]>('usuarios.listar', {});
    const jorge = usuarios.find((u) => u.nombre === 'Jorge Cedeño');
    await api('sesion.iniciar', { usuarioId: jorge?.id, pin: '5678' });
    await page.keyboard.press('Alt+1');
    await page.getByRole('heading', { level: 1, name: 'Cobro' }).waitFor();
    await page.keyboard.press('Alt+6');
    await page.getByRole('heading', { level: 1, name: 'Reportes' }).waitFor();
    // The focus lands on the first control the user changes: the period.
    await expect
      .poll(() =>
        page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid') ?? null"),
      )
      .toBe('reportes-periodo');
    const cuerpo = page.getByTestId('reportes-cuerpo');
    await cuerpo.waitFor();
    const hoy = await cuerpo.getAttribute('data-desde');
    expect(await cuerpo.getAttribute('data-hasta')).toBe(hoy);
    const totalDia = page.getByTestId('tabla-ventas-dia').locator('tfoot td').nth(1);
    expect(centavos(await totalDia.textContent())).toBe(vendido);

    // Arrow keys on the focused select move through the periods.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('reportes-periodo').inputValue()).toBe('semana');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('reportes-periodo').inputValue()).toBe('mes');
    await expect
      .poll(() => cuerpo.getAttribute('data-desde'))
      .toBe(`${(hoy ?? '').slice(0, 7)}-01`);
    expect(centavos(await totalDia.textContent())).toBe(vendido);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('reportes-periodo').inputValue()).toBe('mes_anterior');
    await expect.poll(() => cuerpo.getAttribute('data-hasta')).not.toBe(hoy);
    await page.getByTestId('reportes-periodo').selectOption('mes');
    await expect
      .poll(() => cuerpo.getAttribute('data-desde'))
      .toBe(`${(hoy ?? '').slice(0, 7)}-01`);

    // Drawn as SVG (no canvas, nothing the CSP refuses), each beside its table.
    for (const id of ['ventas-hora', 'ventas-dia']) {
      await page.getByTestId(`grafico-${id}`).locator('svg').first().waitFor();
      expect(await page.getByTestId(`tabla-${id}`).isVisible()).toBe(true);
    }
    expect(await page.getByTestId('tabla-productos-monto').textContent()).toContain('Leche');
    expect(await page.getByTestId('tabla-cajeros').textContent()).toContain('Andrea Mendoza');
    expect(await page.getByTestId('bloque-tributario').isVisible()).toBe(true);
    await screenshot(page, 'reportes-mes');
    const { violations } = await runAxe(page);
    expect(seriousOrCritical(violations)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
  });

  it('exporta a XLSX (números, fechas y totales) y a PDF', async () => {
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('reportes-exportar-xlsx').click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const libro = new ExcelJS.Workbook();
    await libro.xlsx.load((await readFile((await xlsx.path()) ?? '')) as unknown as ArrayBuffer);
    const hoja = libro.getWorksheet('Ventas por día');
    const filas: ExcelJS.Row[] = [];
    hoja?.eachRow((r) => filas.push(r));
    const fechas = filas.filter((r) => r.getCell(1).value instanceof Date);
    const cuerpo = page.getByTestId('reportes-cuerpo');
    const desde = (await cuerpo.getAttribute('data-desde')) ?? '';
    const hasta = (await cuerpo.getAttribute('data-hasta')) ?? '';
    // One row per day of this month so far.
    expect(fechas.length).toBe(Number(hasta.slice(8, 10)) - Number(desde.slice(8, 10)) + 1);
    expect(fechas[0]?.getCell(1).numFmt).toBe('dd/mm/yyyy');
    expect((fechas[0]?.getCell(1).value as Date | undefined)?.toISOString().slice(0, 10)).toBe(
      desde,
    );
    const total = filas.find((r) => r.getCell(1).value === 'Total');
    expect(total?.getCell(3).value).toBe(vendido / 100);
    expect(total?.getCell(3).numFmt).toBe('#,##0.00');
    expect(typeof total?.getCell(2).value).toBe('number');
    const sumaDias = fechas.reduce((a, r) => a + Math.round(Number(r.getCell(3).value) * 100), 0);
    expect(sumaDias).toBe(vendido);
    expect(libro.worksheets.map((h) => h.name)).toContain('Ventas por cajero');

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('reportes-exportar-pdf').click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const texto = execFileSync('pdftotext', ['-layout', (await pdf.path()) ?? '', '-'], {
      encoding: 'utf8',
    });
    expect(texto).toContain('Ventas por día');
    expect(texto).toContain('Resumen tributario');
    expect(texto).toContain(`$${(vendido / 100).toFixed(2)}`);
    expect(watched.consoleErrors).toEqual([]);
  });
});
