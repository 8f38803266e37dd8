import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { modernP12 } from '../../../test/fixtures/certs';
import type { Carrito } from '../../shared/contract/ventas';
import { err, ok, type Result } from '../../shared/result';
import { createIdGenerator, type Database, openDatabase } from '../db';
import { DEMO_ISSUER, seedDemoStore } from '../demo';
import type { Clock } from '../log';
import { silentLogger } from '../log';
import {
  loadSigningIdentity,
  type SigningIdentity,
  trySignComprobante,
  verifyComprobanteSignature,
} from '../signing';
import { createEmisionService, type Firmador } from './service';

// 10:00 in Guayaquil.
const clock: Clock = { now: () => new Date('2026-11-25T15:00:00.000Z') };
let identity: SigningIdentity;
let db: Database;

beforeAll(() => {
  const p12 = modernP12({ ruc: DEMO_ISSUER.ruc, razonSocial: DEMO_ISSUER.razonSocial });
  const loaded = loadSigningIdentity(p12.p12, p12.password, new Date());
  if (!loaded.ok) throw new Error(loaded.error.message);
  identity = loaded.value;
});

beforeEach(async () => {
  const opened = openDatabase(':memory:', { logger: silentLogger, clock });
  if (!opened.ok) throw new Error(opened.error.message);
  db = opened.value;
  const seeded = await seedDemoStore(db, { clock, ids: createIdGenerator(clock) });
  if (!seeded.ok) throw new Error(seeded.error.message);
  // Main prices from its catalog: the products these carts use cost $1.00.
  db.sqlite
    .prepare(
      "UPDATE product SET unit_price_micro = 1000000 WHERE iva_codigo_porcentaje = '4' AND unit = 'unidad'",
    )
    .run();
});
afterEach(() => db.close());

const firmadorReal = (): Firmador => (xml, instante) =>
  trySignComprobante(xml, identity, { signingTime: instante });

const service = (
  firmador: () => Result<Firmador> = () => ok(firmadorReal()),
  emitted: string[] = [],
) =>
  createEmisionService({
    db,
    clock,
    ids: createIdGenerator(clock),
    codigoNumerico: () => '12345678',
    firmador,
    logger: silentLogger,
    alEmitir: (id) => emitted.push(id),
  });

const producto = (iva: string) =>
  db.sqlite
    .prepare(
      'SELECT id, unit_price_micro AS precio FROM product WHERE iva_codigo_porcentaje = ? AND unit = ? LIMIT 1',
    )
    .get(iva, 'unidad') as { id: string; precio: number };

const carrito = (overrides: Partial<Carrito> = {}): Carrito & { ventaId: string } => {
  const p = producto('4');
  return {
    ventaId: randomUUID(),
    comprador: null,
    lineas: [
      { productoId: p.id, cantidad: '2', precioUnitarioMicros: 1_000_000, descuentoCentavos: 0 },
    ],
    pagos: [{ formaPago: '01', montoCentavos: 500 }],
    ...overrides,
  };
};

