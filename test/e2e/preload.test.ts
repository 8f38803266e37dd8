import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HostProcess,
  launchChromium,
  openWatchedPage,
  screenshot,
  startHost,
  type WatchedPage,
} from './harness';

/**
 * Stands in for the Electron preload: the same two functions `src/preload/index.ts` exposes,
 * answering `app.estado` for a store in producción and letting the test push events. Injected
 * before any page script runs, so the renderer picks the preload transport as in Electron.
 */
const fakePreload = `
  (() => {
    const oyentes = new Map();
    let fallarLlamadas = false;
    const api = {
      call: async (name, input) => {
        if (fallarLlamadas) throw new Error('IPC caído');
        if (name !== 'app.estado') return { ok: false, error: { code: 'x', message: 'No existe.' } };
        return { ok: true, value: {
          version: '9.9.9', ambiente: 'produccion', backendSri: 'sri', enLinea: true,
          outboxPendientes: 0, ultimoErrorSri: null, tienda: null,
        } };
      },
      subscribe: (name, listener) => {
        if (!oyentes.has(name)) oyentes.set(name, new Set());
        oyentes.get(name).add(listener);
        return () => oyentes.get(name).delete(listener);
      },
    };
    Object.defineProperty(window, 'mostrador', { value: Object.freeze(api) });
    Object.defineProperty(window, '__emitir', {
      value: (name, payload) => { for (const l of oyentes.get(name) ?? []) l(payload); },
    });
    Object.defineProperty(window, '__fallarLlamadas', { value: () => { fallarLlamadas = true; } });
  })();
`;

const texto = async (page: Page, testId: string): Promise<string> =>
  (await page.getByTestId(testId).textContent()) ?? '';

describe('renderer sobre el puente del preload (como en Electron)', () => {
  let host: HostProcess;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    host = await startHost();
    browser = await launchChromium();
    watched = await openWatchedPage(browser);
    page = watched.page;
    await page.addInitScript(fakePreload);
    await page.goto(`${host.origin}/`);
    await page.getByRole('heading', { level: 1, name: 'Cobro' }).waitFor();
  });

  afterAll(async () => {
    await watched?.close();
    await browser?.close();
    await host?.stop();
  });

  it('usa app.estado del puente: en producción no hay aviso de pruebas', async () => {
    await page.getByText('versión 9.9.9').waitFor();
    expect(await texto(page, 'estado-sri')).toBe('SRIEn línea');
    expect(await texto(page, 'cola-sri')).toBe('Por enviar al SRI0');
    expect(await page.getByTestId('banner-ambiente').count()).toBe(0);
  });

  it('los eventos conectividad y outbox actualizan la insignia y la cola', async () => {
    await page.evaluate(`__emitir('conectividad', { enLinea: false })`);
    await page.evaluate(
      `__emitir('outbox', { pendientes: 12, ultimoErrorSri: 'Error 70: clave de acceso en procesamiento' })`,
    );
    await page.getByText('Sin conexión').waitFor();
    expect(await texto(page, 'cola-sri')).toBe('Por enviar al SRI12');
    expect(await texto(page, 'ultimo-error-sri')).toBe(
      'Último error del SRI: Error 70: clave de acceso en procesamiento',
    );
    await screenshot(page, 'cabecera-sin-conexion');
    await page.evaluate(`__emitir('conectividad', { enLinea: true })`);
    await page.getByText('En línea').waitFor();
  });

  it('avisa en la cabecera cuando la hora del equipo difiere de la del SRI en más de 5 minutos', async () => {
    expect(await page.getByTestId('aviso-reloj-sri').count()).toBe(0);
    await page.evaluate(`__emitir('relojSri', { desfaseSegundos: -2700, desincronizado: true })`);
    await page.getByTestId('aviso-reloj-sri').waitFor();
    expect(await texto(page, 'aviso-reloj-sri')).toBe(
      'La hora de este equipo está adelantada 45 minutos respecto del SRI. Corríjala: el SRI rechaza comprobantes con fecha fuera de plazo.',
    );
    await screenshot(page, 'cabecera-reloj-desfasado');
    await page.evaluate(`__emitir('relojSri', { desfaseSegundos: 2, desincronizado: false })`);
    await page.getByTestId('aviso-reloj-sri').waitFor({ state: 'detached' });
  });

  it('un evento fuera del contrato se ignora y se avisa en español', async () => {
    await page.evaluate(`__emitir('outbox', { pendientes: -3, ultimoErrorSri: null })`);
    const aviso = page.getByTestId('aviso').first();
    await aviso.waitFor();
    expect(await aviso.textContent()).toContain('formato inesperado');
    expect(await texto(page, 'cola-sri')).toBe('Por enviar al SRI12');
    await aviso.getByRole('button', { name: 'Entendido' }).click();
    await aviso.waitFor({ state: 'detached' });
  });

  it('no hubo errores de consola ni excepciones en la página', () => {
    expect(watched.pageErrors).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });

  it('si el puente falla, la llamada se vuelve un aviso que dice qué hacer', async () => {
    const otra = await openWatchedPage(browser);
    try {
      await otra.page.addInitScript(`${fakePreload}; window.__fallarLlamadas();`);
      await otra.page.goto(`${host.origin}/`);
      const aviso = otra.page.getByTestId('aviso').first();
      await aviso.waitFor();
      expect(await aviso.textContent()).toContain('Cierre la aplicación y ábrala de nuevo');
      expect(otra.pageErrors).toEqual([]);
    } finally {
      await otra.close();
    }
  });
});
