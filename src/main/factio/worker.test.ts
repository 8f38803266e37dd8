import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeFactio, fakeProduct, startFakeFactio } from '../../../test/fakes/factio';
import { createMemoryKeychain, type MemoryKeychain } from '../../../test/fakes/memoryKeychain';
import { createIdGenerator, type Database, findProductByCode } from '../db';
import { createMemoryLogger, systemClock } from '../log';
import type { EmisionService } from '../ventas';
import { createSyncService, FACTIO_KEY_ACCOUNT, type SyncService } from './service';
import { authorize, mirrorLocalStore, openStoreWithSales, sell, waitFor } from './testing';

const KEY = 'fx_test_0123456789abcdef';
let fake: FakeFactio;
let db: Database;
let emision: EmisionService;
let keychain: MemoryKeychain;
let sync: SyncService;
let logger: ReturnType<typeof createMemoryLogger>;

const jobs = (status: string): number =>
  (
    db.sqlite
      .prepare("SELECT COUNT(*) AS n FROM outbox_job WHERE kind = 'sync' AND status = ?")
      .get(status) as { n: number }
  ).n;

beforeEach(async () => {
  fake = await startFakeFactio({ apiKeys: [KEY] });
  ({ db, emision } = await openStoreWithSales(systemClock));
  mirrorLocalStore(fake, db);
  keychain = createMemoryKeychain();
  logger = createMemoryLogger();
  sync = createSyncService({
    db,
    keychain,
    clock: systemClock,
    ids: createIdGenerator(systemClock),
    logger,
    random: () => 0,
    onChange: () => {},
    options: { idleMs: 200, probeIntervalMs: 50 },
  });
  sync.configurar('sandbox', fake.url);
});

afterEach(async () => {
  await sync.stop();
  await fake.close();
  db.close();
});

describe('envío de documentos a Factio', () => {
  it('sin clave no envía nada y al guardarla envía cada documento una vez con su clave de idempotencia', async () => {
    const ids = sell(db, emision, 5);
    sync.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.documents.size).toBe(0);
    expect(sync.estado().estado).toBe('sin_clave');

    const saved = await sync.guardarClave(KEY);
    expect(saved.ok).toBe(true);
    await waitFor(() => jobs('done') === 5, 10_000, 'cinco documentos confirmados');
    expect([...fake.documents.keys()].sort()).toEqual([...ids].sort());
    expect(fake.created()).toBe(5);
    const body = fake.documents.get(ids[0] ?? '')?.body;
    expect(body?.origin).toBe('pos');
    expect(body?.status).toBe('SIGNED');
    expect(body?.access_key).toHaveLength(49);
    expect(sync.estado().claveFinal).toBe(KEY.slice(-4));
    expect(JSON.stringify(sync.estado())).not.toContain(KEY);
  });

  it('una respuesta perdida se confirma con el 409 y no duplica el documento', async () => {
    const [id] = sell(db, emision, 1);
    await keychain.set(FACTIO_KEY_ACCOUNT, KEY);
    fake.inject({ method: 'POST', path: /^\/documents$/, fault: { kind: 'store_then_drop' } });
    await sync.guardarClave(KEY);
    sync.start();
    await waitFor(() => jobs('done') === 1, 15_000, 'documento confirmado');
    expect(fake.documents.size).toBe(1);
    expect(fake.created()).toBe(1);
    const statuses = fake.requests.filter((r) => r.path === '/documents').map((r) => r.status);
    expect(statuses).toContain(409);
    const remote = db.sqlite
      .prepare('SELECT remote_id AS r FROM document WHERE id = ?')
      .get(id) as {
      r: string;
    };
    expect(remote.r).toBe(fake.documents.get(id ?? '')?.id);
  });

  it('cuando el SRI autoriza, vuelve a enviar solo el estado con PATCH', async () => {
    const [id = ''] = sell(db, emision, 1);
    await sync.guardarClave(KEY);
    sync.start();
    await waitFor(() => jobs('done') === 1, 10_000, 'primer envío');
    authorize(db, id, new Date().toISOString());
    sync.wake();
    await waitFor(
      () => fake.documents.get(id)?.status === 'AUTHORIZED',
      10_000,
      'estado autorizado',
    );
    await waitFor(() => jobs('done') === 1, 10_000, 'segundo envío confirmado');
    expect(fake.created()).toBe(1);
    expect(fake.documents.get(id)?.statusHistory).toEqual(['SIGNED', 'AUTHORIZED']);
    expect(fake.documents.get(id)?.authorizationNumber).toHaveLength(49);
  });

  it('una clave rechazada pausa la sincronización con un mensaje en español y no toca las ventas', async () => {
    await sync.guardarClave('clave-equivocada-123');
    sync.start();
    sell(db, emision, 2);
    sync.wake();
    await waitFor(() => sync.estado().estado === 'pausada', 5_000, 'pausa');
    expect(sync.estado().mensaje).toMatch(/clave/);
    expect(jobs('pending')).toBe(2);
    expect(sell(db, emision, 1)).toHaveLength(1);
    expect(JSON.stringify(logger.entries)).not.toContain('clave-equivocada-123');
    // A good key resumes it.
    await sync.guardarClave(KEY);
    await waitFor(() => jobs('done') === 3, 10_000, 'reanudado');
  });

  it('espera el Retry-After de un 429 y reintenta tras un 500', async () => {
    sell(db, emision, 2);
    fake.inject({
      method: 'POST',
      path: /^\/documents$/,
      fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
    });
    fake.inject({ method: 'POST', path: /^\/documents$/, fault: { kind: 'status', status: 500 } });
    await sync.guardarClave(KEY);
    const start = Date.now();
    sync.start();
    await waitFor(() => jobs('done') === 2, 15_000, 'dos confirmados');
    expect(Date.now() - start).toBeGreaterThanOrEqual(1_000);
    expect(fake.documents.size).toBe(2);
    const after429 = fake.requests.findIndex((r) => r.status === 429);
    expect(after429).toBeGreaterThanOrEqual(0);
  });

  it('un 422 deja el documento para revisión con el mensaje de Factio', async () => {
    sell(db, emision, 1);
    fake.inject({
      method: 'POST',
      path: /^\/documents$/,
      fault: { kind: 'status', status: 422, body: { detail: 'emission_point_id inactivo' } },
    });
    await sync.guardarClave(KEY);
    sync.start();
    await waitFor(() => jobs('dead') === 1, 10_000, 'documento para revisión');
    expect(sync.estado().conError).toBe(1);
    expect(sync.estado().ultimoErrorDocumento).toContain('emission_point_id inactivo');
  });
});

