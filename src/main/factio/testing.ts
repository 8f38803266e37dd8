/**
 * Test helpers of the sync (not exported from `index.ts`): a demo store with real signed sales,
 * mirrored into a fake Factio, and a wait-until helper.
 */
import { randomUUID } from 'node:crypto';
import { type FakeFactio, mirrorStoreInFake } from '../../../test/fakes/factio';
import { modernP12 } from '../../../test/fixtures/certs';
import { ok } from '../../shared/result';
import { createIdGenerator, type Database, listEmissionPoints, openDatabase } from '../db';
import { DEMO_ISSUER, seedDemoStore } from '../demo';
import { type Clock, silentLogger } from '../log';
import { createOutboxRepo } from '../outbox/repo';
import { loadSigningIdentity, trySignComprobante } from '../signing';
import { createEmisionService, type EmisionService } from '../ventas';

/** The demo store in memory (or at `file`), with an emission service that signs for real. */
export const openStoreWithSales = async (
  clock: Clock,
  file = ':memory:',
): Promise<{ db: Database; emision: EmisionService }> => {
  const opened = openDatabase(file, { logger: silentLogger, clock });
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value;
  const seeded = await seedDemoStore(db, { clock, ids: createIdGenerator(clock) });
  if (!seeded.ok) throw new Error(seeded.error.message);
  const p12 = modernP12({ ruc: DEMO_ISSUER.ruc, razonSocial: DEMO_ISSUER.razonSocial });
  const identity = loadSigningIdentity(p12.p12, p12.password, new Date());
  if (!identity.ok) throw new Error(identity.error.message);
  const emision = createEmisionService({
    db,
    clock,
    ids: createIdGenerator(clock),
    codigoNumerico: () => String(Math.floor(Math.random() * 1e8)).padStart(8, '0'),
    firmador: () =>
      ok((xml, instante) => trySignComprobante(xml, identity.value, { signingTime: instante })),
    logger: silentLogger,
  });
  return { db, emision };
};

/** Charges `n` small cash sales; returns their document ids. */
export const sell = (db: Database, emision: EmisionService, n: number): string[] => {
  const product = db.sqlite
    .prepare(
      "SELECT id, unit_price_micro AS precio FROM product WHERE unit = 'unidad' AND active = 1 LIMIT 1",
    )
    .get() as { id: string; precio: number };
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const r = emision.cobrar({
      ventaId: randomUUID(),
      comprador: null,
      lineas: [
        {
          productoId: product.id,
          cantidad: '1',
          precioUnitarioMicros: product.precio,
          descuentoCentavos: 0,
        },
      ],
      pagos: [{ formaPago: '01', montoCentavos: 10_000 }],
    });
    if (!r.ok) throw new Error(r.error.message);
    ids.push(r.value.documentoId);
  }
  return ids;
};

/** Mirrors the local store (issuer, establishments, points) into the fake. */
export const mirrorLocalStore = (fake: FakeFactio, db: Database) => {
  const points = listEmissionPoints(db);
  const issuer = db.sqlite
    .prepare(
      'SELECT ruc, razon_social AS razonSocial, direccion_matriz AS direccionMatriz, ambiente FROM issuer',
    )
    .get() as { ruc: string; razonSocial: string; direccionMatriz: string; ambiente: string };
  const byEstab = new Map<string, { code: string; address: string; points: string[] }>();
  for (const p of points) {
    const e = byEstab.get(p.establishment.id) ?? {
      code: p.establishment.code,
      address: p.establishment.address,
      points: [],
    };
    e.points.push(p.emissionPoint.code);
    byEstab.set(p.establishment.id, e);
  }
  return mirrorStoreInFake(fake, { issuer, establishments: [...byEstab.values()] });
};

/** Moves a document SIGNED → AUTHORIZED the way the SRI worker does, with its history rows. */
export const authorize = (db: Database, documentId: string, at: string): void => {
  const repo = createOutboxRepo(db.sqlite);
  const clave = (
    db.sqlite.prepare('SELECT clave_acceso AS c FROM document WHERE id = ?').get(documentId) as {
      c: string;
    }
  ).c;
  repo.applyEvents(
    {
      documentId,
      eventos: ['encolado', 'envio_iniciado', 'recibida', 'consulta_iniciada', 'autorizado'],
      at,
      source: 'sri',
      mensajes: [],
      detalle: null,
      autorizacion: {
        numeroAutorizacion: clave,
        fechaAutorizacion: at,
        authorizationXml: '<autorizacion/>',
      },
    },
    'SIGNED',
  );
};

/** Polls `check` until it is true or `ms` pass. */
export const waitFor = async (
  check: () => boolean,
  ms = 10_000,
  what = 'condición',
): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`No se cumplió a tiempo: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};
