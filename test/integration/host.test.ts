import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { createHost, type Host, MAX_BODY_BYTES } from '../../src/main/host';
import { createMemoryLogger, systemClock } from '../../src/main/log';
import { rawRequest } from './hostClient';

let dir: string;
let dataDir: string;
let staticDir: string;
let app: App;
let host: Host;
const logger = createMemoryLogger();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mostrador-host-'));
  dataDir = join(dir, 'datos');
  staticDir = join(dir, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Mostrador</title>');
  await writeFile(join(staticDir, 'assets', 'index-abc123.js'), 'export {};');
  await writeFile(join(dir, 'secreto.txt'), 'no debe salir');
  await symlink(join(dir, 'secreto.txt'), join(staticDir, 'enlace.txt'));
  const created = await createApp({ dataDir, demo: true, logger, clock: systemClock });
  if (!created.ok) throw new Error(created.error.message);
  app = created.value;
  const started = await createHost({ app, staticDir, logger });
  if (!started.ok) throw new Error(started.error.message);
  host = started.value;
});

afterAll(async () => {
  await host?.close();
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

const auth = () => ({ Authorization: `Bearer ${host.token}` });
const call = (name: string, body: string, headers: Record<string, string> = {}) =>
  rawRequest(host.port, {
    method: 'POST',
    path: `/api/call/${name}`,
    headers: { 'Content-Type': 'application/json', ...auth(), ...headers },
    body,
  });

/** Name and SHA-256 of every file under the data folder. */
const snapshot = async (root: string): Promise<Record<string, string>> => {
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    out[file] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  }
  return out;
};

/** Row count of every table of the store. */
const rowCounts = (): Record<string, number> => {
  const tables = app.db.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => [
      table,
      app.db.sqlite
        .prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
};

const expectStillServing = async () => {
  const response = await call('app.estado', '{}');
  expect(response.status).toBe(200);
  expect(response.json()).toMatchObject({ ok: true, value: { backendSri: 'simulador' } });
};

describe('host HTTP', () => {
  it('imprime una URL de 127.0.0.1 con un token aleatorio de 32 bytes', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32);
  });

  it('responde app.estado con un Result a quien trae el token', async () => {
    const response = await call('app.estado', '{}');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({
      ok: true,
      value: {
        version: expect.any(String),
        ambiente: 'pruebas',
        backendSri: 'simulador',
        enLinea: true,
        outboxPendientes: 0,
        ultimoErrorSri: null,
        relojSri: expect.objectContaining({ desincronizado: false }),
        tienda: {
          razonSocial: 'COMERCIAL DON LUCHO CIA. LTDA.',
          nombreComercial: 'Tienda Don Lucho',
          ruc: '0992817364001',
          establecimiento: '001',
          puntoEmision: '001',
        },
      },
    });
  });

  it('responde 401 sin token o con un token equivocado', async () => {
    const without = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/call/app.estado',
      body: '{}',
    });
    expect(without.status).toBe(401);
    expect(without.json()).toMatchObject({ ok: false, error: { code: 'no_autorizado' } });
    const wrong = await call('app.estado', '{}', { Authorization: `Bearer ${'A'.repeat(43)}` });
    expect(wrong.status).toBe(401);
    const events = await rawRequest(host.port, { path: '/api/events?token=otro' });
    expect(events.status).toBe(401);
  });

  it('responde 403 a un Host que no es el loopback del servidor (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, '127.0.0.1:1']) {
      const response = await call('app.estado', '{}', { Host: hostHeader });
      expect(response.status, hostHeader).toBe(403);
    }
    const page = await rawRequest(host.port, { path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
    const named = await call('app.estado', '{}', { Host: `localhost:${host.port}` });
    expect(named.status).toBe(200);
  });

  it('responde 403 a un Origin ajeno aunque traiga el token (CSRF)', async () => {
    for (const origin of ['https://evil.example', 'null', `http://localhost:${host.port + 1}`]) {
      const response = await call('app.estado', '{}', { Origin: origin });
      expect(response.status, origin).toBe(403);
    }
    const same = await call('app.estado', '{}', { Origin: `http://127.0.0.1:${host.port}` });
    expect(same.status).toBe(200);
  });

  it('responde 403 a una petición que el navegador marca de otro sitio', async () => {
    const response = await call('app.estado', '{}', { 'Sec-Fetch-Site': 'cross-site' });
    expect(response.status).toBe(403);
  });

  it('responde 400 con un mensaje a JSON mal formado y sigue atendiendo', async () => {
    const response = await call('app.estado', '{"a":');
    expect(response.status).toBe(400);
    const body = response.json() as { ok: boolean; error: { code: string; message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('json_invalido');
    expect(body.error.message).toMatch(/no es JSON válido/u);
    const empty = await call('app.estado', '');
    expect(empty.status).toBe(400);
    await expectStillServing();
  });

  it('responde 200 con error de validación que nombra el campo, sin escribir nada', async () => {
    const before = await snapshot(dataDir);
    const rowsBefore = rowCounts();
    expect(rowsBefore.product).toBeGreaterThanOrEqual(40);
    const response = await call('app.estado', JSON.stringify({ total: 'diez' }));
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({
      ok: false,
      error: { code: 'validacion', message: 'El campo «total» no está permitido.', field: 'total' },
    });
    const wrongType = await call('app.estado', '[1,2]');
    expect(wrongType.json()).toMatchObject({ ok: false, error: { code: 'validacion' } });
    expect(rowCounts()).toEqual(rowsBefore);
    expect(await snapshot(dataDir)).toEqual(before);
    await expectStillServing();
  });

  it('responde 413 a un cuerpo de más de 1 MB declarado y sigue atendiendo', async () => {
    const response = await call('app.estado', 'x'.repeat(MAX_BODY_BYTES + 1));
    expect(response.status).toBe(413);
    expect(response.json()).toMatchObject({
      ok: false,
      error: { code: 'cuerpo_demasiado_grande' },
    });
    await expectStillServing();
  });

  it('responde 413 a un cuerpo enorme enviado por partes sin Content-Length', async () => {
    const response = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/call/app.estado',
      headers: auth(),
      body: Buffer.alloc(8 * MAX_BODY_BYTES, 0x20),
      chunked: true,
    });
    expect(response.status).toBe(413);
    await expectStillServing();
  });

  it('acepta un cuerpo de justo 1 MB', async () => {
    const body = `{}${' '.repeat(MAX_BODY_BYTES - 2)}`;
    const response = await call('app.estado', body);
    expect(response.status).toBe(200);
  });

  it('responde 404 con un Result a una llamada desconocida y 405 a un método equivocado', async () => {
    const unknown = await call('ventas.borrarTodo', '{}');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'llamada_desconocida' } });
    const get = await rawRequest(host.port, { path: '/api/call/app.estado', headers: auth() });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const put = await rawRequest(host.port, { method: 'PUT', path: '/', body: 'x' });
    expect(put.status).toBe(405);
    await expectStillServing();
  });

  it('sirve el renderer con CSP estricta, nosniff y sin referer', async () => {
    // The first URL swaps its token for a cookie and comes back without it (issue 15).
    const first = await rawRequest(host.port, { path: `/?token=${host.token}` });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const page = await rawRequest(host.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Mostrador</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    const asset = await rawRequest(host.port, { path: '/assets/index-abc123.js' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    const route = await rawRequest(host.port, { path: '/ajustes' });
    expect(route.text).toContain('<title>Mostrador</title>');
  });

  it('no sale de la carpeta del renderer por rutas con .. ni por enlaces', async () => {
    for (const path of [
      '/../secreto.txt',
      '/%2e%2e/secreto.txt',
      '/assets/..%2f..%2fsecreto.txt',
      '/..%5csecreto.txt',
      '/enlace.txt',
      '/no-existe.js',
    ]) {
      const response = await rawRequest(host.port, { path });
      expect(response.status, path).toBe(404);
      expect(response.text).not.toContain('no debe salir');
    }
    const bad = await rawRequest(host.port, { path: '/%E0%A4%A' });
    expect(bad.status).toBe(400);
    await expectStillServing();
  });
});

describe('host SSE', () => {
  it('entrega un evento emitido y latidos, y libera la suscripción al desconectarse', async () => {
    // Counts the live subscriptions the host holds on the real bus.
    let live = 0;
    const events: App['events'] = {
      ...app.events,
      subscribeAll: (listener) => {
        live += 1;
        const stop = app.events.subscribeAll(listener);
        return () => {
          live -= 1;
          stop();
        };
      },
    };
    const started = await createHost({
      app: { call: app.call, events },
      staticDir,
      logger,
      heartbeatMs: 100,
    });
    if (!started.ok) throw new Error(started.error.message);
    const sse = started.value;
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${sse.port}/api/events?token=${sse.token}`, {
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error('sin cuerpo');
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (needle: string) => {
      while (!received.includes(needle)) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`el flujo terminó antes de «${needle}»`);
        received += decoder.decode(chunk.value, { stream: true });
      }
    };
    await readUntil(': conectado');
    expect(live).toBe(1);
    app.events.emit('outbox', { pendientes: 2, ultimoErrorSri: 'Tiempo agotado' });
    await readUntil('"Tiempo agotado"}\n\n');
    expect(received).toContain(
      'event: outbox\ndata: {"pendientes":2,"ultimoErrorSri":"Tiempo agotado"}\n\n',
    );
    await readUntil(': latido');
    controller.abort();
    await reader.cancel().catch(() => {});
    for (let i = 0; i < 50 && live > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(live).toBe(0);
    await sse.close();
    const estado = await call('app.estado', '{}');
    expect(estado.json()).toMatchObject({
      value: { outboxPendientes: 2, ultimoErrorSri: 'Tiempo agotado' },
    });
  });

  it('cierra los flujos abiertos al cerrar el host', async () => {
    const created = await createHost({ app, staticDir, logger });
    if (!created.ok) throw new Error(created.error.message);
    const other = created.value;
    const response = await fetch(`http://127.0.0.1:${other.port}/api/events?token=${other.token}`);
    const reader = response.body?.getReader();
    await reader?.read();
    await other.close();
    let done = false;
    while (!done) {
      done = (await reader?.read())?.done ?? true;
    }
    expect(done).toBe(true);
  });

  it('informa con un mensaje en español cuando el puerto está ocupado', async () => {
    const clash = await createHost({ app, staticDir, logger, port: host.port });
    expect(clash).toEqual({
      ok: false,
      error: {
        code: 'puerto_ocupado',
        message: `El puerto ${host.port} ya está en uso en 127.0.0.1; elija otro con --port.`,
      },
    });
  });
});
