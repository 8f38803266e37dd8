import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCups, startFakeCups } from '../../../test/fakes/cups';
import type { CliIo } from './io';
import { main } from './main';

let cups: FakeCups;
beforeAll(() => {
  cups = startFakeCups();
});
afterAll(() => cups.close());

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
  const codigo = await main(['impresoras', ...args], io);
  return { codigo, salida: salida.join(''), errores: errores.join('\n') };
};

describe.skipIf(process.platform === 'win32')('mostrador impresoras', () => {
  it('lista las colas de CUPS con su estado en español', async () => {
    cups.setColas({
      TM20: 'printer TM20 is idle.  enabled since Wed 02 Dec 2026 10:00:00 -05',
      'POS-80': 'printer POS-80 is idle.  enabled since …\n\tPrinter is offline.',
    });
    const r = await correr([], cups.env);
    expect(r).toEqual({
      codigo: 0,
      salida: 'TM20    lista\nPOS-80  apagada o desconectada\n',
      errores: '',
    });
    const json = await correr(['--json'], cups.env);
    expect(JSON.parse(json.salida)).toEqual([
      { nombre: 'TM20', estado: 'lista' },
      { nombre: 'POS-80', estado: 'apagada' },
    ]);
  });

  it('sin colas lo dice', async () => {
    cups.setColas({});
    expect((await correr([], cups.env)).salida).toBe(
      'No hay impresoras instaladas en este equipo.\n',
    );
  });

  it('sin CUPS sale con 1 y lo explica', async () => {
    const r = await correr([], { PATH: cups.dir.replace(/$/, '-no-existe') });
    expect(r.codigo).toBe(1);
    expect(r.errores).toContain('No se encontró el comando «lpstat» (CUPS)');
  });
});