const count = (table: string): number =>
  (db.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('cobrar', () => {
  it('emite una factura firmada con su cola SRI e impresión en una sola transacción', () => {
    const emitted: string[] = [];
    const r = service(undefined, emitted).cobrar(carrito());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // 2 × $1.00 at 15 % IVA: 2.00 + 0.30; $5.00 in cash → $2.70 change.
    expect(r.value.totales.totalCentavos).toBe(230);
    expect(r.value.vueltoCentavos).toBe(270);
    expect(r.value.numero).toBe('001-001-000000001');
    expect(r.value.estado).toBe('SIGNED');
    expect(emitted).toEqual([r.value.documentoId]);
    const doc = db.sqlite
      .prepare('SELECT signed_xml AS xml, status, clave_acceso AS clave FROM document WHERE id = ?')
      .get(r.value.documentoId) as { xml: string; status: string; clave: string };
    expect(doc.status).toBe('SIGNED');
    expect(doc.clave).toBe(r.value.claveAcceso);
    expect(r.value.claveAcceso.slice(0, 8)).toBe('25112026');
    expect(verifyComprobanteSignature(doc.xml).ok).toBe(true);
    expect(doc.xml).toContain('<importeTotal>2.30</importeTotal>');
    expect(count('outbox_job')).toBe(2);
    expect(count('print_job')).toBe(1);
    expect(count('document_status_history')).toBe(1);
    expect(count('document_payment')).toBe(1);
  });

  it('numera de forma contigua por punto de emisión', () => {
    const s = service();
    const numeros = [1, 2, 3].map(() => {
      const r = s.cobrar(carrito());
      if (!r.ok) throw new Error(r.error.message);
      return r.value.numero;
    });
    expect(numeros).toEqual(['001-001-000000001', '001-001-000000002', '001-001-000000003']);
  });

  it('cobrar dos veces el mismo carrito no vende dos veces', () => {
    const s = service();
    const cart = carrito();
    const first = s.cobrar(cart);
    const second = s.cobrar(cart);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.value.repetida).toBe(true);
    expect(second.value.documentoId).toBe(first.value.documentoId);
    expect(second.value.totales).toEqual(first.value.totales);
    expect(count('sale')).toBe(1);
    expect(count('document')).toBe(1);
  });

  it('rechaza consumidor final sobre USD 50 sin gastar un secuencial', () => {
    const s = service();
    const p = producto('4');
    const r = s.cobrar(
      carrito({
        lineas: [
          {
            productoId: p.id,
            cantidad: '50',
            precioUnitarioMicros: 1_000_000,
            descuentoCentavos: 0,
          },
        ],
        pagos: [{ formaPago: '01', montoCentavos: 10_000 }],
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/consumidor final no puede superar USD 50\.00/);
    expect(count('document')).toBe(0);
    const next = s.cobrar(carrito());
    expect(next.ok && next.value.numero).toBe('001-001-000000001');
  });

  it('rechaza una cédula con dígito verificador inválido', () => {
    const r = service().cobrar(
      carrito({
        comprador: {
          tipoIdentificacion: '05',
          identificacion: '1714307104',
          razonSocial: 'Ana Pérez',
        },
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/cédula/i);
    expect(count('sale')).toBe(0);
  });

  it('sin firma electrónica no guarda nada y lo dice en español', () => {
    const s = service(() => err('sin_certificado', 'Importe la firma electrónica en Ajustes.'));
    const r = s.cobrar(carrito());
    expect(r).toEqual({
      ok: false,
      error: { code: 'sin_certificado', message: 'Importe la firma electrónica en Ajustes.' },
    });
    expect(count('sale') + count('document') + count('outbox_job') + count('print_job')).toBe(0);
  });

  it('con el disco lleno rechaza la venta con un mensaje claro y no deja nada a medias', () => {
    const s = service();
    expect(s.cobrar(carrito()).ok).toBe(true);
    const pages = db.sqlite.pragma('page_count', { simple: true }) as number;
    db.sqlite.pragma(`max_page_count = ${pages}`);
    const big = carrito({
      comprador: {
        tipoIdentificacion: '05',
        identificacion: '1714307103',
        razonSocial: 'Ana Pérez '.repeat(25).trim(),
        direccion: 'x'.repeat(300),
      },
    });
    let r = s.cobrar(big);
    for (let i = 0; i < 200 && r.ok; i++) r = s.cobrar({ ...big, ventaId: randomUUID() });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('disco_lleno');
      expect(r.error.message).toMatch(/disco está lleno/);
    }
    const sales = count('sale');
    expect(count('document')).toBe(sales);
    expect(count('outbox_job')).toBe(2 * sales);
    const max = db.sqlite
      .prepare("SELECT MAX(secuencial) AS m FROM document WHERE cod_doc = '01'")
      .get() as {
      m: number;
    };
    expect(max.m).toBe(sales);
  });

  it('con la base de datos en solo lectura rechaza la venta en español y no numera', () => {
    const s = service();
    db.sqlite.pragma('query_only = ON');
    const r = s.cobrar(carrito());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('db_solo_lectura');
      expect(r.error.message).toMatch(/^No se pudo guardar la venta\. .*solo lectura/);
    }
    db.sqlite.pragma('query_only = OFF');
    const next = s.cobrar(carrito());
    expect(next.ok && next.value.numero).toBe('001-001-000000001');
  });

  it('da el vuelto correcto en un pago mixto efectivo + tarjeta', () => {
    const r = service().cobrar(
      carrito({
        pagos: [
          { formaPago: '19', montoCentavos: 100 },
          { formaPago: '01', montoCentavos: 200 },
        ],
      }),
    );
    expect(r.ok && r.value.vueltoCentavos).toBe(70);
    const pagos = db.sqlite
      .prepare(
        'SELECT forma_pago AS f, total_cents AS t, tendered_cents AS e FROM document_payment ORDER BY forma_pago',
      )
      .all();
    expect(pagos).toEqual([
      { f: '01', t: 130, e: 200 },
      { f: '19', t: 100, e: null },
    ]);
  });

  it('guarda en la venta al usuario con la sesión abierta', () => {
    const cajero = db.sqlite.prepare("SELECT id FROM app_user WHERE rol = 'cajero'").get() as {
      id: string;
    };
    const conSesion = createEmisionService({
      db,
      clock,
      ids: createIdGenerator(clock),
      codigoNumerico: () => '12345678',
      firmador: () => ok(firmadorReal()),
      logger: silentLogger,
      usuarioActual: () => cajero.id,
    });
    const r = conSesion.cobrar(carrito());
    expect(r.ok).toBe(true);
    const venta = db.sqlite.prepare('SELECT user_id AS u FROM sale').get() as { u: string };
    expect(venta.u).toBe(cajero.id);
  });
});

describe('calcular', () => {
  it('avisa en cuanto consumidor final supera USD 50 y sigue dando los totales', () => {
    const p = producto('4');
    const r = service().calcular({
      comprador: null,
      lineas: [
        { productoId: p.id, cantidad: '44', precioUnitarioMicros: 1_000_000, descuentoCentavos: 0 },
      ],
      pagos: [],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.totales.totalCentavos).toBe(5060);
    expect(r.value.avisos.map((a) => a.code)).toContain('consumidor_final_excede_limite');
  });
});