describe('datos desde Factio', () => {
  it('trae productos nuevos y cambios de precio; un registro inválido se omite y queda en el log', async () => {
    const p = fake.put('products', fakeProduct(1, { unit_price: '2.50' }));
    fake.put('products', fakeProduct(2));
    fake.put('products', { ...fakeProduct(3), unit_price: 'gratis' });
    await sync.guardarClave(KEY);
    sync.start();
    await waitFor(() => findProductByCode(db, 'FX-000001') !== undefined, 10_000, 'producto nuevo');
    expect(findProductByCode(db, 'FX-000001')?.unitPriceMicro).toBe(2_500_000);
    expect(findProductByCode(db, 'FX-000003')).toBeUndefined();
    expect(logger.entries.some((e) => e.message.includes('no cumple el contrato'))).toBe(true);

    fake.put('products', { ...p, unit_price: '2.75' });
    sync.sincronizar();
    await waitFor(
      () => findProductByCode(db, 'FX-000001')?.unitPriceMicro === 2_750_000,
      10_000,
      'precio nuevo',
    );
    const requests = fake.requests.filter((r) => r.path === '/products');
    expect(requests.length).toBeGreaterThanOrEqual(2);
  });

  it('consulta un comprador: local primero, luego Factio, y lo guarda en la base local', async () => {
    fake.sriBuyers.set('0926687856', {
      identification_type: 'CEDULA',
      identification: '0926687856',
      name: 'María José Ñañez',
      email: 'maria@example.com',
    });
    const sinClave = await sync.consultarComprador('0926687856');
    expect(sinClave.comprador).toBeNull();
    expect(sinClave.enLinea).toBe(false);
    await sync.guardarClave(KEY);
    const enLinea = await sync.consultarComprador('0926687856');
    expect(enLinea.fuente).toBe('sri');
    expect(enLinea.comprador?.razonSocial).toBe('María José Ñañez');
    expect(enLinea.comprador?.tipoIdentificacion).toBe('05');
    await fake.close();
    const local = await sync.consultarComprador('0926687856');
    expect(local.fuente).toBe('local');
    fake = await startFakeFactio({ apiKeys: [KEY] });
  });
});
