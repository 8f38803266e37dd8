import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCups, startFakeCups } from '../../../test/fakes/cups';
import type { CliIo } from './io';
import { main } from './main';

let cups: FakeCups;
beforeAll(() => {
  cups = startFakeCups();
});
afterAll(() => cups.close());

const FACTURA = resolve(import.meta.dirname, '../../../test/fixtures/print/factura-nanez.xml');

const correr = async (args: string[], env: NodeJS.ProcessEnv) => {
  const salida: string[] = [];
  const errores: string[] = [];
  const io: CliIo = {
    stdout: (chunk) => {
      salida.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    },
    stderr: (text) => {
      errores.push(text);
    },
    env,
    cwd: process.cwd(),
    stopped: new Promise<void>(() => {}),
  };
  const codigo = await main(args, io);
  return { codigo, salida: salida.join(''), errores: errores.join('\n') };
};

describe.skipIf(process.platform === 'win32')('mostrador impresoras', () => {
  it('lista las colas de CUPS con su estado en español', async () => {
    cups.setColas({
      TM20: 'printer TM20 is idle.  enabled since Wed 02 Dec 2026 10:00:00 -05',
      'POS-80': 'printer POS-80 is idle.  enabled since …\n\tPrinter is offline.',
    });
    const r = await correr(['impresoras'], cups.env);
    expect(r).toEqual({
      codigo: 0,
      salida: 'TM20    lista\nPOS-80  apagada o desconectada\n',
      errores: '',
    });
    const json = await correr(['impresoras', '--json'], cups.env);
    expect(JSON.parse(json.salida)).toEqual([
      { nombre: 'TM20', estado: 'lista' },
      { nombre: 'POS-80', estado: 'apagada' },
    ]);
  });

  it('sin colas lo dice', async () => {
    cups.setColas({});
    expect((await correr(['impresoras'], cups.env)).salida).toBe(
      'No hay impresoras instaladas en este equipo.\n',
    );
  });

  it('sin CUPS sale con 1 y lo explica', async () => {
    const r = await correr(['impresoras'], { PATH: cups.dir.replace(/$/, '-no-existe') });
    expect(r.codigo).toBe(1);
    expect(r.errores).toContain('No se encontró el comando «lpstat» (CUPS)');
  });
});

describe.skipIf(process.platform === 'win32')('mostrador imprimir', () => {
  beforeAll(() =>
    cups.setColas({
      TM20: 'printer TM20 is idle.  enabled since Wed 02 Dec 2026 10:00:00 -05',
      Oficina: 'printer Oficina is idle.  enabled since Wed 02 Dec 2026 10:00:00 -05',
      'POS-80': 'printer POS-80 is idle.  enabled since …\n\tPrinter is offline.',
    }),
  );

  it('ESC/POS con cajón: los bytes del recibo van crudos a la cola', async () => {
    const antes = cups.trabajos().length;
    const r = await correr(
      ['imprimir', FACTURA, '--cola', 'TM20', '--formato', 'escpos', '--cajon'],
      cups.env,
    );
    expect(r).toEqual({ codigo: 0, salida: 'Impreso en «TM20».\n', errores: '' });
    const trabajo = cups.trabajos()[antes];
    expect(trabajo?.args).toEqual(['-d', 'TM20', '-o', 'raw']);
    const bytes = Buffer.from(trabajo?.bytes ?? []);
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1b, 0x40]));
    // ESC p: the drawer kick asked for with --cajon.
    expect(bytes.includes(Buffer.from([0x1b, 0x70]))).toBe(true);
  });

  it('A4: un PDF a la cola', async () => {
    const antes = cups.trabajos().length;
    const r = await correr(['imprimir', FACTURA, '--cola', 'Oficina', '--formato', 'a4'], cups.env);
    expect(r.codigo).toBe(0);
    const trabajo = cups.trabajos()[antes];
    expect(trabajo?.args.slice(0, 2)).toEqual(['-d', 'Oficina']);
    expect(
      Buffer.from(trabajo?.bytes ?? [])
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it.each([
    { cola: 'NoExiste', mensaje: 'La cola de impresión «NoExiste» no existe en este equipo' },
    { cola: 'POS-80', mensaje: 'La impresora «POS-80» está apagada o desconectada' },
  ])('cola $cola: sale con 2 y el motivo, sin imprimir', async ({ cola, mensaje }) => {
    const antes = cups.trabajos().length;
    const r = await correr(['imprimir', FACTURA, '--cola', cola, '--formato', 'escpos'], cups.env);
    expect(r.codigo).toBe(2);
    expect(r.errores).toContain(mensaje);
    expect(cups.trabajos()).toHaveLength(antes);
  });
});
