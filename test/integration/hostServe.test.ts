import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/io';
import { createServeCommand, defaultDataDir } from '../../src/main/cli/serve';
import { rawRequest } from './hostClient';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mostrador-serve-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fakeIo = () => {
  let stop: () => void = () => {};
  const stdout: string[] = [];
  const stderr: string[] = [];
  let printed: (line: string) => void = () => {};
  const firstLine = new Promise<string>((resolve) => {
    printed = resolve;
  });
  const io: CliIo = {
    stdout: (chunk) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      stdout.push(text);
      printed(text);
    },
    stderr: (text) => {
      stderr.push(text);
    },
    env: { MOSTRADOR_LOG: 'warn' },
    cwd: dir,
    stopped: new Promise<void>((resolve) => {
      stop = resolve;
    }),
  };
  return { io, stdout, stderr, firstLine, stop: () => stop() };
};

describe('mostrador serve', () => {
  it('imprime la URL, atiende con el token y termina con 0 al detenerse', async () => {
    const staticDir = join(dir, 'renderer');
    await mkdir(staticDir, { recursive: true });
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>M</title>');
    const { io, stdout, firstLine, stop } = fakeIo();
    const running = createServeCommand({ staticDir }).run(['--data-dir', 'datos', '--demo'], io);
    const line = await firstLine;
    const match = /^Mostrador: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]{43}))\n$/u.exec(line);
    expect(match, line).not.toBeNull();
    const port = Number(match?.[2]);
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/api/call/app.estado',
      headers: { Authorization: `Bearer ${match?.[3]}` },
      body: '{}',
    });
    expect(response.json()).toMatchObject({ ok: true, value: { backendSri: 'simulador' } });
    expect((await stat(join(dir, 'datos'))).isDirectory()).toBe(true);
    stop();
    expect(await running).toBe(0);
    expect(stdout).toHaveLength(1);
    await expect(rawRequest(port, { path: '/' })).rejects.toThrow(/ECONNREFUSED/u);
  });

  it('sale con 2 y pide compilar la interfaz cuando falta out/renderer/index.html', async () => {
    const { io, stderr } = fakeIo();
    const code = await createServeCommand({ staticDir: join(dir, 'no-existe') }).run([], io);
    expect(code).toBe(2);
    expect(stderr.join('\n')).toContain('npm run build:renderer');
  });

  it('sale con 2 y explica el problema cuando la carpeta de datos no se puede usar', async () => {
    const staticDir = join(dir, 'renderer');
    await mkdir(staticDir, { recursive: true });
    await writeFile(join(staticDir, 'index.html'), '<!doctype html>');
    await writeFile(join(dir, 'archivo'), 'no soy carpeta');
    const { io, stdout, stderr } = fakeIo();
    const code = await createServeCommand({ staticDir }).run(['--data-dir', 'archivo/datos'], io);
    expect(code).toBe(2);
    expect(stderr.join('\n')).toContain('No se pudo crear la carpeta de datos');
    expect(stdout).toEqual([]);
  });

  it('rechaza un puerto que no es número', async () => {
    const { io } = fakeIo();
    const run = createServeCommand({ staticDir: dir }).run(['--port', '80a'], io);
    await expect(run).rejects.toThrow('--port debe ser un número entre 0 y 65535');
  });

  it('rechaza un MOSTRADOR_SMTP_URL inválido en español y sin repetir la contraseña', async () => {
    const { io } = fakeIo();
    io.env = { ...io.env, MOSTRADOR_SMTP_URL: 'http://caja:secreto@mail.tienda.ec' };
    const run = createServeCommand({ staticDir: dir }).run([], io);
    await expect(run).rejects.toThrow('La dirección del servidor de correo no es válida');
    await expect(run).rejects.not.toThrow('secreto');
  });

  it('usa XDG en Linux y %APPDATA% en Windows como carpeta de datos por omisión', () => {
    expect(defaultDataDir({}, 'linux', '/home/ana')).toBe('/home/ana/.local/share/mostrador');
    expect(defaultDataDir({ XDG_DATA_HOME: '/datos' }, 'linux', '/home/ana')).toBe(
      '/datos/mostrador',
    );
    expect(defaultDataDir({ XDG_DATA_HOME: 'relativo' }, 'linux', '/home/ana')).toBe(
      '/home/ana/.local/share/mostrador',
    );
    expect(
      defaultDataDir({ APPDATA: 'C:\\Users\\Ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\Ana'),
    ).toContain('Mostrador');
  });
});
