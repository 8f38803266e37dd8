/**
 * The buyer's e-mail through Factio's «Resend Document Email» (issue 19 §3), against the fake
 * Factio: with the Factio sync configured and Ajustes › Correo set to Factio, a document Factio
 * holds is sent by Factio — same job, same delivery status — and not by the SMTP server.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { mirrorLocalStore } from '../../src/main/factio/testing';
import { silentLogger, systemClock } from '../../src/main/log';
import { type FakeFactio, startFakeFactio } from '../fakes/factio';
import { createMemoryKeychain } from '../fakes/memoryKeychain';
import { aprobandoEnApp } from './aprobar';
import { type Servidor, servidor } from './correoFixture';

const KEY = 'clave-factio-correo-1';
let dir: string;
let app: App;
let fake: FakeFactio;
let smtp: Servidor;

const call = async <T = Record<string, unknown>>(name: string, input: unknown): Promise<T> => {
  const r = await app.call(name, input, 'interno');
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
};
const admin = () => ({
  usuarioId: (
    app.db.sqlite.prepare("SELECT id FROM app_user WHERE rol = 'administrador'").get() as {
      id: string;
    }
  ).id,
  pin: '9012',
});
const entrega = (id: string) =>
  app.db.sqlite
    .prepare('SELECT status, recipient, error FROM email_delivery WHERE document_id = ?')
    .get(id) as { status: string; recipient: string; error: string | null } | undefined;

const vender = async (email: string): Promise<string> => {
  const p = app.db.sqlite
    .prepare(
      "SELECT id, unit_price_micro AS precio FROM product WHERE unit = 'unidad' AND active = 1 ORDER BY code LIMIT 1",
    )
    .get() as { id: string; precio: number };
  const { documentoId } = await call<{ documentoId: string }>('ventas.cobrar', {
    ventaId: randomUUID(),
    comprador: {
      tipoIdentificacion: '05',
      identificacion: '1710034065',
      razonSocial: 'María Cañar',
      email,
    },
    lineas: [{ productoId: p.id, cantidad: '1', precioUnitarioMicros: p.precio }],
    pagos: [{ formaPago: '01', montoCentavos: 100_000 }],
  });
  return documentoId;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mostrador-correo-factio-'));
  fake = await startFakeFactio({ apiKeys: [KEY] });
  smtp = await servidor();
  const created = await createApp({
    dataDir: dir,
    demo: true,
    logger: silentLogger,
    clock: systemClock,
    keychain: createMemoryKeychain(),
  });
  if (!created.ok) throw new Error(created.error.message);
  app = aprobandoEnApp(created.value);
  await call('caja.abrir', { fondoCentavos: 0 });
  mirrorLocalStore(fake, app.db);
  await call('factio.configurar', { ambiente: 'sandbox', url: fake.url, autorizacion: admin() });
  await call('factio.guardarClave', { clave: KEY, autorizacion: admin() });
  await call('correo.configurar', {
    servidor: '127.0.0.1',
    puerto: smtp.port,
    seguridad: 'starttls',
    usuario: null,
    remitenteNombre: null,
    remitenteCorreo: 'ventas@tienda.example',
    proveedor: 'factio',
    autorizacion: admin(),
  });
});

afterAll(async () => {
  await app?.close();
  await fake.close();
  await smtp.cerrar();
  await rm(dir, { recursive: true, force: true });
});

describe('correo por Factio', () => {
  it('un documento que Factio tiene se envía con «Resend Document Email», no por SMTP', async () => {
    const id = await vender('maria@example.com');
    await vi.waitFor(() => expect(entrega(id)?.status).toBe('enviado'), { timeout: 30_000 });
    const remoto = (
      app.db.sqlite.prepare('SELECT remote_id AS r FROM document WHERE id = ?').get(id) as {
        r: string;
      }
    ).r;
    expect(fake.correosReenviados).toEqual([{ documentId: remoto, email: 'maria@example.com' }]);
    expect(smtp.recibidos).toHaveLength(0);
  });

  it('«Reenviar» a otra dirección pasa la dirección a Factio', async () => {
    const id = await vender('maria@example.com');
    await vi.waitFor(() => expect(entrega(id)?.status).toBe('enviado'), { timeout: 30_000 });
    await call('correo.reenviar', { id, para: 'contadora@example.com' });
    await vi.waitFor(
      () =>
        expect(entrega(id)).toMatchObject({
          status: 'enviado',
          recipient: 'contadora@example.com',
        }),
      { timeout: 30_000 },
    );
    expect(fake.correosReenviados.at(-1)?.email).toBe('contadora@example.com');
    expect(smtp.recibidos).toHaveLength(0);
  });

  it('un rechazo de Factio (422) queda rechazado con su mensaje, sin reintento', async () => {
    fake.inject({
      method: 'POST',
      path: /\/resend-email$/,
      fault: { kind: 'status', status: 422, body: { detail: 'Buyer e-mail bounced before' } },
    });
    const id = await vender('rebota@example.com');
    await vi.waitFor(() => expect(entrega(id)?.status).toBe('rechazado'), { timeout: 30_000 });
    expect(entrega(id)?.error).toContain('Buyer e-mail bounced before');
  });
});
