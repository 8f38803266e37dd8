import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { modernP12 } from '../../../test/fixtures/certs';
import type { Carrito } from '../../shared/contract/ventas';
import { err, ok, type Result } from '../../shared/result';
import { createIdGenerator, type Database, guardarLocal, openDatabase } from '../db';
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
    // The document names its emitter too: the reports by cashier read it.
    const doc = db.sqlite.prepare('SELECT user_id AS u FROM document').get() as { u: string };
    expect(doc.u).toBe(cajero.id);
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

describe('propina', () => {
  const restaurante = (esRestaurante: boolean) =>
    guardarLocal(db, { esRestaurante, provincia: null, canton: null }, clock);

  it('en un restaurante sugiere el 10 %, la suma al total fuera de la base del IVA y los pagos la cubren', () => {
    restaurante(true);
    const s = service();
    const sin = s.calcular(carrito({ pagos: [] }));
    expect(sin.ok && sin.value.propinaSugeridaCentavos).toBe(20);
    expect(sin.ok && sin.value.totales.totalCentavos).toBe(230);
    const con = s.calcular(carrito({ pagos: [], propinaCentavos: 20 }));
    expect(con.ok && con.value.totales).toMatchObject({
      ivaCentavos: 30,
      propinaCentavos: 20,
      totalCentavos: 250,
    });
    const corto = s.cobrar(
      carrito({ propinaCentavos: 20, pagos: [{ formaPago: '19', montoCentavos: 230 }] }),
    );
    expect(!corto.ok && corto.error.code).toBe('pago_insuficiente');
    const r = s.cobrar(
      carrito({ propinaCentavos: 20, pagos: [{ formaPago: '19', montoCentavos: 250 }] }),
    );
    expect(r.ok && r.value.totales.totalCentavos).toBe(250);
    const fila = db.sqlite
      .prepare('SELECT propina_cents AS p, total_cents AS t, signed_xml AS x FROM document')
      .get() as { p: number; t: number; x: string };
    expect([fila.p, fila.t]).toEqual([20, 250]);
    expect(fila.x).toContain('<propina>0.20</propina><importeTotal>2.50</importeTotal>');
    expect(fila.x).toContain('<pago><formaPago>19</formaPago><total>2.50</total>');
  });

  it('sin propina por defecto, y fuera de un restaurante no se acepta', () => {
    const s = service();
    const c = s.calcular(carrito({ pagos: [] }));
    expect(c.ok && c.value.propinaSugeridaCentavos).toBeNull();
    expect(c.ok && c.value.totales.propinaCentavos).toBeUndefined();
    const r = s.cobrar(carrito({ propinaCentavos: 20 }));
    expect(!r.ok && r.error.code).toBe('propina_no_restaurante');
    expect(count('document')).toBe(0);
  });
});

describe('efectivo sobre USD 500', () => {
  it('calcular avisa a un comprador identificado que paga en efectivo, y cobrar deja seguir', () => {
    const p = producto('4');
    const comprador = {
      tipoIdentificacion: '05' as const,
      identificacion: '1714307103',
      razonSocial: 'María Pérez',
    };
    const lineas = [
      { productoId: p.id, cantidad: '500', precioUnitarioMicros: 1_000_000, descuentoCentavos: 0 },
    ];
    const s = service();
    const efectivo = s.calcular(
      carrito({ comprador, lineas, pagos: [{ formaPago: '01', montoCentavos: 60_000 }] }),
    );
    expect(efectivo.ok && efectivo.value.avisos.map((a) => a.code)).toContain('efectivo_sobre_500');
    const tarjeta = s.calcular(
      carrito({ comprador, lineas, pagos: [{ formaPago: '19', montoCentavos: 57_500 }] }),
    );
    expect(tarjeta.ok && tarjeta.value.avisos.map((a) => a.code)).not.toContain(
      'efectivo_sobre_500',
    );
    const r = s.cobrar(
      carrito({ comprador, lineas, pagos: [{ formaPago: '01', montoCentavos: 60_000 }] }),
    );
    expect(r.ok && r.value.vueltoCentavos).toBe(2_500);
  });
});

describe('IVA 8 % en feriados decretados', () => {
  const enFecha = (iso: string) =>
    createEmisionService({
      db,
      clock: { now: () => new Date(iso) },
      ids: createIdGenerator(clock),
      codigoNumerico: () => '12345678',
      firmador: () => ok(firmadorReal()),
      logger: silentLogger,
    });
  const servicio = (marcar: { iva?: string; turistico?: boolean }) => {
    const p = producto('4');
    if (marcar.iva !== undefined) {
      // The catalogue row as Factio could send it; sold-product immutability is not at stake.
      db.sqlite
        .prepare('UPDATE product SET iva_codigo_porcentaje = ? WHERE id = ?')
        .run(marcar.iva, p.id);
    }
    if (marcar.turistico === true) {
      db.sqlite.prepare('UPDATE product SET servicio_turistico = 1 WHERE id = ?').run(p.id);
    }
    // A $10.00 service: main prices the line from the catalog.
    db.sqlite.prepare('UPDATE product SET unit_price_micro = 10000000 WHERE id = ?').run(p.id);
    return p;
  };
  const venta = (p: { id: string }) =>
    carrito({
      lineas: [{ productoId: p.id, cantidad: '1', descuentoCentavos: 0 }],
      pagos: [],
    });

  it('un producto con IVA 8 % fuera de un feriado decretado se rechaza nombrando la regla', () => {
    const p = servicio({ iva: '8' });
    const r = enFecha('2026-11-25T15:00:00.000Z').calcular(venta(p));
    expect(!r.ok && r.error.code).toBe('iva_8_fuera_de_feriado');
    expect(!r.ok && r.error.message).toContain(
      'El IVA 8 % solo se aplica a servicios turísticos en los feriados decretados',
    );
  });

  it('un servicio turístico pasa solo al 8 % en un feriado decretado donde está la tienda', () => {
    const p = servicio({ turistico: true });
    // 2 Jan 2026 (Decreto 271, whole country), 10:00 in Guayaquil.
    const feriado = enFecha('2026-01-02T15:00:00.000Z').calcular(venta(p));
    expect(feriado.ok && feriado.value.totales.impuestos.map((i) => i.codigoPorcentaje)).toEqual([
      '8',
    ]);
    expect(feriado.ok && feriado.value.totales.ivaCentavos).toBe(80);
    const normal = enFecha('2026-01-05T15:00:00.000Z').calcular(venta(p));
    expect(normal.ok && normal.value.totales.impuestos.map((i) => i.codigoPorcentaje)).toEqual([
      '4',
    ]);
    // Decreto 196 only where it applies: 2 Nov 2025 in Quito stays at 15 %, in Cayambe 8 %.
    guardarLocal(db, { esRestaurante: false, provincia: 'Pichincha', canton: 'Quito' }, clock);
    const quito = enFecha('2025-11-02T15:00:00.000Z').calcular(venta(p));
    expect(quito.ok && quito.value.totales.impuestos[0]?.codigoPorcentaje).toBe('4');
    guardarLocal(db, { esRestaurante: false, provincia: 'Pichincha', canton: 'Cayambe' }, clock);
    const cayambe = enFecha('2025-11-02T15:00:00.000Z').cobrar(
      carrito({
        lineas: venta(p).lineas,
        pagos: [{ formaPago: '01', montoCentavos: 1_080 }],
      }),
    );
    expect(cayambe.ok && cayambe.value.totales.impuestos[0]?.codigoPorcentaje).toBe('8');
  });
});
