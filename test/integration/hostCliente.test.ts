/**
 * The customer display's one message over HTTP (issue 19 §4): `POST /api/cliente/correo` takes
 * the buyer's e-mail with the display's own cookie only, for the cart on screen that asks for it,
 * and main only tells the cashier (`pantallaCliente.correoPropuesto`); the display's token still
 * opens no contract call.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { createHost, type Host } from '../../src/main/host';
import { createMemoryLogger, systemClock } from '../../src/main/log';
import { MENSAJE_CORREO_INVALIDO } from '../../src/shared/contract/correo';
import { rawRequest } from './hostClient';

let dir: string;
let app: App;
let host: Host;
let tokenCliente: string;
const propuestas: { ventaId: string; email: string }[] = [];

const VENTA = '00000000-0000-4000-8000-00000000c0a1';
const ANA = { tipoIdentificacion: '05', identificacion: '1710034065', razonSocial: 'Ana Pérez' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mostrador-host-cliente-'));
  const staticDir = join(dir, 'renderer');
  await mkdir(staticDir, { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Mostrador</title>');
  const created = await createApp({
    dataDir: join(dir, 'datos'),
    demo: true,
    logger: createMemoryLogger(),
    clock: systemClock,
  });
  if (!created.ok) throw new Error(created.error.message);
  app = created.value;
  const started = await createHost({ app, staticDir, logger: createMemoryLogger() });
  if (!started.ok) throw new Error(started.error.message);
  host = started.value;
  tokenCliente = new URL(host.urlCliente).searchParams.get('token') ?? '';
  app.events.subscribe('pantallaCliente.correoPropuesto', (p) => propuestas.push(p));
});

afterAll(async () => {
  await host?.close();
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

const cajero = (name: string, body: unknown) =>
  rawRequest(host.port, {
    method: 'POST',
    path: `/api/call/${name}`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(body),
  });

const proponer = (body: string, headers: Record<string, string> = {}) =>
  rawRequest(host.port, {
    method: 'POST',
    path: '/api/cliente/correo',
    headers: {
      'Content-Type': 'application/json',
      Cookie: `mostrador_cliente=${tokenCliente}`,
      ...headers,
    },
    body,
  });

const guardarCarrito = async (comprador: Record<string, string> | null): Promise<void> => {
  const producto = app.db.sqlite
    .prepare<[], { id: string }>('SELECT id FROM product WHERE active = 1 LIMIT 1')
    .get();
  const r = await cajero('carrito.guardar', {
    ventaId: VENTA,
    comprador,
    lineas: [{ productoId: producto?.id, cantidad: '1', descuentoCentavos: 0 }],
    pagos: [],
  });
  expect(r.status, r.text).toBe(200);
  expect(r.json()).toMatchObject({ ok: true });
};

const compradores = (): unknown[] => app.db.sqlite.prepare('SELECT * FROM buyer').all();

describe('POST /api/cliente/correo', () => {
  it('sin una compra que pida el correo, se rechaza', async () => {
    const r = await proponer(JSON.stringify({ solicitud: 'x', email: 'ana@correo.ec' }));
    expect(r.status).toBe(409);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'correo_no_pedido' } });
    expect(propuestas).toEqual([]);
  });

  it('con la cookie de la pantalla, pasa a la caja el correo de la compra en pantalla sin guardar nada', async () => {
    await guardarCarrito(ANA);
    const solicitud = app.pantallaCliente().correo?.solicitud;
    expect(solicitud).toEqual(expect.any(String));
    const antes = compradores();

    const malo = await proponer(JSON.stringify({ solicitud, email: 'ana@correo' }));
    expect(malo.status).toBe(400);
    expect(malo.json()).toEqual({
      ok: false,
      error: { code: 'validacion', message: MENSAJE_CORREO_INVALIDO, field: 'email' },
    });

    const bueno = await proponer(JSON.stringify({ solicitud, email: 'ana.perez@correo.ec' }));
    expect(bueno.status, bueno.text).toBe(200);
    expect(bueno.json()).toEqual({ ok: true, value: { enviado: true } });
    expect(propuestas).toEqual([{ ventaId: VENTA, email: 'ana.perez@correo.ec' }]);

    // Right away again: paced, so a display cannot flood the cashier.
    const otra = await proponer(JSON.stringify({ solicitud, email: 'otra@correo.ec' }));
    expect(otra.status).toBe(429);
    expect(propuestas).toHaveLength(1);

    // Nothing was written: neither the buyer nor the cart got the address.
    expect(compradores()).toEqual(antes);
    const carrito = await cajero('carrito.obtener', {});
    expect(carrito.json()).toMatchObject({ ok: true, value: { comprador: ANA } });
    expect(JSON.stringify(carrito.json())).not.toContain('ana.perez@correo.ec');
  });

  it('solo la cookie de la pantalla: el token del cajero, el de la URL o ninguno no sirven', async () => {
    const body = JSON.stringify({ solicitud: 'x', email: 'ana@correo.ec' });
    const sinNada = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/cliente/correo',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    const delCajero = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/cliente/correo',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${host.token}`,
        Cookie: `mostrador_token=${host.token}`,
      },
      body,
    });
    const enUrl = await rawRequest(host.port, {
      method: 'POST',
      path: `/api/cliente/correo?token=${tokenCliente}`,
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    const bearer = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/cliente/correo',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokenCliente}` },
      body,
    });
    for (const r of [sinNada, delCajero, enUrl, bearer]) {
      expect(r.status).toBe(401);
      expect(r.json()).toMatchObject({ ok: false, error: { code: 'no_autorizado' } });
    }
    const otroSitio = await proponer(body, { 'Sec-Fetch-Site': 'cross-site' });
    expect(otroSitio.status).toBe(403);
    const get = await rawRequest(host.port, {
      path: '/api/cliente/correo',
      headers: { Cookie: `mostrador_cliente=${tokenCliente}` },
    });
    expect(get.status).toBe(405);
  });

  it('un cuerpo grande o que no es JSON se rechaza sin llegar a main', async () => {
    const grande = await proponer(
      JSON.stringify({ solicitud: 'x', email: `${'a'.repeat(2000)}@correo.ec` }),
    );
    expect(grande.status).toBe(413);
    const roto = await proponer('{"email":');
    expect(roto.status).toBe(400);
    expect(roto.json()).toMatchObject({ ok: false, error: { code: 'json_invalido' } });
  });

  it('el token de la pantalla sigue sin abrir ninguna llamada del contrato', async () => {
    for (const name of ['app.estado', 'carrito.guardar', 'catalogo.guardarComprador']) {
      for (const headers of [
        { Authorization: `Bearer ${tokenCliente}` },
        { Cookie: `mostrador_cliente=${tokenCliente}` },
      ]) {
        const r = await rawRequest(host.port, {
          method: 'POST',
          path: `/api/call/${name}`,
          headers: { 'Content-Type': 'application/json', ...headers },
          body: '{}',
        });
        expect(r.status).toBe(401);
      }
    }
  });
});
