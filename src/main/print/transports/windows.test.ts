import { describe, expect, it } from 'vitest';
import { crearSpoolerDoble } from '../../../../test/fakes/spooler';
import { sendRawSpool } from './raw';
import { estadoWindows, listarImpresorasWindows, sendWindowsRaw, spoolerWindows } from './windows';

const BYTES = Uint8Array.from([0x1b, 0x40, 0xa4, 0x0a, 0x1d, 0x56, 66, 0]);

describe('ESC/POS en crudo por el spooler de Windows (doble de winspool.drv)', () => {
  it('lista: entrega los bytes exactos como un documento RAW y cierra todo', () => {
    const spooler = crearSpoolerDoble();
    spooler.poner('POS-80');
    expect(sendWindowsRaw('POS-80', BYTES, spooler, 'RIDE 001-001-000000009')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(spooler.documentos).toEqual([
      { impresora: 'POS-80', documento: 'RIDE 001-001-000000009', bytes: BYTES },
    ]);
    // The state is read before anything is sent: opening succeeds even when unplugged.
    expect(spooler.llamadas).toEqual([
      'OpenPrinterW',
      'GetPrinterW',
      'ClosePrinter',
      'OpenPrinterW',
      'StartDocPrinterW',
      'StartPagePrinter',
      'WritePrinter',
      'EndPagePrinter',
      'EndDocPrinter',
      'ClosePrinter',
    ]);
  });

  it.each([
    {
      caso: 'apagada (PRINTER_STATUS_OFFLINE)',
      status: 0x80,
      attributes: 0,
      code: 'impresora_apagada',
      message:
        'La impresora «POS-80» está apagada o desconectada. Revise el cable USB y que esté encendida (y que Windows no la tenga «sin conexión»).',
    },
    {
      caso: '«usar sin conexión» (PRINTER_ATTRIBUTE_WORK_OFFLINE)',
      status: 0,
      attributes: 0x400,
      code: 'impresora_apagada',
      message:
        'La impresora «POS-80» está apagada o desconectada. Revise el cable USB y que esté encendida (y que Windows no la tenga «sin conexión»).',
    },
    {
      caso: 'sin papel (PRINTER_STATUS_PAPER_OUT)',
      status: 0x10,
      attributes: 0,
      code: 'impresora_sin_papel',
      message: 'La impresora «POS-80» no tiene papel. Cambie el rollo y vuelva a intentar.',
    },
    {
      caso: 'error (PRINTER_STATUS_ERROR, tapa abierta)',
      status: 0x2 | 0x400000,
      attributes: 0,
      code: 'impresora_error',
      message:
        'La impresora «POS-80» tiene un error: revise que la tapa esté cerrada y que el papel no esté atascado.',
    },
    {
      caso: 'en pausa (PRINTER_STATUS_PAUSED)',
      status: 0x1,
      attributes: 0,
      code: 'impresora_detenida',
      message:
        'La impresora «POS-80» está en pausa en Windows. Reanúdela en Configuración › Impresoras y escáneres.',
    },
  ])('$caso: lo dice en español y no envía nada', ({ status, attributes, code, message }) => {
    const spooler = crearSpoolerDoble();
    spooler.poner('POS-80', status, attributes);
    expect(sendWindowsRaw('POS-80', BYTES, spooler)).toEqual({
      ok: false,
      error: { code, message },
    });
    expect(spooler.documentos).toEqual([]);
    expect(spooler.llamadas).not.toContain('StartDocPrinterW');
  });

  it('una impresora que no existe se nombra', () => {
    const spooler = crearSpoolerDoble();
    expect(sendWindowsRaw('EPSON TM-T20', BYTES, spooler)).toEqual({
      ok: false,
      error: {
        code: 'impresora_no_existe',
        message:
          'La impresora «EPSON TM-T20» no existe en este equipo. Elija una de la lista de impresoras de Windows.',
      },
    });
  });

  it('una escritura más corta que los bytes no cuenta como impresa y el documento se anula', () => {
    const spooler = crearSpoolerDoble();
    spooler.poner('POS-80');
    spooler.escribirSolo(3);
    expect(sendWindowsRaw('POS-80', BYTES, spooler)).toEqual({
      ok: false,
      error: {
        code: 'impresora_corto',
        message:
          'La impresora «POS-80» recibió solo 3 de 8 bytes; no se imprimió. Revise el papel y el cable y vuelva a intentar.',
      },
    });
    expect(spooler.llamadas.slice(-2)).toEqual(['AbortPrinter', 'ClosePrinter']);
    expect(spooler.documentos).toEqual([]);
  });

  it('un paso que Windows rechaza se dice con su código', () => {
    const spooler = crearSpoolerDoble();
    spooler.poner('POS-80');
    spooler.fallarEn('documento', 1804);
    expect(sendWindowsRaw('POS-80', BYTES, spooler)).toEqual({
      ok: false,
      error: {
        code: 'spooler_error',
        message:
          'Windows no pudo empezar el documento en «POS-80» (error 1804). Revise la impresora y vuelva a intentar.',
      },
    });
  });

  it('sendRawSpool usa el spooler en Windows y lista con EnumPrintersW', async () => {
    const spooler = crearSpoolerDoble();
    spooler.poner('POS-80');
    spooler.poner('Generic / Text Only', 0x80);
    expect(await sendRawSpool('POS-80', BYTES, { platform: 'win32', spooler })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(listarImpresorasWindows(spooler)).toEqual({
      ok: true,
      value: [
        { nombre: 'POS-80', estado: 'lista' },
        { nombre: 'Generic / Text Only', estado: 'apagada' },
      ],
    });
  });

  it('fuera de Windows no carga koffi y lo dice', () => {
    expect(spoolerWindows('linux')).toMatchObject({
      ok: false,
      error: { code: 'spooler_no_disponible' },
    });
  });

  it.each([
    [0, 0, 'lista'],
    [0x400, 0, 'imprimiendo'],
    [0x1000, 0, 'apagada'],
    [0x40, 0, 'sin_papel'],
    [0x8, 0, 'error'],
  ])('estado %i/%i → %s', (status, attributes, estado) => {
    expect(estadoWindows(status, attributes)).toBe(estado);
  });
});

describe.skipIf(process.platform !== 'win32')('winspool.drv de verdad (solo en Windows)', () => {
  it('koffi carga winspool.drv y lee el estado de la impresora predeterminada', () => {
    const spooler = spoolerWindows();
    if (!spooler.ok) throw new Error(spooler.error.message);
    const lista = spooler.value.listar();
    expect(Array.isArray(lista)).toBe(true);
    expect(spooler.value.estado('Mostrador no existe 4c1d')).toBeNull();
    const nombre = spooler.value.predeterminada();
    // A machine without printers has no default: loading and listing was the check.
    if (nombre === null) return;
    expect(lista.map((p) => p.nombre)).toContain(nombre);
    const info = spooler.value.estado(nombre);
    expect(typeof info?.status).toBe('number');
    // Printing really puts paper out: only when asked (MOSTRADOR_PRUEBA_SPOOLER=1).
    if (process.env.MOSTRADOR_PRUEBA_SPOOLER === '1') {
      const texto = new TextEncoder().encode('Mostrador: prueba del spooler\n\n\n');
      expect(
        sendWindowsRaw(nombre, Uint8Array.from([0x1b, 0x40, ...texto]), spooler.value),
      ).toEqual({ ok: true, value: undefined });
    }
  });
});
