/**
 * The customer display (issue 18 §6) in Chromium against `mostrador serve --demo`: a second page
 * at /cliente follows a keyboard sale — the lines as they are scanned, the total, the payment and
 * the change — and shows the QR once the document is authorized. It has its own token, which
 * opens its event stream and nothing else: main refuses its calls.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MENSAJE_CORREO_INVALIDO } from '../../src/shared/contract/correo';
import {
  callHost,
  centavos,
  type DemoApp,
  eanDemo,
  esperarEnPagina,
  esperarQue,
  esperarTexto,
  type HostProcess,
  openDemoApp,
  openWatchedPage,
  runAxe,
  screenshot,
  seriousOrCritical,
  type WatchedPage,
} from './harness';

const LECHE = eanDemo('Leche entera Vita');
const ARROZ = eanDemo('Arroz Gustadina');
const CEDULA = '1710034065';
const NOMBRE = 'Ana Pérez Ñusta';

describe('pantalla del cliente', () => {
  let app: DemoApp;
  let host: HostProcess;
  let page: Page;
  let cliente: WatchedPage;
  let urlCliente: string;

  beforeAll(async () => {
    app = await openDemoApp();
    ({ host, page } = app);
    await callHost(host, 'caja.abrir', { fondoCentavos: 0 }).catch(() => undefined);
    urlCliente = await esperarQue(
      async () => /Pantalla del cliente[^:]*: (\S+)/.exec(host.output())?.[1],
      () => `«serve» no dijo la dirección de la pantalla del cliente:\n${host.output()}`,
      { timeoutMs: 10_000 },
    );
    // Its own browser context: another window, no cookie of the cashier's page.
    cliente = await openWatchedPage(app.browser);
    await cliente.page.goto(urlCliente);
    await cliente.page.getByTestId('pantalla-cliente').waitFor();
  });

  afterAll(async () => {
    await cliente?.close();
    await app?.close();
  });

  it('sigue la venta hecha con el teclado hasta el vuelto y el QR de la factura autorizada', async () => {
    const vista = cliente.page;
    expect(new URL(vista.url()).search).toBe('');
    // The store's name is there before the first scan.
    expect(await vista.getByTestId('cliente-tienda').textContent()).not.toBe('Bienvenido');
    await page.getByTestId('campo-escaneo').focus();
    await page.keyboard.type(LECHE);
    await page.keyboard.press('Enter');
    await esperarTexto(vista.getByTestId('cliente-linea').first(), 'Leche entera Vita');
    await page.keyboard.type(ARROZ);
    await page.keyboard.press('Enter');
    await esperarEnPagina(
      vista,
      `document.querySelectorAll('[data-testid="cliente-linea"]').length === 2`,
      15_000,
    );
    await esperarEnPagina(
      page,
      `document.querySelector('[data-testid="totales"]')?.getAttribute('aria-busy') === 'false' && document.querySelector('[data-testid="total"]') !== null`,
      15_000,
    );
    const total = centavos(await page.getByTestId('total').textContent());
    await esperarQue(
      async () =>
        centavos(await vista.getByTestId('cliente-total').textContent()) === total
          ? true
          : undefined,
      () => 'El total de la pantalla del cliente no es el de la caja',
      { timeoutMs: 10_000 },
    );

    // A $20 bill, then F12.
    await page.keyboard.press('F4');
    await page.keyboard.type('20');
    await page.keyboard.press('Enter');
    await page.keyboard.press('F12');
    await page.getByTestId('ultima-vuelto').waitFor();
    const vuelto = 2000 - total;
    let visto = '';
    await esperarQue(
      async () => {
        visto = (await vista.getByTestId('pantalla-cliente').textContent()) ?? '';
        return (await vista.getByTestId('cliente-vuelto').count()) > 0 &&
          centavos(await vista.getByTestId('cliente-vuelto').textContent()) === vuelto
          ? true
          : undefined;
      },
      () => `La pantalla del cliente no muestra el vuelto de ${vuelto}: «${visto}»`,
      { timeoutMs: 10_000 },
    );
    expect(centavos(await vista.getByTestId('cliente-pagado').textContent())).toBe(2000);
    const numero = ((await page.getByTestId('ultima-numero').textContent()) ?? '').replace(
      'Factura ',
      '',
    );
    await esperarTexto(vista.getByTestId('cliente-venta'), numero);

    // The simulator authorizes it: the QR of its clave de acceso appears.
    await vista.getByTestId('cliente-qr').waitFor({ timeout: 30_000 });
    expect(await vista.getByTestId('cliente-venta').textContent()).toContain('autorizada');
    expect(seriousOrCritical((await runAxe(vista)).violations)).toEqual([]);
    expect(cliente.pageErrors).toEqual([]);
    await screenshot(vista, 'pantalla-cliente-qr');
  });

  it('su token solo abre su flujo de eventos: main rechaza sus llamadas', async () => {
    const token = new URL(urlCliente).searchParams.get('token') ?? '';
    const llamada = await fetch(`${host.origin}/api/call/ventas.cobrar`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(llamada.status).toBe(401);
    const conCookie = await fetch(`${host.origin}/api/call/app.estado`, {
      method: 'POST',
      headers: { Cookie: `mostrador_cliente=${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(conCookie.status).toBe(401);
    const todos = await fetch(`${host.origin}/api/events?token=${token}`);
    expect(todos.status).toBe(401);
    // The page itself never holds the cashier's token.
    const cookies = await cliente.page.context().cookies();
    expect(cookies.map((c) => c.name)).toEqual(['mostrador_cliente']);
    // What the display's own stream carries: only its picture.
    const control = new AbortController();
    const flujo = await fetch(`${host.origin}/api/cliente/events?token=${token}`, {
      signal: control.signal,
    });
    expect(flujo.status).toBe(200);
    const lector = flujo.body?.getReader();
    let texto = '';
    while (!texto.includes('event: pantallaCliente')) {
      const trozo = await lector?.read();
      if (trozo === undefined || trozo.done) break;
      texto += new TextDecoder().decode(trozo.value);
    }
    control.abort();
    expect(texto.match(/^event: (\w+)/gm)).toEqual(['event: pantallaCliente']);
  });

  it('el comprador escribe su correo en su pantalla; el cajero descarta uno con Esc y acepta el corregido con Enter: la venta lo lleva', async () => {
    const vista = cliente.page;
    await page.getByTestId('campo-escaneo').focus();
    await page.keyboard.type(LECHE);
    await page.keyboard.press('Enter');
    await esperarTexto(vista.getByTestId('cliente-linea').first(), 'Leche entera Vita');
    // A consumidor final is never asked.
    expect(await vista.getByTestId('cliente-correo').count()).toBe(0);

    // F3: a new buyer, without e-mail.
    await page.keyboard.press('F3');
    await page.getByTestId('panel-comprador').waitFor();
    await page.keyboard.type(CEDULA);
    await esperarEnPagina(
      page,
      `document.querySelector('[data-testid="comprador-validacion"]')?.textContent?.includes('Comprador nuevo')`,
      15_000,
    );
    await page.keyboard.press('Tab');
    await page.keyboard.type(NOMBRE);
    await page.keyboard.press('Enter');
    await page.getByTestId('panel-comprador').waitFor({ state: 'detached' });

    // The display asks the buyer, who types on it (touch or keyboard); a typo gets Cobro's words.
    const campo = vista.getByTestId('cliente-correo-campo');
    await campo.waitFor({ timeout: 10_000 });
    await campo.click();
    await vista.keyboard.type('ana arroba correo');
    await vista.keyboard.press('Enter');
    await esperarTexto(vista.getByTestId('cliente-correo-error'), MENSAJE_CORREO_INVALIDO);
    await screenshot(vista, 'pantalla-cliente-correo');
    await campo.fill('');
    await vista.keyboard.type('ana.peres@correo.ec');
    await vista.keyboard.press('Enter');
    await esperarTexto(vista.getByTestId('cliente-correo-enviado'), 'ana.peres@correo.ec');

    // The cashier sees a wrong address and discards it with Esc: the display asks again
    // instead of keeping its «Listo».
    await esperarTexto(page.getByTestId('correo-propuesto'), 'ana.peres@correo.ec');
    await page.getByTestId('campo-escaneo').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('correo-propuesto').waitFor({ state: 'detached' });
    await vista.getByTestId('cliente-correo-enviado').waitFor({ state: 'detached' });
    await campo.waitFor();
    await campo.click();
    await vista.keyboard.type('ana.perez@correo.ec');
    // One proposal per 2 s: the buyer presses «Enviar» again until the pace lets it through.
    await esperarQue(
      async () => {
        if ((await vista.getByTestId('cliente-correo-enviado').count()) > 0) return true;
        await vista.keyboard.press('Enter');
        return undefined;
      },
      () => 'La pantalla del cliente no envió el correo corregido',
      { timeoutMs: 10_000, cadaMs: 250 },
    );
    await esperarTexto(vista.getByTestId('cliente-correo-enviado'), 'ana.perez@correo.ec');
    expect(seriousOrCritical((await runAxe(vista)).violations)).toEqual([]);

    // The cashier sees it and accepts with Enter in the empty scan field.
    await esperarTexto(page.getByTestId('correo-propuesto'), 'ana.perez@correo.ec');
    await screenshot(page, 'cobro-correo-propuesto');
    await page.getByTestId('campo-escaneo').focus();
    await page.keyboard.press('Enter');
    await esperarTexto(page.getByTestId('comprador-correo'), 'ana.perez@correo.ec');
    expect(await page.getByTestId('correo-propuesto').count()).toBe(0);
    // The cart has the address now: the display stops asking.
    await vista.getByTestId('cliente-correo-enviado').waitFor({ state: 'detached' });
    expect(await vista.getByTestId('cliente-correo').count()).toBe(0);
    // Remembered for that buyer, as typing it in F3 does.
    const buscado = await callHost<{ comprador: { email: string | null } | null }>(
      host,
      'catalogo.comprador',
      { tipoIdentificacion: '05', identificacion: CEDULA },
    );
    expect(buscado.comprador?.email).toBe('ana.perez@correo.ec');

    const anterior = (await page.getByTestId('ultima-numero').textContent()) ?? '';
    await page.keyboard.press('F4');
    await page.keyboard.type('20');
    await page.keyboard.press('Enter');
    await page.keyboard.press('F12');
    await page.getByTestId('carrito-vacio').waitFor();
    const numero = await esperarQue(
      async () => {
        const texto = (await page.getByTestId('ultima-numero').textContent()) ?? '';
        return texto !== anterior ? texto.replace('Factura ', '') : undefined;
      },
      () => 'La venta no se registró',
      { timeoutMs: 15_000 },
    );
    // Once authorized, the sale's copy goes to that address.
    let visto = '';
    await esperarQue(
      async () => {
        const pagina = await callHost<{
          documentos: { numero: string; entrega: { para: string } | null }[];
        }>(host, 'conciliacion.listar', {
          filtro: { desde: '2000-01-01', hasta: '2100-12-31', comprador: CEDULA },
        });
        const doc = pagina.documentos.find((d) => d.numero === numero);
        visto = JSON.stringify(doc ?? null);
        return doc?.entrega?.para === 'ana.perez@correo.ec' ? true : undefined;
      },
      () => `La factura ${numero} no lleva el correo del comprador: ${visto}`,
      { timeoutMs: 30_000 },
    );
    expect(cliente.pageErrors).toEqual([]);
  });
});
