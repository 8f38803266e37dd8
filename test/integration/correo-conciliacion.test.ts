/**
 * The buyer's e-mail in Conciliación (issue 19 §4): each document's delivery (pendiente, enviado
 * with its date, rechazado with the server's words), the filter by delivery status, the daily
 * summary's count of undelivered documents, and «Reenviar» to the same or another address
 * (validated, audited, a new delivery).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { parseSmtpUrl } from '../../src/main/correo';
import { silentLogger, systemClock } from '../../src/main/log';
import { MENSAJE_CORREO_INVALIDO } from '../../src/shared/contract/correo';
import { createMemoryKeychain } from '../fakes/memoryKeychain';
import { aprobandoEnApp } from './aprobar';
import { type Servidor, servidor } from './correoFixture';

let dataDir: string;
let app: App;
let smtp: Servidor;
const eventos: { documentoId: string; entrega: { estado: string; para: string } }[] = [];

const llamar = (name: string, input: unknown) => app.call(name, input, 'interno');
const call = async <T = Record<string, unknown>>(name: string, input: unknown): Promise<T> => {
  const r = await llamar(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
};

type Entrega = { estado: string; para: string; enviadoEn: string | null; motivo: string | null };
type Fila = { id: string; entrega: Entrega | null };

const hoy = () => new Date(Date.now() - 5 * 3600_000).toISOString().slice(0, 10);
const listar = async (correo?: string): Promise<Fila[]> =>
  (
    await call<{ documentos: Fila[] }>('conciliacion.listar', {
      filtro: { desde: hoy(), hasta: hoy(), ...(correo === undefined ? {} : { correo }) },
    })
  ).documentos;
const entregaDe = async (id: string) => (await listar()).find((f) => f.id === id)?.entrega;

const vender = async (email?: string): Promise<string> => {
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
      ...(email === undefined ? {} : { email }),
    },
    lineas: [{ productoId: p.id, cantidad: '1', precioUnitarioMicros: p.precio }],
    pagos: [{ formaPago: '01', montoCentavos: 100_000 }],
  });
  return documentoId;
};

beforeAll(async () => {
  smtp = await servidor({
    onRcptTo: (address, _session, cb) => {
      if (address.address.startsWith('rebota@')) {
        const e = new Error('5.1.1 Buzón inexistente') as Error & { responseCode: number };
        e.responseCode = 550;
        cb(e);
        return;
      }
      smtp.destinatarios.push(address.address);
      cb();
    },
  });
  const config = parseSmtpUrl(`smtp://127.0.0.1:${smtp.port}?from=ventas@tienda.example`);
  if (!config.ok) throw new Error(config.error.message);
  dataDir = await mkdtemp(join(tmpdir(), 'mostrador-correo-conciliacion-'));
  const created = await createApp({
    dataDir,
    demo: true,
    logger: silentLogger,
    clock: systemClock,
    keychain: createMemoryKeychain(),
    smtp: config.value,
  });
  if (!created.ok) throw new Error(created.error.message);
  app = aprobandoEnApp(created.value);
  app.events.subscribe('correo', (e) => eventos.push(e));
  await call('caja.abrir', { fondoCentavos: 0 });
});

afterAll(async () => {
  await app?.close();
  await smtp.cerrar();
  await rm(dataDir, { recursive: true, force: true });
});

describe('correo en Conciliación', () => {
  let enviado: string;
  let rechazado: string;
  let sinCorreo: string;

  it('cada documento muestra su envío: enviado con fecha, rechazado con el motivo', async () => {
    enviado = await vender('maria@example.com');
    rechazado = await vender('rebota@example.com');
    sinCorreo = await vender();
    await vi.waitFor(async () => expect((await entregaDe(enviado))?.estado).toBe('enviado'), {
      timeout: 15_000,
    });
    await vi.waitFor(async () => expect((await entregaDe(rechazado))?.estado).toBe('rechazado'), {
      timeout: 15_000,
    });
    const e = await entregaDe(enviado);
    expect(e).toMatchObject({ para: 'maria@example.com', motivo: null });
    expect(Number.isNaN(Date.parse(e?.enviadoEn ?? ''))).toBe(false);
    expect((await entregaDe(rechazado))?.motivo).toContain('Buzón inexistente');
    expect(await entregaDe(sinCorreo)).toBeNull();
    expect(eventos.some((x) => x.documentoId === enviado && x.entrega.estado === 'enviado')).toBe(
      true,
    );
  });

  it('filtra por estado del correo y cuenta con ese filtro', async () => {
    expect((await listar('enviado')).map((f) => f.id)).toEqual([enviado]);
    expect((await listar('rechazado')).map((f) => f.id)).toEqual([rechazado]);
    expect((await listar('pendiente')).map((f) => f.id)).toEqual([]);
    expect((await listar('sin_correo')).map((f) => f.id)).toEqual([sinCorreo]);
    const conteos = await call<{ total: number }>('conciliacion.conteos', {
      filtro: { desde: hoy(), hasta: hoy(), correo: 'rechazado' },
    });
    expect(conteos.total).toBe(1);
  });

  it('el resumen del día cuenta los correos sin entregar', async () => {
    const r = await call<{ correosSinEntregar: number }>('conciliacion.resumen', {
      desde: hoy(),
      hasta: hoy(),
    });
    expect(r.correosSinEntregar).toBe(1);
  });

  it('«Reenviar» a otra dirección la valida, audita y la entrega allí', async () => {
    const mala = await llamar('correo.reenviar', { id: rechazado, para: 'maria arroba' });
    expect(mala.ok ? null : mala.error.message).toContain(MENSAJE_CORREO_INVALIDO);

    const r = await call<Entrega>('correo.reenviar', { id: rechazado, para: 'otra@example.com' });
    expect(r).toMatchObject({ estado: 'pendiente', para: 'otra@example.com' });
    await vi.waitFor(async () => expect((await entregaDe(rechazado))?.estado).toBe('enviado'), {
      timeout: 15_000,
    });
    expect(smtp.destinatarios).toContain('otra@example.com');
    const auditoria = app.db.sqlite
      .prepare("SELECT user_id AS quien, detail FROM audit_log WHERE action = 'correo.reenviado'")
      .all() as { quien: string | null; detail: string }[];
    expect(auditoria).toHaveLength(1);
    expect(auditoria[0]?.quien).not.toBeNull();
    expect(JSON.parse(auditoria[0]?.detail ?? '{}')).toMatchObject({
      documentoId: rechazado,
      para: 'otra@example.com',
      antes: { para: 'rebota@example.com', estado: 'rechazado' },
    });
    const r2 = await call<{ correosSinEntregar: number }>('conciliacion.resumen', {
      desde: hoy(),
      hasta: hoy(),
    });
    expect(r2.correosSinEntregar).toBe(0);
  });

  it('«Reenviar» sin dirección usa la última y manda un mensaje nuevo', async () => {
    const antes = smtp.recibidos.filter((m) => m.messageId !== undefined).map((m) => m.messageId);
    await call('correo.reenviar', { id: enviado });
    await vi.waitFor(
      () => expect(smtp.destinatarios.filter((d) => d === 'maria@example.com')).toHaveLength(2),
      { timeout: 15_000 },
    );
    await vi.waitFor(async () => expect((await entregaDe(enviado))?.estado).toBe('enviado'));
    const ids = smtp.recibidos.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(antes.length).toBeLessThan(ids.length);
  });

  it('un documento sin correo necesita una dirección; uno no autorizado no se envía', async () => {
    const sin = await llamar('correo.reenviar', { id: sinCorreo });
    expect(sin.ok ? null : sin.error.message).toMatch(/no tiene correo del comprador/);
    const noExiste = await llamar('correo.reenviar', { id: 'no-existe' });
    expect(noExiste.ok ? null : noExiste.error.code).toBe('no_encontrado');
  });
});
