/**
 * What really happened to the receipt (issue 18 §3), in Chromium against `mostrador serve --demo`:
 * without a printer the RIDE is «Guardado como PDF»; with the printer off the sale ends at once
 * and says «No se imprimió: …» with «Reintentar», which prints it once the printer is back.
 * Cobro follows the print events; Conciliación shows the outcome per document.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/main/demo';
import { type FakePrinter, startFakePrinter } from '../fakes/printer';
import {
  callHost,
  type DemoApp,
  eanDemo,
  esperarEnPagina,
  esperarTexto,
  type HostProcess,
  openDemoApp,
  runAxe,
  screenshot,
  seriousOrCritical,
} from './harness';

const LECHE = eanDemo('Leche entera Vita');

describe('el resultado de la impresión, dicho como fue', () => {
  let app: DemoApp;
  let host: HostProcess;
  let page: Page;
  let printer: FakePrinter;

  const api = <T>(name: string, input: unknown): Promise<T> => callHost<T>(host, name, input);

  /** A keyboard sale: scan, F12 (exact cash), and the change on screen. */
  const vender = async (): Promise<string> => {
    const ultima = page.getByTestId('ultima-numero');
    const antes = (await ultima.count()) > 0 ? await ultima.textContent() : null;
    await page.getByTestId('campo-escaneo').focus();
    await page.keyboard.type(LECHE);
    await page.keyboard.press('Enter');
    await page.getByTestId('linea').first().waitFor();
    await page.keyboard.press('F12');
    await esperarEnPagina(
      page,
      `(document.querySelector('[data-testid="ultima-numero"]')?.textContent ?? null) !== ${JSON.stringify(antes)} && document.querySelector('[data-testid="ultima-numero"]') !== null`,
      15_000,
    );
    await page.getByTestId('ultima-vuelto').waitFor();
    return ((await page.getByTestId('ultima-numero').textContent()) ?? '').replace('Factura ', '');
  };

  beforeAll(async () => {
    printer = await startFakePrinter();
    await printer.stop();
    app = await openDemoApp();
    ({ host, page } = app);
    await api('caja.abrir', { fondoCentavos: 0 }).catch(() => undefined);
    await page.getByTestId('campo-escaneo').waitFor();
  });

  afterAll(async () => {
    await app?.close();
    await printer?.close();
  });

  it('sin impresora configurada, la venta dice «Guardado como PDF» y Conciliación también', async () => {
    const numero = await vender();
    const nota = page.getByTestId('ultima-impresion');
    await esperarTexto(nota, 'Guardado como PDF');
    expect(await nota.getAttribute('data-resultado')).toBe('guardado_pdf');
    expect(await nota.textContent()).not.toContain('Impreso.');

    await page.keyboard.press('Alt+3');
    const fila = page.getByRole('option').filter({ hasText: numero });
    await fila.waitFor();
    const celda = fila.getByTestId('col-impresion');
    expect(await celda.getAttribute('data-resultado')).toBe('guardado_pdf');
    expect(await celda.textContent()).toBe('Guardado como PDF');
    await page.keyboard.press('Alt+1');
    await page.getByTestId('campo-escaneo').waitFor();
  });

  it('con la impresora apagada la venta no espera: «No se imprimió» y «Reintentar» la imprime al volver', async () => {
    const supervisor = DEMO_USERS.find((u) => u.rol === 'supervisor');
    const usuarios = await api<{ id: string; rol: string }[]>('usuarios.listar', {});
    const impresora = {
      nombre: 'Caja 1',
      tipo: 'escpos_tcp',
      host: '127.0.0.1',
      puerto: printer.port,
      cola: null,
      perfil: 'tm-t20iii',
      papel: '80mm',
      predeterminada: true,
      abrirCajon: false,
    };
    const { token } = await api<{ token: string }>('aprobaciones.solicitar', {
      usuarioId: usuarios.find((u) => u.rol === 'supervisor')?.id,
      pin: supervisor?.pin,
      accion: 'ajustes.guardarImpresora',
      entrada: { impresora },
    });
    await api('ajustes.guardarImpresora', { impresora, autorizacion: { token } });

    const numero = await vender();
    const nota = page.getByTestId('ultima-impresion');
    await esperarTexto(nota, 'No se imprimió');
    expect(await nota.textContent()).toContain(
      `la impresora no responde en 127.0.0.1:${printer.port}`,
    );
    expect(printer.jobs).toHaveLength(0);
    expect(seriousOrCritical((await runAxe(page)).violations)).toEqual([]);
    await screenshot(page, 'cobro-impresora-apagada');

    await page.keyboard.press('Alt+3');
    const fila = page.getByRole('option').filter({ hasText: numero });
    await fila.waitFor();
    expect(await fila.getByTestId('col-impresion').textContent()).toBe('No se imprimió');
    await page.keyboard.press('Alt+1');

    await printer.start();
    await page.getByTestId('reintentar-impresion').click();
    await esperarTexto(nota, 'Impreso.');
    expect(await nota.getAttribute('data-resultado')).toBe('impreso');
    await printer.waitForJobs(1);
    expect(printer.jobs).toHaveLength(1);

    await page.keyboard.press('Alt+3');
    const otra = page.getByRole('option').filter({ hasText: numero });
    await otra.waitFor();
    await esperarTexto(otra.getByTestId('col-impresion'), 'Impreso');
  });
});
