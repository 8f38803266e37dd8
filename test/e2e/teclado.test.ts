import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  abrirTurno,
  callHost,
  type DemoApp,
  type HostProcess,
  openDemoApp,
  type WatchedPage,
} from './harness';

/** The focused element: its tag, its type and its accessible label (the text of its label). */
const foco = (page: Page): Promise<string> =>
  page.evaluate<string>(
    `(() => {
      const e = document.activeElement;
      if (e === null) return '';
      const etiqueta = (e.labels?.[0]?.textContent ?? e.textContent ?? '').replace(/\\s+/g, ' ').trim();
      return [e.tagName, e.getAttribute('type') ?? '', etiqueta, e.checked === true ? 'marcado' : ''].join('|');
    })()`,
  );

/**
 * Keyboard-only work in dialogs and forms (issue 20, «Awkward: focus»): every screen and dialog
 * lands on the field the user types next.
 */
describe('El teclado llega al campo que se escribe después', () => {
  let app: DemoApp;
  let host: HostProcess;
  let watched: WatchedPage;
  let page: Page;

  const aprobacion = (): Locator => page.locator('[data-testid="dialogo-autorizacion"][open]');

  /** A cash withdrawal typed in Caja's form, up to the supervisor's dialog. */
  const pedirRetiro = async (monto: string): Promise<void> => {
    await page.getByTestId('monto-movimiento').fill(monto);
    await page.getByTestId('motivo-movimiento').fill('Pago al proveedor');
    await page.getByTestId('registrar-movimiento').click();
    await aprobacion().waitFor();
  };

  /** The buttons are inside the dialog and the window, and the dialog needs no scrolling. */
  const botonesDentro = async (dialogo: Locator, nombres: readonly string[]): Promise<void> => {
    const caja = await dialogo.boundingBox();
    const viewport = page.viewportSize();
    expect(caja).not.toBeNull();
    expect(viewport).not.toBeNull();
    if (caja === null || viewport === null) return;
    for (const nombre of nombres) {
      const boton = await dialogo.getByRole('button', { name: nombre, exact: true }).boundingBox();
      expect(boton, nombre).not.toBeNull();
      if (boton === null) continue;
      expect(boton.y + boton.height, nombre).toBeLessThanOrEqual(caja.y + caja.height);
      expect(boton.y + boton.height, nombre).toBeLessThanOrEqual(viewport.height);
    }
    expect(
      await dialogo.evaluate((d) => d.scrollHeight <= d.clientHeight),
      'el diálogo no necesita desplazarse',
    ).toBe(true);
  };

  beforeAll(async () => {
    app = await openDemoApp();
    ({ host, watched, page } = app);
    // A float to withdraw from.
    await abrirTurno(host, 10_000);
    await page.keyboard.press('Alt+4');
    await page.getByTestId('turno').waitFor();
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('los diálogos del PIN', () => {
    it('con varios que pueden aprobar, el foco está en la lista: flechas eligen, Tab lleva al PIN', async () => {
      await pedirRetiro('1');
      // A cashier is logged in and nobody approved yet: the focus is on the choice of who.
      // What has the focus is chosen, so Tab and the PIN never end in «Elija quién autoriza.».
      expect(await foco(page)).toMatch(/^INPUT\|radio\|Jorge Cedeño.*\|marcado$/);
      await page.keyboard.press('ArrowDown');
      expect(await foco(page)).toMatch(/^INPUT\|radio\|Rosa Villamar.*\|marcado$/);
      await page.keyboard.press('ArrowUp');
      expect(await foco(page)).toMatch(/^INPUT\|radio\|Jorge Cedeño.*\|marcado$/);
      await page.keyboard.press('Tab');
      expect(await foco(page)).toMatch(/^INPUT\|password\|PIN/);
      await page.keyboard.type('5678');
      await page.keyboard.press('Enter');
      await aprobacion().waitFor({ state: 'hidden' });
      expect(await page.getByTestId('mensaje-caja').textContent()).toContain('Salida registrada');
    });

    it('la segunda vez elige a quien aprobó la última y el foco va al PIN', async () => {
      await pedirRetiro('2');
      expect(await foco(page)).toMatch(/^INPUT\|password\|PIN/);
      expect(
        await aprobacion()
          .getByRole('radio', { name: /Jorge Cedeño/ })
          .isChecked(),
      ).toBe(true);
      await page.keyboard.type('5678');
      await page.keyboard.press('Enter');
      await aprobacion().waitFor({ state: 'hidden' });
    });

    it('un PIN incorrecto deja el mensaje y los botones dentro del diálogo a 1366×768', async () => {
      await pedirRetiro('3');
      await page.keyboard.type('0000');
      await page.keyboard.press('Enter');
      const dialogo = aprobacion();
      await dialogo.getByText('PIN incorrecto', { exact: false }).waitFor();
      // The PIN is typed again at once.
      expect(await foco(page)).toMatch(/^INPUT\|password\|PIN/);
      await botonesDentro(dialogo, ['Autorizar', 'Cancelar']);
      await dialogo.getByRole('button', { name: 'Cancelar', exact: true }).click();
      await dialogo.waitFor({ state: 'hidden' });
    });

    it('con quien puede aprobar en el mostrador, el diálogo lo elige a él y el foco va al PIN', async () => {
      await page.getByTestId('usuario-actual').getByRole('button').click();
      const ingreso = page.locator('[data-testid="dialogo-ingreso"][open]');
      await ingreso.waitFor();
      // Several others: the focus is on the choice, on someone other than who is at the counter,
      // and what has the focus is chosen.
      expect(await foco(page)).toMatch(/^INPUT\|radio\|.*\|marcado$/);
      expect(await foco(page)).not.toContain('Andrea Mendoza');
      await ingreso.getByRole('radio', { name: /Rosa Villamar/ }).check();
      await page.keyboard.press('Tab');
      expect(await foco(page)).toMatch(/^INPUT\|password\|PIN/);
      // Three users and a wrong PIN still fit at 1366×768.
      await page.keyboard.type('0000');
      await page.keyboard.press('Enter');
      await ingreso.getByText('PIN incorrecto', { exact: false }).waitFor();
      await botonesDentro(ingreso, ['Ingresar', 'Cancelar']);
      expect(await foco(page)).toMatch(/^INPUT\|password\|PIN/);
      await page.keyboard.type('9012');
      await page.keyboard.press('Enter');
      await ingreso.waitFor({ state: 'hidden' });
      await page.getByTestId('usuario-actual').filter({ hasText: 'Rosa Villamar' }).waitFor();

      // Jorge approved last, but Rosa is at the counter and may approve: her, then the PIN.
      await pedirRetiro('4');
      expect(await foco(page)).toMatch(/^INPUT\|password\|PIN/);
      expect(
        await aprobacion()
          .getByRole('radio', { name: /Rosa Villamar/ })
          .isChecked(),
      ).toBe(true);
      await page.keyboard.press('Escape');
      await aprobacion().waitFor({ state: 'hidden' });
      // Back to the cashier for the tests that follow.
      const usuarios = await callHost<{ id: string; nombre: string }[]>(
        host,
        'usuarios.listar',
        {},
      );
      const andrea = usuarios.find((u) => u.nombre === 'Andrea Mendoza');
      await callHost(host, 'sesion.iniciar', { usuarioId: andrea?.id, pin: '1234' });
      await page.getByTestId('usuario-actual').filter({ hasText: 'Andrea Mendoza' }).waitFor();
    });
  });

  describe('el margen de diferencia del cierre, en Caja', () => {
    const iniciarComo = async (nombre: string, pin: string): Promise<void> => {
      const usuarios = await callHost<{ id: string; nombre: string }[]>(
        host,
        'usuarios.listar',
        {},
      );
      const id = usuarios.find((u) => u.nombre === nombre)?.id;
      await callHost(host, 'sesion.iniciar', { usuarioId: id, pin });
      await page.getByTestId('usuario-actual').filter({ hasText: nombre }).waitFor();
    };

    it('el cajero no lo ve; el supervisor lo ve en dólares y lo cambia con la aprobación de un administrador', async () => {
      expect(await page.getByTestId('tolerancia').count()).toBe(0);
      await iniciarComo('Jorge Cedeño', '5678');
      const panel = page.getByTestId('tolerancia');
      await panel.waitFor();
      // The screen says who is at the counter now, not who was when it loaded.
      await page.getByText('Atiende: Jorge Cedeño.', { exact: true }).waitFor();
      expect(await page.getByTestId('tolerancia-actual').textContent()).toBe('$1.00');

      // Not a number: said next to the field, which keeps the focus; nothing is asked.
      await page.getByTestId('tolerancia-campo').focus();
      await page.keyboard.type('uno');
      await page.keyboard.press('Enter');
      const error = page.getByTestId('tolerancia-error');
      await error.waitFor();
      expect(await error.textContent()).toContain('en dólares');
      expect(await page.getByTestId('tolerancia-campo').getAttribute('aria-describedby')).toBe(
        await error.getAttribute('id'),
      );
      expect(await foco(page)).toMatch(/^INPUT\|\|Nuevo margen/);
      expect(await aprobacion().count()).toBe(0);

      // More than the contract allows ($1,000.00).
      await page.getByTestId('tolerancia-campo').fill('1000.01');
      await page.keyboard.press('Enter');
      await page.getByTestId('tolerancia-error').filter({ hasText: '1,000.00' }).waitFor();

      await page.getByTestId('tolerancia-campo').fill('2.50');
      await page.keyboard.press('Enter');
      await aprobacion().waitFor();
      expect(await aprobacion().textContent()).toContain('Aprobación de un administrador');
      // Rosa is the only administrador: chosen, and the PIN has the focus.
      expect(await foco(page)).toMatch(/^INPUT\|password\|PIN/);
      await page.keyboard.type('9012');
      await page.keyboard.press('Enter');
      await aprobacion().waitFor({ state: 'hidden' });
      await page.getByTestId('tolerancia-actual').filter({ hasText: '$2.50' }).waitFor();
      expect(
        (await callHost<{ toleranciaCentavos: number }>(host, 'caja.estado', {}))
          .toleranciaCentavos,
      ).toBe(250);
      expect(await page.getByTestId('tolerancia-campo').inputValue()).toBe('');
      await iniciarComo('Andrea Mendoza', '1234');
      await page.getByTestId('tolerancia').waitFor({ state: 'detached' });
    });
  });

  describe('el formulario de entradas y salidas de Caja', () => {
    it('elegir el tipo lleva al monto, Enter registra, el error queda junto a su campo y el foco vuelve al monto', async () => {
      // What the cancelled withdrawals above left in the form.
      await page.getByTestId('monto-movimiento').fill('');
      await page.getByTestId('motivo-movimiento').fill('');
      await page.getByRole('radio', { name: 'Entrada' }).click();
      expect(await foco(page)).toMatch(/^INPUT\|\|Monto/);
      await page.keyboard.type('5');
      await page.keyboard.press('Enter');
      // No reason yet: the message is under «Motivo», which takes the focus.
      const error = page.getByTestId('motivo-movimiento-error');
      await error.waitFor();
      expect(await error.textContent()).toBe('Escriba el motivo.');
      expect(await page.getByTestId('motivo-movimiento').getAttribute('aria-invalid')).toBe('true');
      expect(await foco(page)).toMatch(/^INPUT\|\|Motivo/);
      await page.keyboard.type('Cambio de monedas');
      await page.keyboard.press('Enter');
      await page.getByTestId('mensaje-caja').filter({ hasText: 'Entrada registrada' }).waitFor();
      expect(await page.getByTestId('motivo-movimiento-error').count()).toBe(0);
      expect(await page.getByTestId('monto-movimiento').inputValue()).toBe('');
      expect(await foco(page)).toMatch(/^INPUT\|\|Monto/);

      // An empty amount: the message is under «Monto».
      await page.keyboard.press('Enter');
      await page.getByTestId('monto-movimiento-error').waitFor();
      expect(await foco(page)).toMatch(/^INPUT\|\|Monto/);

      // Back to a withdrawal with the arrows: the focus goes on to the amount again; after the
      // supervisor's approval it is back in the amount for the next one.
      await page.getByRole('radio', { name: 'Entrada' }).focus();
      await page.keyboard.press('ArrowUp');
      expect(await page.getByRole('radio', { name: 'Salida (retiro)' }).isChecked()).toBe(true);
      expect(await foco(page)).toMatch(/^INPUT\|\|Monto/);
      await page.keyboard.type('1');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Compra de fundas');
      await page.keyboard.press('Enter');
      await aprobacion().waitFor();
      await aprobacion()
        .getByRole('radio', { name: /Jorge Cedeño/ })
        .check();
      await aprobacion().getByTestId('campo-pin').fill('5678');
      await page.keyboard.press('Enter');
      await aprobacion().waitFor({ state: 'hidden' });
      await page.getByTestId('mensaje-caja').filter({ hasText: 'Salida registrada' }).waitFor();
      expect(await foco(page)).toMatch(/^INPUT\|\|Monto/);
    });
  });

  describe('Cobro y el mapa de teclas', () => {
    it('Esc cierra el mapa de teclas (F1) también en Cobro, y el foco vuelve al lector', async () => {
      await page.keyboard.press('Alt+1');
      await page.getByTestId('campo-escaneo').and(page.locator(':focus')).waitFor();
      await page.keyboard.press('F1');
      const atajos = page.locator('[data-testid="dialogo-atajos"][open]');
      await atajos.waitFor();
      await page.keyboard.press('Escape');
      await atajos.waitFor({ state: 'detached' });
      await page.getByTestId('campo-escaneo').and(page.locator(':focus')).waitFor();
      // Cobro's keys wait while the map is open: F3 does not open the buyer panel behind it.
      await page.keyboard.press('F1');
      await atajos.waitFor();
      await page.keyboard.press('F3');
      expect(await page.getByTestId('panel-comprador').count()).toBe(0);
      await page.keyboard.press('Escape');
      await atajos.waitFor({ state: 'detached' });
      await page.getByTestId('campo-escaneo').and(page.locator(':focus')).waitFor();
      expect(await page.getByTestId('panel-comprador').count()).toBe(0);
    });
  });

  it('no hubo excepciones en la página', () => {
    expect(watched.pageErrors).toEqual([]);
  });
});
