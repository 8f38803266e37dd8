import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../app';
import { createMemoryLogger, systemClock } from '../log';
import { createIpcCallHandler, createIpcCorreoClienteHandler } from './ipcCall';

const indexFile = '/opt/Mostrador/out/renderer/index.html';
const ourPage = { url: `file://${indexFile}#/cobro`, isMainFrame: true };
let dir: string;
let app: App;
let dispatched: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mostrador-ipc-'));
  const created = await createApp({
    dataDir: join(dir, 'datos'),
    logger: createMemoryLogger(),
    clock: systemClock,
  });
  if (!created.ok) throw new Error(created.error.message);
  app = created.value;
});

afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const handler = () => {
  dispatched = [];
  const logger = createMemoryLogger();
  const handle = createIpcCallHandler({
    app: {
      call: (name, input, transport) => {
        dispatched.push(name);
        return app.call(name, input, transport);
      },
    },
    trusted: { kind: 'file', indexFile },
    logger,
  });
  return { handle, logger };
};

describe('createIpcCallHandler', () => {
  it('atiende una llamada válida de nuestra página', async () => {
    const { handle } = handler();
    const result = await handle(ourPage, 'app.estado', {});
    expect(result).toMatchObject({ ok: true, value: { ambiente: 'pruebas' } });
  });

  it('devuelve error de validación a una entrada inválida y no escribe nada', async () => {
    const { handle } = handler();
    const before = await readdir(join(dir, 'datos'), { recursive: true });
    const result = await handle(ourPage, 'app.estado', { total: 'diez' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'validacion', message: 'El campo «total» no está permitido.', field: 'total' },
    });
    expect(await readdir(join(dir, 'datos'), { recursive: true })).toEqual(before);
  });

  it('rechaza sin despachar una llamada de un iframe o de otra página', async () => {
    const { handle, logger } = handler();
    const iframe = await handle({ ...ourPage, isMainFrame: false }, 'app.estado', {});
    const foreign = await handle(
      { url: 'https://evil.example/', isMainFrame: true },
      'app.estado',
      {},
    );
    const gone = await handle(null, 'app.estado', {});
    for (const result of [iframe, foreign, gone]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'prohibido' } });
    }
    expect(dispatched).toEqual([]);
    expect(logger.entries.filter((entry) => entry.level === 'warn')).toHaveLength(3);
  });

  it('la pantalla del cliente, aunque cargue nuestra página, no puede llamar a nada', async () => {
    const { handle, logger } = handler();
    const pantalla = {
      url: `file://${indexFile}#/cliente`,
      isMainFrame: true,
      pantallaCliente: true,
    };
    for (const name of ['app.estado', 'ventas.cobrar', 'carrito.guardar']) {
      expect(await handle(pantalla, name, {})).toEqual({
        ok: false,
        error: {
          code: 'prohibido',
          message: 'La pantalla del cliente solo muestra; no puede operar.',
        },
      });
    }
    // Changing its own URL does not help: the window is what is checked.
    expect(
      await handle({ ...pantalla, url: `file://${indexFile}#/cobro` }, 'app.estado', {}),
    ).toMatchObject({ ok: false, error: { code: 'prohibido' } });
    expect(dispatched).toEqual([]);
    expect(logger.entries.filter((e) => e.level === 'warn')).toHaveLength(4);
  });

  it('rechaza un nombre de llamada que no es texto', async () => {
    const { handle } = handler();
    const result = await handle(ourPage, { toString: 'x' }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'llamada_desconocida' } });
    expect(dispatched).toEqual([]);
  });
});

describe('createIpcCorreoClienteHandler', () => {
  it('solo la ventana de la pantalla del cliente propone el correo; main lo valida', () => {
    const recibidas: unknown[] = [];
    const logger = createMemoryLogger();
    const correo = createIpcCorreoClienteHandler({
      app: {
        proponerCorreoCliente: (entrada) => {
          recibidas.push(entrada);
          return app.proponerCorreoCliente(entrada);
        },
      },
      logger,
    });
    const pantalla = {
      url: `file://${indexFile}#/cliente`,
      isMainFrame: true,
      pantallaCliente: true,
    };
    const propuesta = { solicitud: 'x', email: 'ana@correo.ec' };
    for (const sender of [ourPage, { ...pantalla, isMainFrame: false }, null]) {
      expect(correo(sender, propuesta)).toMatchObject({ ok: false, error: { code: 'prohibido' } });
    }
    expect(recibidas).toEqual([]);
    // From the display it reaches main, which refuses it: no cart asks for an e-mail.
    expect(correo(pantalla, propuesta)).toMatchObject({
      ok: false,
      error: { code: 'correo_no_pedido' },
    });
    expect(recibidas).toEqual([propuesta]);
  });
});
