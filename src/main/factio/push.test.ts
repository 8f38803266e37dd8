import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDocumentSchema } from '../../../test/fakes/factio';
import { ok } from '../../shared/result';
import { createIdGenerator, type Database, guardarLocal, openDatabase } from '../db';
import { seedDemoStore } from '../demo';
import type { Clock } from '../log';
import { silentLogger } from '../log';
import { createEmisionService } from '../ventas';
import { crearDocumentoFactioSchema } from './api';
import { createDocumentReader } from './push';

const clock: Clock = { now: () => new Date('2026-11-25T15:00:00.000Z') };
let db: Database;

beforeEach(async () => {
  const opened = openDatabase(':memory:', { logger: silentLogger, clock });
  if (!opened.ok) throw new Error(opened.error.message);
  db = opened.value;
  const seeded = await seedDemoStore(db, { clock, ids: createIdGenerator(clock) });
  if (!seeded.ok) throw new Error(seeded.error.message);
  for (const tabla of ['issuer', 'establishment', 'emission_point']) {
    db.sqlite.prepare(`UPDATE ${tabla} SET remote_id = ?`).run(randomUUID());
  }
});
afterEach(() => db.close());

describe('documento hacia Factio', () => {
  it('lleva la propina de la factura en tip, dentro del total', () => {
    guardarLocal(db, { esRestaurante: true, provincia: null, canton: null }, clock);
    const p = db.sqlite
      .prepare(
        "SELECT id FROM product WHERE iva_codigo_porcentaje = '4' AND unit = 'unidad' LIMIT 1",
      )
      .get() as { id: string };
    // A $1.00 product: main prices the line from the catalog.
    db.sqlite.prepare('UPDATE product SET unit_price_micro = 1000000 WHERE id = ?').run(p.id);
    const venta = createEmisionService({
      db,
      clock,
      ids: createIdGenerator(clock),
      codigoNumerico: () => '12345678',
      // The mapping reads the stored rows; the signature is not what is under test here.
      firmador: () => ok((xml: string) => ok(xml)),
      logger: silentLogger,
    }).cobrar({
      ventaId: randomUUID(),
      comprador: null,
      lineas: [{ productoId: p.id, cantidad: '2', descuentoCentavos: 0 }],
      pagos: [{ formaPago: '19', montoCentavos: 250 }],
      propinaCentavos: 20,
    });
    if (!venta.ok) throw new Error(venta.error.message);
    const leido = createDocumentReader(db.sqlite)(venta.value.documentoId);
    if (!leido.ok || leido.value.cuerpo === null) throw new Error('sin cuerpo');
    const cuerpo = leido.value.cuerpo;
    expect(cuerpo).toMatchObject({ tip: '0.20', total: '2.50', total_tax: '0.30' });
    expect(crearDocumentoFactioSchema.safeParse(cuerpo).success).toBe(true);
    expect(seedDocumentSchema.safeParse(cuerpo).error).toBeUndefined();
  });
});
