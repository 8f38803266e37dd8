/**
 * Notas de crédito in Chromium against «mostrador serve --demo», with the keyboard only: a sale
 * to an identified buyer (through the contract) reaches AUTHORIZED in the simulator; a partial
 * return with a supervisor's PIN, then the rest; the invoice ends VOIDED_BY_NC and a third
 * return is refused; an invoice to consumidor final is refused; a cashier's PIN never authorizes.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BUYERS } from '../../src/main/demo';
import {
  abrirTurno,
  eanDemo,
  esperarEnPagina,
  esperarEstadoDocumento,
  type HostProcess,
  launchChromium,
  openWatchedPage,
  runAxe,
  screenshot,
  seriousOrCritical,
  startHost,
  type WatchedPage,
} from './harness';

type Respuesta<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; message: string } };

describe('Notas de crédito en Chromium contra «mostrador serve --demo»', () => {
  let host: HostProcess;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;

  const llamar = async <T>(name: string, input: unknown): Promise<Respuesta<T>> => {
    const response = await fetch(`${host.origin}/api/call/${name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return (await response.json()) as Respuesta<T>;
  };
  const api = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await llamar<T>(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value;
  };

  const esperar = (expresion: string, timeout = 20_000): Promise<void> =>
    esperarEnPagina(page, expresion, timeout);

  const esperarEstado = (id: string, estado: string): Promise<void> =>
    esperarEstadoDocumento(host, id, estado);

  const enfocado = () =>
    page.evaluate<string>(
      'document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.textContent ?? ""',
    );
  const texto = async (testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

  /** A sale charged through the contract, waited until the simulator authorizes it. */
  const vender = async (
    comprador: unknown,
    lineas: { codigo: string; cantidad: string }[],
    formaPago: '01' | '19',
  ): Promise<{ documentoId: string; numero: string }> => {
    const resueltas = [];
    for (const l of lineas) {
      const { producto } = await api<{
        producto: { id: string; precioUnitarioMicros: number } | null;
      }>('catalogo.escanear', { codigo: l.codigo });
      if (producto === null) throw new Error(`sin producto ${l.codigo}`);
      resueltas.push({
        productoId: producto.id,
        cantidad: l.cantidad,
        precioUnitarioMicros: producto.precioUnitarioMicros,
      });
    }
    const carrito = { comprador, lineas: resueltas, pagos: [] };
    const calculo = await api<{ totales: { totalCentavos: number } }>('ventas.calcular', carrito);
    const cobro = await api<{ documentoId: string; numero: string }>('ventas.cobrar', {
      ...carrito,
      ventaId: crypto.randomUUID(),
      pagos: [{ formaPago, montoCentavos: calculo.totales.totalCentavos }],
    });
    await esperarEstado(cobro.documentoId, 'AUTHORIZED');
    return cobro;
  };

  const buscar = async (numero: string): Promise<void> => {
    await esperar(`document.activeElement?.getAttribute('data-testid') === 'nc-buscar'`);
    await page.keyboard.type(numero);
    await page.keyboard.press('Enter');
  };

  /** In the supervisor dialog: pick the first listed (the supervisor), type the PIN, Enter. */
  const autorizarCon = async (pin: string, elegir = true): Promise<void> => {
    await page.getByTestId('dialogo-autorizacion').waitFor();
    if (elegir) {
      await esperar(`document.activeElement?.getAttribute('type') === 'radio'`);
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
    }
    expect(await enfocado()).toBe('campo-pin');
    await page.keyboard.type(pin);
    await page.keyboard.press('Enter');
  };

  let factura: { documentoId: string; numero: string };
  let consumidorFinal: { documentoId: string; numero: string };
  const comprador = {
    tipoIdentificacion: DEMO_BUYERS[0].tipoIdentificacion,
    identificacion: DEMO_BUYERS[0].identificacion,
    razonSocial: DEMO_BUYERS[0].razonSocial,
  };

  beforeAll(async () => {
    host = await startHost();
    // Selling needs an open cash shift (issue 15).
    await abrirTurno(host);
    browser = await launchChromium();
    watched = await openWatchedPage(browser);
    page = watched.page;
    await page.goto(host.url);
    await page.getByTestId('campo-escaneo').waitFor();
    factura = await vender(
      comprador,
      [
        { codigo: eanDemo('Leche entera Vita'), cantidad: '3' },
        { codigo: eanDemo('Arroz Gustadina'), cantidad: '1' },
      ],
      '19',
    );
    consumidorFinal = await vender(
      null,
      [{ codigo: eanDemo('Arroz Gustadina'), cantidad: '1' }],
      '01',
    );
  }, 60_000);

  afterAll(async () => {
    await watched?.close();
    await browser?.close();
    await host?.stop();
  });

  it('la caja abre con la sesión del cajero de demostración', async () => {
    expect(await texto('usuario-actual')).toContain('Andrea Mendoza');
    const sesion = await api<{ usuario: { rol: string } }>('sesion.actual', {});
    expect(sesion.usuario.rol).toBe('cajero');
  });

  it('el PIN de un cajero no autoriza una nota de crédito', async () => {
    const usuarios = await api<{ id: string; rol: string }[]>('usuarios.listar', {});
    const cajero = usuarios.find((u) => u.rol === 'cajero');
    // The PIN is checked when the single-use approval is asked for.
    const r = await llamar('aprobaciones.solicitar', {
      usuarioId: cajero?.id,
      pin: '1234',
      accion: 'notasCredito.emitir',
      entrada: {
        notaId: crypto.randomUUID(),
        facturaId: factura.documentoId,
        lineas: [{ linea: 1, cantidad: '1' }],
        motivo: 'Intento sin supervisor',
        reembolso: '01',
      },
    });
    expect(!r.ok && r.error.code).toBe('rol_insuficiente');
  });

  it('una factura a consumidor final se rechaza en pantalla', async () => {
    await page.keyboard.press('Alt+2');
    await page.getByTestId('pantalla-notas-credito').waitFor();
    await buscar(consumidorFinal.numero);
    await page.getByTestId('nc-mensaje').waitFor();
    expect(await texto('nc-mensaje')).toContain('consumidor final');
    expect(await page.getByTestId('nc-emitir').isDisabled()).toBe(true);
    await screenshot(page, 'nc-consumidor-final');
    // The only thing left to do has the focus: back to the search.
    await page.keyboard.press('Enter');
  });

  it('una devolución parcial con el PIN del supervisor, solo con el teclado', async () => {
    await buscar(factura.numero);
    await esperar(`document.activeElement?.getAttribute('data-testid') === 'nc-cantidad-1'`);
    await page.keyboard.type('1');
    await page.keyboard.press('Tab');
    expect(await enfocado()).toBe('nc-cantidad-2');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await enfocado()).toBe('nc-motivo');
    await page.keyboard.type('Leche en mal estado');
    await esperar(`/\\$/.test(document.querySelector('.nc-total')?.textContent ?? '')`);
    await screenshot(page, 'nc-parcial-formulario');
    await page.keyboard.press('Enter');
    // A wrong PIN stays in the dialog with a Spanish message.
    await autorizarCon('0000');
    await esperar(
      `document.querySelector('.teclado-pin-error')?.textContent === 'PIN incorrecto.'`,
    );
    await screenshot(page, 'nc-autorizacion-pin-incorrecto');
    await autorizarCon('5678', false);
    await page.getByTestId('nc-emitida').waitFor();
    expect(await texto('nc-emitida')).toContain(factura.numero);
    await esperar(
      `document.querySelector('[data-testid="nc-estado"]')?.textContent === 'Autorizada por el SRI'`,
    );
    await screenshot(page, 'nc-parcial-autorizada');
    const axe = await runAxe(page);
    expect(seriousOrCritical(axe.violations)).toEqual([]);
    const detalle = await api<{ estado: string }>('documentos.obtener', {
      id: factura.documentoId,
    });
    expect(detalle.estado).toBe('AUTHORIZED');
  });

  it('una segunda nota por el resto deja la factura VOIDED_BY_NC cuando el SRI la autoriza', async () => {
    // «Nueva devolución» has the focus.
    await page.keyboard.press('Enter');
    await buscar(factura.numero);
    await esperar(`document.activeElement?.getAttribute('data-testid') === 'nc-cantidad-1'`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // Devolver todo lo que queda
    await esperar(
      `document.querySelector('[data-testid="nc-cantidad-1"]')?.value === '2' && document.querySelector('[data-testid="nc-cantidad-2"]')?.value === '1'`,
    );
    await page.keyboard.press('Tab');
    expect(await enfocado()).toBe('nc-motivo');
    await page.keyboard.type('El cliente devuelve el resto de la compra');
    await page.keyboard.press('Enter');
    // Jorge approved the first note: the dialog starts on him, with the focus in the PIN.
    await autorizarCon('5678', false);
    await page.getByTestId('nc-emitida').waitFor();
    expect(await texto('nc-emitida')).toContain('Devolución total');
    await esperar(
      `document.querySelector('[data-testid="nc-estado"]')?.textContent === 'Autorizada por el SRI'`,
    );
    await esperarEstado(factura.documentoId, 'VOIDED_BY_NC');
    await screenshot(page, 'nc-total-autorizada');
  });

  it('una tercera nota se rechaza: no queda nada por devolver', async () => {
    await page.keyboard.press('Enter');
    await buscar(factura.numero);
    await page.getByTestId('nc-mensaje').waitFor();
    expect(await texto('nc-mensaje')).toContain('anulada por una nota de crédito');
    expect(await page.getByTestId('nc-emitir').isDisabled()).toBe(true);
    await screenshot(page, 'nc-tercera-rechazada');
    const entrada = {
      notaId: crypto.randomUUID(),
      facturaId: factura.documentoId,
      lineas: [{ linea: 1, cantidad: '1' }],
      motivo: 'Una más',
      reembolso: '01',
    };
    const { token } = await api<{ token: string }>('aprobaciones.solicitar', {
      usuarioId: (await api<{ id: string; rol: string }[]>('usuarios.listar', {})).find(
        (u) => u.rol === 'supervisor',
      )?.id,
      pin: '5678',
      accion: 'notasCredito.emitir',
      entrada,
    });
    const r = await llamar('notasCredito.emitir', { ...entrada, autorizacion: { token } });
    expect(!r.ok && r.error.code).toBe('factura_no_elegible');
  });

  it('«Cambiar usuario» con el teclado: el supervisor ingresa con su PIN y la cabecera lo muestra', async () => {
    // Esc changes nothing: the dialog closes and Andrea keeps the counter.
    await page.getByRole('button', { name: 'Cambiar usuario' }).press('Enter');
    await page.getByTestId('dialogo-ingreso').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('dialogo-ingreso').waitFor({ state: 'hidden' });
    expect(await texto('usuario-actual')).toContain('Andrea Mendoza');

    await page.getByRole('button', { name: 'Cambiar usuario' }).press('Enter');
    await page.getByTestId('dialogo-ingreso').waitFor();
    await esperar(`document.activeElement?.getAttribute('type') === 'radio'`);
    // The focus starts on the first user other than Andrea, who is at the counter: Jorge.
    expect(await page.getByRole('radio', { name: /Jorge Cedeño/ }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await enfocado()).toBe('campo-pin');
    await page.keyboard.type('5678');
    await screenshot(page, 'sesion-cambiar-usuario');
    await page.keyboard.press('Enter');
    await esperar(
      `document.querySelector('[data-testid="usuario-actual"]')?.textContent.includes('Jorge Cedeño')`,
    );
    const sesion = await api<{ usuario: { rol: string } }>('sesion.actual', {});
    expect(sesion.usuario.rol).toBe('supervisor');
    expect(watched.consoleErrors).toEqual([]);
  });
});
