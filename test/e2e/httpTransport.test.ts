import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpTransport, type FetchLike } from '../../src/renderer/api/httpTransport';
import { mensajes } from '../../src/renderer/api/mensajes';
import { createMostradorApi } from '../../src/renderer/api/transport';

type Recibida = { method: string; url: string; headers: IncomingMessage['headers']; body: string };
type Respuesta = { status: number; body: string; contentType?: string };

/**
 * A tiny stand-in for the browser host on 127.0.0.1:0: it records each request and answers
 * what the test queued, so the renderer's transport is tested over real HTTP.
 */
const estado = {
  version: '0.1.0',
  ambiente: 'pruebas',
  backendSri: 'simulador',
  enLinea: true,
  outboxPendientes: 3,
  ultimoErrorSri: null,
  tienda: null,
};

let server: Server;
let origin: string;
let recibidas: Recibida[] = [];
let siguiente: Respuesta = { status: 200, body: '' };

const nodeFetch: FetchLike = (url, init) => fetch(url, init);

const transporte = (token: string | null = 'tok-123') =>
  createHttpTransport({
    baseUrl: origin,
    token,
    fetch: nodeFetch,
    openEventStream: () => ({ close: () => {} }),
    schedule: () => () => {},
  });

const responder = (status: number, body: unknown, contentType = 'application/json') => {
  siguiente = { status, body: typeof body === 'string' ? body : JSON.stringify(body), contentType };
};

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      recibidas.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(siguiente.status, { 'Content-Type': siguiente.contentType ?? 'text/plain' });
      res.end(siguiente.body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

beforeEach(() => {
  recibidas = [];
});

describe('transporte HTTP del renderer contra un servidor real', () => {
  it('envía POST /api/call/<nombre> con el token como Bearer y el cuerpo en JSON', async () => {
    responder(200, { ok: true, value: estado });
    const r = await transporte().call('app.estado', {});
    expect(r).toEqual({ ok: true, value: estado });
    expect(recibidas).toHaveLength(1);
    const [req] = recibidas;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/api/call/app.estado');
    expect(req?.headers.authorization).toBe('Bearer tok-123');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({});
  });

  it('sin token no manda la cabecera Authorization', async () => {
    responder(401, { ok: false, error: { code: 'no_autorizado', message: 'Falta el token.' } });
    await transporte(null).call('app.estado', {});
    expect(recibidas[0]?.headers.authorization).toBeUndefined();
  });

  it('un error de la operación (200 con ok:false) llega tal cual, con su campo', async () => {
    const error = { code: 'validacion', message: 'La cédula no es válida.', field: 'comprador' };
    responder(200, { ok: false, error });
    expect(await transporte().call('app.estado', {})).toEqual({ ok: false, error });
  });

  it('401 conserva el código del host y dice cómo volver a entrar', async () => {
    responder(401, { ok: false, error: { code: 'no_autorizado', message: 'Falta el token.' } });
    expect(await transporte().call('app.estado', {})).toEqual({
      ok: false,
      error: { code: 'no_autorizado', message: mensajes.sesionInvalida },
    });
  });

  it.each([
    [400, 'solicitud_invalida', mensajes.solicitudInvalida],
    [403, 'prohibido', mensajes.accesoDenegado],
    [404, 'operacion_desconocida', mensajes.operacionDesconocida],
    [413, 'solicitud_grande', mensajes.solicitudGrande],
  ] as const)(
    '%i con cuerpo Result muestra un mensaje que dice qué hacer',
    async (status, code, mensaje) => {
      responder(status, { ok: false, error: { code, message: 'técnico' } });
      expect(await transporte().call('app.estado', {})).toEqual({
        ok: false,
        error: { code, message: mensaje },
      });
    },
  );

  it('un código que este renderer no conoce se trata como interno, con el mensaje que dice qué hacer', async () => {
    responder(400, { ok: false, error: { code: 'codigo_de_otra_version', message: 'técnico' } });
    expect(await transporte().call('app.estado', {})).toEqual({
      ok: false,
      error: { code: 'interno', message: mensajes.solicitudInvalida },
    });
  });

  it('una página de error que no es JSON se vuelve un Result de error', async () => {
    responder(502, '<html>Bad Gateway</html>', 'text/html');
    expect(await transporte().call('app.estado', {})).toEqual({
      ok: false,
      error: { code: 'error_servicio', message: mensajes.errorServicio },
    });
    responder(200, '<html>¿?</html>', 'text/html');
    expect(await transporte().call('app.estado', {})).toMatchObject({
      ok: false,
      error: { code: 'respuesta_invalida' },
    });
  });

  it('sin servidor escuchando devuelve «No hay conexión con el servicio local»', async () => {
    const cerrado = createServer();
    await new Promise<void>((done) => cerrado.listen(0, '127.0.0.1', done));
    const puerto = (cerrado.address() as AddressInfo).port;
    await new Promise<void>((done) => cerrado.close(() => done()));
    const t = createHttpTransport({
      baseUrl: `http://127.0.0.1:${puerto}`,
      token: 'x',
      fetch: nodeFetch,
      openEventStream: () => ({ close: () => {} }),
      schedule: () => () => {},
    });
    const r = await t.call('app.estado', {});
    expect(r).toEqual({
      ok: false,
      error: { code: 'sin_conexion', message: mensajes.sinConexion },
    });
    expect(mensajes.sinConexion).toMatch(/^No hay conexión con el servicio local de Mostrador/);
  });

  it('a través de la API, una salida que no cumple el contrato se rechaza', async () => {
    responder(200, { ok: true, value: { ...estado, ambiente: 'otro' } });
    const api = createMostradorApi(transporte(), () => {});
    expect(await api.call('app.estado', {})).toMatchObject({
      ok: false,
      error: { code: 'respuesta_invalida' },
    });
  });
});
