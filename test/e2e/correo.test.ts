/**
 * The buyer's e-mail in Chromium against «mostrador serve --demo» with MOSTRADOR_SMTP_URL
 * pointing at a real SMTP server on 127.0.0.1 (issue 19): a keyboard sale to a buyer with
 * e-mail reaches «Enviado» in Conciliación; «Reenviar» to another address delivers there; an
 * invalid e-mail in Cobro is refused in Spanish and the sale goes on without it; in Ajustes ›
 * Correo a wrong password reads «El servidor de correo rechazó el usuario o la contraseña».
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MENSAJE_CREDENCIALES } from '../../src/main/correo';
import { DEMO_USERS } from '../../src/main/demo';
import { MENSAJE_CORREO_INVALIDO } from '../../src/shared/contract/correo';
import {
  callHost,
  type DemoApp,
  eanDemo,
  esperarEnPagina,
  esperarQue,
  esperarTexto,
  type HostProcess,
  openDemoApp,
  runAxe,
  screenshot,
  seriousOrCritical,
  type WatchedPage,
} from './harness';

const LECHE = eanDemo('Leche entera Vita');
const CEDULA = '1710034065';
const NOMBRE = 'Mónica Ñusta Cañar';

describe('Correo al comprador en Chromium', () => {
  let app: DemoApp;
  let host: HostProcess;
  let watched: WatchedPage;
  let page: Page;
  let server: SMTPServer;
  const recibidos: { para: string[]; mensaje: ParsedMail }[] = [];
  let numero = '';

  const esperar = (expresion: string, timeout = 15_000): Promise<void> =>
    esperarEnPagina(page, expresion, timeout);
  const escanear = async (codigo: string): Promise<void> => {
    await page.keyboard.type(codigo);
    await page.keyboard.press('Enter');
  };
  const recibidoPara = (para: string) =>
    esperarQue(
      async () => recibidos.find((r) => r.para.includes(para))?.mensaje,
      () => `No llegó ningún correo a ${para}`,
      { timeoutMs: 30_000, cadaMs: 100 },
    );
  const filaDe = (n: string) => page.getByRole('option').filter({ hasText: n });

  beforeAll(async () => {
    server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, cb) => {
        simpleParser(stream).then(
          (mensaje) => {
            recibidos.push({ para: session.envelope.rcptTo.map((r) => r.address), mensaje });
            cb();
          },
          (e: Error) => cb(e),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    app = await openDemoApp({
      env: {
        ...process.env,
        MOSTRADOR_SMTP_URL: `smtp://127.0.0.1:${port}?from=ventas@tienda.example`,
      },
    });
    ({ host, watched, page } = app);
    await callHost(host, 'caja.abrir', { fondoCentavos: 0 });
    await page.getByTestId('campo-escaneo').waitFor();
  });

  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('una venta con el teclado a un comprador con correo llega a «Enviado» en Conciliación', async () => {
    await escanear(LECHE);
    await page.getByTestId('linea').first().waitFor();
    await page.keyboard.press('F3');
    await page.getByTestId('panel-comprador').waitFor();
    await page.keyboard.type(CEDULA);
    await esperar(
      `document.querySelector('[data-testid="comprador-validacion"]')?.textContent?.includes('Comprador nuevo')`,
    );
    await page.keyboard.press('Tab');
    await page.keyboard.type(NOMBRE);
    await page.keyboard.press('Tab');
    await page.keyboard.type('monica@example.com');
    await page.keyboard.press('Enter');
    await esperarTexto(page.getByTestId('comprador-correo'), 'monica@example.com');
    await page.keyboard.press('F12');
    await page.getByTestId('carrito-vacio').waitFor();
    numero = ((await page.getByTestId('ultima-numero').textContent()) ?? '').replace(
      'Factura ',
      '',
    );
    expect(numero).toMatch(/^001-001-\d{9}$/);

    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { level: 1, name: 'Conciliación' }).waitFor();
    const celda = filaDe(numero).getByTestId('celda-correo');
    const texto = await esperarTexto(celda, 'Enviado', 30_000);
    expect(texto).toMatch(/^Enviado \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const m = await recibidoPara('monica@example.com');
    expect(m.subject).toMatch(new RegExp(`^FACTURA ${numero} de `));
    expect(m.attachments.map((a) => a.contentType)).toEqual(['application/xml', 'application/pdf']);
    await screenshot(page, 'correo-conciliacion-enviado');
  });

  it('«Reenviar» a otra dirección la entrega allí, y el filtro por correo la encuentra', async () => {
    await filaDe(numero).click();
    await page.getByTestId('detalle-documento').waitFor();
    await esperarTexto(page.getByTestId('detalle-correo-estado'), 'monica@example.com');
    const campo = page.getByTestId('reenviar-para');
    await campo.click();
    await page.keyboard.type('contabilidad arroba');
    await page.keyboard.press('Enter');
    await esperarTexto(page.getByTestId('reenviar-nota'), MENSAJE_CORREO_INVALIDO);

    await campo.fill('');
    await page.keyboard.type('contabilidad@example.com');
    await page.keyboard.press('Enter');
    const m = await recibidoPara('contabilidad@example.com');
    expect(m.subject).toMatch(new RegExp(`^FACTURA ${numero} de `));
    expect(m.attachments).toHaveLength(2);
    await esperarTexto(page.getByTestId('detalle-correo-estado'), 'contabilidad@example.com');
    await esperarTexto(filaDe(numero).getByTestId('celda-correo'), 'Enviado', 30_000);

    await page.getByTestId('filtro-correo').selectOption('pendiente');
    await filaDe(numero).waitFor({ state: 'detached' });
    await page.getByTestId('filtro-correo').selectOption('enviado');
    await filaDe(numero).waitFor();
    expect(await page.getByTestId('resumen-correos').textContent()).toContain(
      'Todos los correos a compradores se entregaron',
    );
    await screenshot(page, 'correo-conciliacion-reenviado');
    const { violations } = await runAxe(page);
    expect(seriousOrCritical(violations)).toEqual([]);
  });

  it('un correo inválido en Cobro se rechaza en español y la venta sigue sin correo', async () => {
    await page.keyboard.press('Alt+1');
    await page.getByTestId('campo-escaneo').waitFor();
    await esperar(`document.activeElement?.id === 'campo-escaneo'`);
    await escanear(LECHE);
    await page.getByTestId('linea').first().waitFor();
    await page.keyboard.press('F3');
    await page.getByTestId('panel-comprador').waitFor();
    await page.keyboard.type(CEDULA);
    // On file now: the name and the remembered address fill in.
    await esperar(
      `document.querySelector('[data-testid="comprador-email"]')?.value === 'monica@example.com'`,
    );
    await page.getByTestId('comprador-email').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('monica arroba example');
    await page.keyboard.press('Enter');
    const error = page.getByTestId('comprador-error-correo');
    expect(await esperarTexto(error, MENSAJE_CORREO_INVALIDO)).toContain('Seguir sin correo');
    await screenshot(page, 'correo-cobro-invalido');
    const { violations } = await runAxe(page);
    expect(seriousOrCritical(violations)).toEqual([]);

    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('panel-comprador').waitFor({ state: 'hidden' });
    await esperarTexto(page.getByTestId('comprador'), NOMBRE);
    expect(await page.getByTestId('comprador-correo').count()).toBe(0);
    await page.keyboard.press('F12');
    await page.getByTestId('carrito-vacio').waitFor();
    const otro = ((await page.getByTestId('ultima-numero').textContent()) ?? '').replace(
      'Factura ',
      '',
    );
    expect(otro).not.toBe(numero);
  });

  it('Ajustes › Correo: una contraseña equivocada se dice en español, sin mostrarla; la buena envía la prueba', async () => {
    const recibidosAuth: string[] = [];
    const conClave = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, cb) =>
        auth.username === 'caja' && auth.password === 'clave-buena-ñ'
          ? cb(null, { user: 'caja' })
          : cb(new Error('Invalid username or password')),
      onData: (stream, session, cb) => {
        stream.resume();
        stream.on('end', () => {
          recibidosAuth.push(...session.envelope.rcptTo.map((r) => r.address));
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => conClave.listen(0, '127.0.0.1', resolve));
    const port = (conClave.server.address() as AddressInfo).port;
    const admin = DEMO_USERS.find((u) => u.rol === 'administrador');
    const aprobar = async (): Promise<void> => {
      const dialogo = page.getByTestId('dialogo-autorizacion');
      await dialogo.waitFor();
      await dialogo.getByRole('radio', { name: new RegExp(admin?.nombre ?? '—') }).check();
      await dialogo.getByTestId('campo-pin').fill(admin?.pin ?? '');
      await dialogo.getByTestId('autorizar').click();
      await dialogo.waitFor({ state: 'detached' });
    };
    try {
      await page.keyboard.press('Alt+5');
      await page.getByRole('heading', { level: 1, name: 'Ajustes' }).waitFor();
      await page.getByTestId('ajustes-pestana-correo').click();
      await page.getByTestId('ajustes-correo').waitFor();
      await page.locator('#correo-servidor').fill('127.0.0.1');
      await page.locator('#correo-puerto').fill(String(port));
      await page.locator('#correo-usuario').fill('caja');
      await page.locator('#correo-contrasena').fill('mala-clave-123');
      await page.locator('#correo-remitente').fill('ventas@tienda.example');
      await page.getByTestId('correo-guardar').click();
      await aprobar();
      await esperarTexto(page.getByTestId('correo-nota'), 'Servidor de correo guardado');

      await page.locator('#correo-prueba').fill('duena@example.com');
      await page.getByTestId('correo-probar').click();
      await aprobar();
      const nota = await esperarTexto(page.getByTestId('correo-nota'), MENSAJE_CREDENCIALES);
      expect(nota).not.toContain('mala-clave-123');
      expect(await page.getByTestId('ajustes-correo').textContent()).not.toContain(
        'mala-clave-123',
      );
      await screenshot(page, 'correo-ajustes-clave-mala');

      await page.locator('#correo-contrasena').fill('clave-buena-ñ');
      await page.getByTestId('correo-guardar').click();
      await aprobar();
      await esperarTexto(page.getByTestId('correo-nota'), 'Servidor de correo guardado');
      await page.getByTestId('correo-probar').click();
      await aprobar();
      await esperarTexto(
        page.getByTestId('correo-nota'),
        'Mensaje de prueba enviado a duena@example.com',
      );
      expect(recibidosAuth).toEqual(['duena@example.com']);
      const { violations } = await runAxe(page);
      expect(seriousOrCritical(violations)).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => conClave.close(() => resolve()));
    }
    expect(watched.pageErrors).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });
});
