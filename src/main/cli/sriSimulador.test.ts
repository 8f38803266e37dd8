import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { createSriClient, endpointsDesdeBase } from '../sri';
import type { CliIo } from './io';
import { main } from './main';

const ioDePrueba = () => {
  let detener: () => void = () => {};
  const salida: string[] = [];
  const errores: string[] = [];
  const io: CliIo = {
    stdout: (chunk) => {
      salida.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    },
    stderr: (text) => {
      errores.push(text);
    },
    env: {},
    cwd: process.cwd(),
    stopped: new Promise<void>((resolve) => {
      detener = resolve;
    }),
  };
  return { io, salida, errores, detener: () => detener() };
};

const esperarUrl = async (salida: string[]): Promise<string> => {
  for (let i = 0; i < 200; i++) {
    const url = salida.join('').trim();
    if (url !== '') return url;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('El simulador no imprimió su URL');
};

describe('mostrador sri-simulador', () => {
  it('imprime la URL, aplica --faults y termina al detenerse', async () => {
    const { io, salida, detener } = ioDePrueba();
    const corriendo = main(['sri-simulador', '--port', '0', '--faults', 'devuelta=35'], io);
    const url = await esperarUrl(salida);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const cliente = createSriClient({
      endpoints: endpointsDesdeBase(url),
      timeouts: { connectMs: 1000, responseMs: 2000 },
      logger: silentLogger,
    });
    expect(await cliente.validarComprobante('<factura/>')).toMatchObject({ kind: 'devuelta' });
    detener();
    expect(await corriendo).toBe(0);
    expect((await cliente.probe()).online).toBe(false);
  });

  it('rechaza una regla de falla mal escrita con salida 2 y mensaje en español', async () => {
    const { io, errores } = ioDePrueba();
    expect(await main(['sri-simulador', '--faults', 'recepcion:en-proceso=2'], io)).toBe(2);
    expect(errores.join('\n')).toContain('no se aplica a recepcion');
  });

  it('documenta la sintaxis de --faults en la ayuda', async () => {
    const { io, salida } = ioDePrueba();
    expect(await main(['sri-simulador', '--help'], io)).toBe(0);
    expect(salida.join('')).toContain('latencia=50,recepcion:http500*2');
  });
});
