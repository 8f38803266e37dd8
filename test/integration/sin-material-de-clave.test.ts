/**
 * Issue 4: the renderer never receives key material. The real app behind the browser host
 * (HTTP + SSE), with the in-memory keychain: every HTTP response body and every SSE byte of an
 * import, a restart in «preguntar» mode, the unlock and a sale is recorded, then searched for
 * the password, the p12 (raw, base64, hex, any 24-byte window), the data key, PEM markers and
 * the RSA private exponent.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { listUsers } from '../../src/main/db';
import { DEMO_ISSUER, DEMO_USERS } from '../../src/main/demo';
import { createHost, type Host } from '../../src/main/host';
import { silentLogger, systemClock } from '../../src/main/log';
import { loadSigningIdentity } from '../../src/main/signing';
import { createMemoryKeychain } from '../fakes/memoryKeychain';
import { modernP12, type TestP12 } from '../fixtures/certs';
import { aprobandoEnApp } from './aprobar';
import { rawRequest } from './hostClient';

const WINDOW = 24;
let dir: string;
let dataDir: string;
let p12: TestP12;
const keychain = createMemoryKeychain();
/** Every byte the renderer could have seen: response bodies and the SSE stream. */
const recorded: Buffer[] = [];
const sse: Buffer[] = [];
/** Woken on every SSE chunk, so a test awaits what the stream says instead of sleeping. */
const sseWaiters: (() => void)[] = [];
const sseUntil = async (seen: (text: string) => boolean): Promise<void> => {
  while (!seen(Buffer.concat(sse).toString('utf8'))) {
    await new Promise<void>((wake) => sseWaiters.push(wake));
  }
};
const running: { app: App; host: Host; stopEvents: () => void }[] = [];
let autorizacion: { usuarioId: string; pin: string };

/** Subscribes to `/api/events` like the renderer's EventSource and records every byte. */
const listen = (host: Host): (() => void) => {
  const req = request({
    host: '127.0.0.1',
    port: host.port,
    path: `/api/events?token=${encodeURIComponent(host.token)}`,
    headers: { Accept: 'text/event-stream', Host: `127.0.0.1:${host.port}` },
    agent: false,
  });
  req.on('response', (res) =>
    res.on('data', (chunk: Buffer) => {
      sse.push(chunk);
      for (const wake of sseWaiters.splice(0)) wake();
    }),
  );
  req.on('error', () => {});
  req.end();
  return () => req.destroy();
};

const start = async () => {
  const created = await createApp({
    dataDir,
    demo: true,
    logger: silentLogger,
    clock: systemClock,
    keychain,
  });
  if (!created.ok) throw new Error(created.error.message);
  aprobandoEnApp(created.value);
  // Selling needs an open cash shift (issue 15); an already open one is fine.
  await created.value.call('caja.abrir', { fondoCentavos: 0 }, 'interno');
  const host = await createHost({ app: created.value, staticDir: dir, logger: silentLogger });
  if (!host.ok) throw new Error(host.error.message);
  const pair = { app: created.value, host: host.value, stopEvents: listen(host.value) };
  running.push(pair);
  return pair;
};

const stop = async (pair: (typeof running)[number]) => {
  pair.stopEvents();
  await pair.host.close();
  await pair.app.close();
  running.splice(running.indexOf(pair), 1);
};

type Answer = {
  ok: boolean;
  value?: Record<string, unknown>;
  error?: { code: string; message: string };
};

