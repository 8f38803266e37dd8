import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digitoControlEan13 } from '../../src/main/catalogo/etiquetaBalanza';
import { DEMO_USERS } from '../../src/main/demo';
import {
  callHost,
  centavos,
  type DemoApp,
  eanDemo,
  esperarEnPagina,
  esperarTexto,
  type HostProcess,
  openDemoApp,
  runAxe,
  seriousOrCritical,
  type WatchedPage,
} from './harness';

/** A CAS-layout weight label for a demo product whose barcode is its zero-weight label. */
const etiqueta = (descripcion: string, gramos: number): string => {
  const doce = `${eanDemo(descripcion).slice(0, 7)}${String(gramos).padStart(5, '0')}`;
  return `${doce}${digitoControlEan13(doce)}`;
};

describe('Etiquetas de balanza en Cobro, en Chromium contra «mostrador serve --demo»', () => {
  let app: DemoApp;
  let host: HostProcess;
  let watched: WatchedPage;
  let page: Page;

  const api = <T>(name: string, input: unknown): Promise<T> => callHost<T>(host, name, input);

  const escanear = async (codigo: string): Promise<void> => {
    await page.keyboard.type(codigo);
    await page.keyboard.press('Enter');
  };

  beforeAll(async () => {
    app = await openDemoApp();
    ({ host, watched, page } = app);
    await page.getByTestId('campo-escaneo').waitFor();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('el administrador elige el formato de su balanza en Ajustes', async () => {
    await page.keyboard.press('Alt+5');
    await page.getByTestId('ajustes-pestana-balanza').click();
    await page.getByTestId('balanza-tipo').selectOption('cas');
    await page.getByTestId('seccion-balanza').getByRole('button', { name: 'Guardar' }).click();
    const dialogo = page.getByTestId('dialogo-autorizacion');
    await dialogo.waitFor();
    const admin = DEMO_USERS.find((u) => u.rol === 'administrador');
    await dialogo.getByRole('radio', { name: new RegExp(admin?.nombre ?? '—') }).check();
    await dialogo.getByTestId('campo-pin').fill(admin?.pin ?? '');
    await dialogo.getByTestId('autorizar').click();
    await esperarTexto(page.getByTestId('balanza-nota'), 'Guardado.');
    const axe = await runAxe(page);
    expect(seriousOrCritical(axe.violations)).toEqual([]);
    expect(await api('ajustes.etiquetaBalanza', {})).toEqual({
      configuracion: { tipo: 'preset', preset: 'cas', contenido: 'peso' },
    });
    await page.keyboard.press('Alt+1');
    await page.getByTestId('campo-escaneo').waitFor();
  });

  it('una etiqueta de peso agrega el producto con los kg y main calcula el total; un dígito errado se rechaza', async () => {
    await esperarEnPagina(page, `document.activeElement?.id === 'campo-escaneo'`, 15_000);
    await escanear(etiqueta('Tomate riñón', 1250));
    const linea = page.getByTestId('linea');
    await linea.waitFor();
    expect(await linea.textContent()).toContain('Tomate riñón');
    expect(await page.getByTestId('linea-cantidad').textContent()).toBe('1.25 kg');
    await esperarEnPagina(
      page,
      `document.querySelector('[data-testid="totales"]')?.getAttribute('aria-busy') === 'false' && document.querySelector('[data-testid="total"]') !== null`,
      15_000,
    );
    // $1.80 the kg × 1.250 kg, IVA 0 %: the total main computed.
    expect(centavos(await page.getByTestId('total').textContent())).toBe(225);

    const buena = etiqueta('Tomate riñón', 800);
    const errada = `${buena.slice(0, 12)}${(Number(buena[12]) + 1) % 10}`;
    await escanear(errada);
    const mensaje = page.getByTestId('mensaje-cobro');
    await mensaje.waitFor();
    expect(await mensaje.textContent()).toContain('dígito verificador');
    expect(await page.getByTestId('linea').count()).toBe(1);
    expect(watched.pageErrors).toEqual([]);
  });
});
