/**
 * The buyer's e-mail through the real app (demo store, simulated SRI): a sale to a buyer with
 * e-mail is authorized and reaches a real SMTP server on 127.0.0.1:0 — the `smtp` option that
 * `mostrador serve` fills from MOSTRADOR_SMTP_URL.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { parseSmtpUrl } from '../../src/main/correo';
import { createMemoryLogger, systemClock } from '../../src/main/log';
import { createMemoryKeychain } from '../fakes/memoryKeychain';

let dataDir: string;
let app: App;
let server: SMTPServer;
let recibido: Promise<ParsedMail>;

const call = async <T = Record<string, unknown>>(name: string, input: unknown): Promise<T> => {
  const r = await app.call(name, input, 'interno');
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
};

beforeAll(async () => {
  let llego: (m: ParsedMail) => void = () => {};
  recibido = new Promise((resolve) => {
    llego = resolve;
  });
  server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, cb) => {
      simpleParser(stream).then((m) => {
        llego(m);
        cb();
      }, cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const smtp = parseSmtpUrl(`smtp://127.0.0.1:${port}?from=ventas@tienda.example`);
  if (!smtp.ok) throw new Error(smtp.error.message);
  dataDir = await mkdtemp(join(tmpdir(), 'mostrador-correo-'));
  const created = await createApp({
    dataDir,
    demo: true,
    logger: createMemoryLogger(),
    clock: systemClock,
    keychain: createMemoryKeychain(),
    smtp: smtp.value,
  });
  if (!created.ok) throw new Error(created.error.message);
  app = created.value;
});

afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dataDir, { recursive: true, force: true });
});

describe('correo al comprador desde la venta', () => {
  it('la factura autorizada de un comprador con correo llega a su buzón y queda enviada', async () => {
    await call('caja.abrir', { fondoCentavos: 5000 });
    const p = app.db.sqlite
      .prepare(
        "SELECT id, unit_price_micro AS precio FROM product WHERE unit = 'unidad' AND active = 1 ORDER BY code LIMIT 1",
      )
      .get() as { id: string; precio: number };
    const carrito = {
      comprador: {
        tipoIdentificacion: '05',
        identificacion: '1710034065',
        razonSocial: 'María Ñusta Cañar',
        email: 'maria.canar@example.com',
      },
      lineas: [{ productoId: p.id, cantidad: '1', precioUnitarioMicros: p.precio }],
    };
    const { totales } = await call<{ totales: { totalCentavos: number } }>('ventas.calcular', {
      ...carrito,
      pagos: [],
    });
    const { documentoId } = await call<{ documentoId: string }>('ventas.cobrar', {
      ventaId: randomUUID(),
      ...carrito,
      pagos: [{ formaPago: '01', montoCentavos: totales.totalCentavos }],
    });

    const m = await recibido;
    const doc = app.db.sqlite
      .prepare('SELECT clave_acceso AS clave, status FROM document WHERE id = ?')
      .get(documentoId) as { clave: string; status: string };
    expect(doc.status).toBe('AUTHORIZED');
    expect(m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : null).toBe(
      'maria.canar@example.com',
    );
    expect(m.subject).toMatch(/^FACTURA \d{3}-\d{3}-\d{9} de /);
    expect(m.attachments.map((a) => a.filename)).toEqual([`${doc.clave}.xml`, `${doc.clave}.pdf`]);
    // `enviado` is written once the server's 250 is read, just after it handed us the message.
    await vi.waitFor(() =>
      expect(
        app.db.sqlite
          .prepare('SELECT status, recipient FROM email_delivery WHERE document_id = ?')
          .get(documentoId),
      ).toEqual({ status: 'enviado', recipient: 'maria.canar@example.com' }),
    );
  });
});