const call = async (host: Host, name: string, input: unknown): Promise<Answer> => {
  const response = await rawRequest(host.port, {
    method: 'POST',
    path: `/api/call/${name}`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  recorded.push(Buffer.from(response.text, 'utf8'));
  return response.json() as Answer;
};

const sale = async (host: Host): Promise<Answer> => {
  const producto = (await call(host, 'catalogo.buscar', { texto: 'leche', limite: 1 }))
    .value as unknown as { productos?: { id: string; precioUnitarioMicros: number }[] } | undefined;
  const p = producto?.productos?.[0];
  if (p === undefined) throw new Error('La tienda de demostración no tiene leche');
  const carrito = {
    comprador: null,
    lineas: [{ productoId: p.id, cantidad: '1', precioUnitarioMicros: p.precioUnitarioMicros }],
  };
  const calculo = await call(host, 'ventas.calcular', carrito);
  const total = (calculo.value as { totales: { totalCentavos: number } }).totales.totalCentavos;
  return call(host, 'ventas.cobrar', {
    ...carrito,
    ventaId: randomUUID(),
    pagos: [{ formaPago: '01', montoCentavos: total }],
  });
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mostrador-sin-clave-'));
  dataDir = join(dir, 'datos');
  p12 = modernP12({
    ruc: DEMO_ISSUER.ruc,
    razonSocial: DEMO_ISSUER.razonSocial,
    password: 'contraseña-secreta-de-la-firma-2026',
  });
});

afterAll(async () => {
  for (const pair of [...running]) await stop(pair);
  await rm(dir, { recursive: true, force: true });
});

describe('ninguna respuesta ni evento lleva material de clave', () => {
  it('importa, reinicia bloqueada, desbloquea y vende por HTTP, grabando todo', async () => {
    const first = await start();
    const admin = DEMO_USERS.find((u) => u.rol === 'administrador');
    autorizacion = {
      usuarioId: listUsers(first.app.db).find((u) => u.nombre === admin?.nombre)?.id ?? '',
      pin: admin?.pin ?? '',
    };
    const wrong = await call(first.host, 'certificado.importar', {
      p12Base64: p12.p12.toString('base64'),
      password: 'otra',
      modo: 'preguntar',
      autorizacion,
    });
    expect(wrong.ok).toBe(false);
    const imported = await call(first.host, 'certificado.importar', {
      p12Base64: p12.p12.toString('base64'),
      password: p12.password,
      modo: 'preguntar',
      autorizacion,
    });
    expect(imported.ok).toBe(true);
    expect((await sale(first.host)).ok).toBe(true);
    await stop(first);

    const second = await start();
    const locked = await call(second.host, 'certificado.resumen', {});
    expect(locked.value?.desbloqueado).toBe(false);
    const refused = await sale(second.host);
    expect(refused.error?.message).toMatch(/desbloqu/);
    const badUnlock = await call(second.host, 'certificado.desbloquear', { password: 'no' });
    expect(badUnlock.ok).toBe(false);
    const unlocked = await call(second.host, 'certificado.desbloquear', { password: p12.password });
    expect(unlocked.value?.desbloqueado).toBe(true);
    const sold = await sale(second.host);
    expect(sold.ok).toBe(true);
    await call(second.host, 'documentos.obtener', { id: sold.value?.documentoId });
    await call(second.host, 'ajustes.tienda', {});
    // The outbox sends it to the simulator: its status event crosses the SSE stream too.
    const documentoId = String(sold.value?.documentoId);
    await sseUntil((text) =>
      text
        .split('\n\n')
        .some((block) => block.startsWith('event: documento') && block.includes(documentoId)),
    );
    await stop(second);
  });

  it('ni la contraseña, ni el p12, ni la clave de datos, ni la clave privada aparecen', () => {
    const all = Buffer.concat([...recorded, ...sse]);
    expect(recorded.length).toBeGreaterThanOrEqual(12);
    expect(Buffer.concat(sse).toString('utf8')).toContain('event: documento');

    const text = all.toString('utf8');
    const dataKeys = [...keychain.entries.entries()]
      .filter(([account]) => account.endsWith('/clave-datos'))
      .map(([, value]) => value);
    expect(dataKeys).toHaveLength(1);
    const dataKey = Buffer.from(dataKeys[0] ?? '', 'base64');
    expect(dataKey.byteLength).toBe(32);

    const identity = loadSigningIdentity(p12.p12, p12.password, new Date());
    if (!identity.ok) throw new Error(identity.error.message);
    const jwk = identity.value.privateKey.export({ format: 'jwk' });
    const exponent = Buffer.from(jwk.d ?? '', 'base64url');
    expect(exponent.byteLength).toBeGreaterThan(200);

    for (const marker of ['-----BEGIN', 'PRIVATE KEY', p12.password, dataKeys[0] ?? '']) {
      expect(text.includes(marker), marker.slice(0, 12)).toBe(false);
    }
    // Every 24-byte window of the secrets, raw and in the encodings JSON could carry them.
    for (const [name, secret] of [
      ['p12', p12.p12],
      ['clave de datos', dataKey],
      ['exponente privado', exponent],
    ] as const) {
      const windows = new Set<string>();
      for (let i = 0; i + WINDOW <= secret.byteLength; i += 1) {
        const slice = secret.subarray(i, i + WINDOW);
        windows.add(slice.toString('hex'));
      }
      for (let i = 0; i + WINDOW <= all.byteLength; i += 1) {
        expect(windows.has(all.subarray(i, i + WINDOW).toString('hex')), name).toBe(false);
      }
      const encodings = [
        secret.toString('base64'),
        secret.toString('base64url'),
        secret.toString('hex'),
        secret.toString('hex').toUpperCase(),
      ];
      for (let shift = 0; shift < 3; shift += 1) {
        encodings.push(secret.subarray(shift).toString('base64'));
      }
      for (const encoded of encodings) {
        // 32 characters of base64 = 24 bytes; 48 of hex = 24 bytes.
        const size = /^[0-9a-fA-F]+$/.test(encoded) ? 48 : 32;
        for (let i = 0; i + size <= encoded.length; i += 4) {
          if (text.includes(encoded.slice(i, i + size))) {
            throw new Error(`${name}: un fragmento codificado aparece en una respuesta`);
          }
        }
      }
    }
  });
});
