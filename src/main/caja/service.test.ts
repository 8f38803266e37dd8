import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sembrarDocumentos } from '../../../test/fixtures/documentos';
import { err, ok } from '../../shared/result';
import type { AppUser } from '../db';
import { openTestDatabase, type TestDatabase } from '../db/testing';
import { silentLogger } from '../log';
import type { TextPayload } from '../print';
import { dolares } from './reporteZ';
import { createCajaService } from './service';

let db: TestDatabase;
const T = '2026-11-25T15:00:00.000Z';
const cajero: AppUser = {
  id: 'u-cajero',
  nombre: 'Andrea Mendoza',
  rol: 'cajero',
  active: true,
  createdAt: T,
};
const supervisor: AppUser = { ...cajero, id: 'u-super', nombre: 'Jorge Cedeño', rol: 'supervisor' };
let impresos: TextPayload[];
let pendientes: number;

beforeEach(() => {
  db = openTestDatabase();
  sembrarDocumentos(db.sqlite, { documentos: 0, dias: 1 });
  db.sqlite.exec(`
    INSERT INTO settings VALUES ('terminal.emission_point_id', '"pto-bench-1"', '${T}');
    INSERT INTO app_user VALUES ('u-cajero', 'Andrea Mendoza', 'cajero', 'x', 1, '${T}'),
                                ('u-super', 'Jorge Cedeño', 'supervisor', 'x', 1, '${T}'),
                                ('u-admin', 'Rosa Vera', 'administrador', 'x', 1, '${T}');
  `);
  impresos = [];
  pendientes = 0;
  db.clock.set(T);
});
afterEach(() => db.close());

const servicio = () =>
  createCajaService({
    db,
    clock: db.clock,
    ids: db.ids,
    logger: silentLogger,
    autorizar: async (c, rol) =>
      'pin' in c && c.usuarioId === supervisor.id && c.pin === '5678' && rol === 'supervisor'
        ? ok(supervisor)
        : 'pin' in c && c.usuarioId === 'u-admin' && c.pin === '9999'
          ? ok({ ...supervisor, id: 'u-admin', nombre: 'Rosa Vera', rol: 'administrador' })
          : err('pin_incorrecto', 'PIN incorrecto.'),
    usuarioActual: () => cajero,
    pendientesSri: () => pendientes,
    imprimir: (payload) => {
      impresos.push(payload);
      return ok(impresos.length);
    },
  });

let secuencial = 0;
/** A sale of this shift with one document, its IVA 15 % row and its payments. */
const venta = (
  turnoId: string | null,
  codDoc: '01' | '04',
  base: number,
  pagos: [string, number][],
  creado = T,
  propina = 0,
): void => {
  secuencial += 1;
  const iva = Math.floor((base * 15 + 50) / 100);
  const id = `doc-${secuencial}`;
  // A nota de crédito of the notas de crédito module has no sale (turnoId null).
  if (turnoId !== null) {
    db.sqlite
      .prepare(
        `INSERT INTO sale (id, emission_point_id, shift_id, created_at, total_cents) VALUES (?, 'pto-bench-1', ?, ?, ?)`,
      )
      .run(`venta-${secuencial}`, turnoId, creado, base + iva);
  }
  db.sqlite
    .prepare(
      `INSERT INTO document (id, sale_id, cod_doc, version, ambiente, emission_point_id, estab, pto_emi, secuencial,
         clave_acceso, fecha_emision, buyer_tipo, buyer_identificacion, buyer_razon_social, subtotal_cents,
         descuento_cents, iva_cents, propina_cents, total_cents, status, signed_xml, num_doc_modificado, motivo,
         created_at, updated_at)
       VALUES (?, ?, ?, '1.1.0', '1', 'pto-bench-1', '001', '001', ?, ?, '2026-11-25', '05', '0912345678',
         'CLIENTE', ?, 0, ?, ?, ?, 'AUTHORIZED', '<x/>', ?, ?, ?, ?)`,
    )
    .run(
      id,
      turnoId === null ? null : `venta-${secuencial}`,
      codDoc,
      secuencial,
      `2511202601099281736400110010010${String(secuencial).padStart(9, '0')}123456781`,
      base,
      iva,
      propina,
      base + iva + propina,
      codDoc === '04' ? '001-001-000000001' : null,
      codDoc === '04' ? 'Devolución' : null,
      creado,
      creado,
    );
  db.sqlite.prepare(`INSERT INTO document_tax VALUES (?, '2', '4', ?, 1500, ?)`).run(id, base, iva);
  for (const [forma, monto] of pagos) {
    db.sqlite
      .prepare(
        'INSERT INTO document_payment (id, document_id, forma_pago, total_cents) VALUES (?, ?, ?, ?)',
      )
      .run(`${id}-${forma}`, id, forma, monto);
  }
};

describe('turno de caja', () => {
  it('esperado = fondo + ventas en efectivo − devoluciones en efectivo + entradas − salidas, y el Z lo dice', async () => {
    const caja = servicio();
    const abierto = caja.abrir(10_000);
    if (!abierto.ok) throw new Error(abierto.error.message);
    const turnoId = abierto.value.id;
    venta(turnoId, '01', 1000, [['01', 1150]]);
    venta(turnoId, '01', 2000, [['19', 2300]]);
    venta(turnoId, '04', 500, [['01', 575]]);
    expect(
      (await caja.movimiento({ tipo: 'entrada', montoCentavos: 500, motivo: 'Monedas' })).ok,
    ).toBe(true);
    const sinPin = await caja.movimiento({ tipo: 'salida', montoCentavos: 300, motivo: 'Gas' });
    expect(sinPin.ok ? null : sinPin.error.code).toBe('autorizacion_requerida');
    const conPin = await caja.movimiento({
      tipo: 'salida',
      montoCentavos: 300,
      motivo: 'Gas',
      autorizacion: { usuarioId: supervisor.id, pin: '5678' },
    });
    if (!conPin.ok) throw new Error(conPin.error.message);
    // The withdrawal is recorded under the supervisor who authorized it.
    expect(conPin.value.movimientos.at(-1)).toMatchObject({
      tipo: 'salida',
      usuario: 'Jorge Cedeño',
    });
    const esperado = 10_000 + 1150 - 575 + 500 - 300;
    expect(conPin.value.efectivo.esperadoCentavos).toBe(esperado);

    pendientes = 2;
    const avisado = await caja.cerrar({ conteo: { b10: 2 }, aunConPendientes: false });
    expect(avisado.ok ? null : avisado.error.message).toBe(
      'Hay 2 documentos por enviar al SRI. Puede cerrar igual: seguirán en la cola y se ven en Conciliación.',
    );
    // The count is short by more than the store's tolerance: the supervisor authorizes.
    const sinSupervisor = await caja.cerrar({ conteo: { b10: 2 }, aunConPendientes: true });
    expect(sinSupervisor.ok ? null : sinSupervisor.error.code).toBe('autorizacion_requerida');
    const cerrado = await caja.cerrar({
      conteo: { b10: 2 },
      aunConPendientes: true,
      autorizacion: { usuarioId: supervisor.id, pin: '5678' },
    });
    if (!cerrado.ok) throw new Error(cerrado.error.message);
    const z = cerrado.value.reporte;
    expect(z.turno.facturas).toEqual({ cantidad: 2, totalCentavos: 3450 });
    expect(z.turno.notasCredito).toEqual({ cantidad: 1, totalCentavos: 575 });
    expect(z.porIva).toEqual([
      { codigoPorcentaje: '4', tarifa: 1500, baseCentavos: 2500, ivaCentavos: 375 },
    ]);
    expect(z.contadoCentavos).toBe(2000);
    expect(z.diferenciaCentavos).toBe(2000 - esperado);
    expect(impresos).toHaveLength(1);
    expect(impresos[0]?.titulo).toBe('REPORTE Z');
    expect(impresos[0]?.lineas).toContain(
      `Devoluciones en efectivo${' '.repeat(40 - 24 - 6)}-$5.75`,
    );
    expect(cerrado.value.impresion).toEqual({ trabajoId: 1 });
    const shift = db.sqlite
      .prepare(
        'SELECT status, expected_cents AS e, counted_cents AS c, denominations AS d FROM cash_shift',
      )
      .get();
    expect(shift).toEqual({ status: 'closed', e: esperado, c: 2000, d: '{"b10":2}' });
  });

  it('una nota de crédito sin venta, emitida durante el turno y devuelta en efectivo, cuenta una sola vez', () => {
    // One from before the shift opened is not this shift's.
    venta(null, '04', 400, [['01', 460]], '2026-11-25T14:00:00.000Z');
    const caja = servicio();
    const abierto = caja.abrir(5_000);
    if (!abierto.ok) throw new Error(abierto.error.message);
    venta(abierto.value.id, '01', 2000, [['01', 2300]]);
    // What the notas de crédito module writes: the document with no sale, and the refund as a
    // cash movement of the open shift.
    venta(null, '04', 1000, [['01', 1150]], '2026-11-25T15:01:00.000Z');
    db.sqlite.exec(`
      INSERT INTO cash_movement (id, shift_id, kind, amount_cents, reason, user_id, at, purpose)
      VALUES ('mov-nc', '${abierto.value.id}', 'out', 1150, 'Devolución NC 001-001-000000003',
        'u-cajero', '2026-11-25T15:01:00.000Z', 'credit_note_refund');
    `);
    const t = caja.estado().turno;
    if (t === null) throw new Error('sin turno');
    expect(t.notasCredito).toEqual({ cantidad: 1, totalCentavos: 1150 });
    expect(t.efectivo).toMatchObject({ devolucionesCentavos: 1150, salidasCentavos: 0 });
    expect(t.efectivo.esperadoCentavos).toBe(5_000 + 2300 - 1150);
    expect(t.movimientos).toEqual([]);
  });

  it('el Z muestra las propinas del turno, incluidas en las facturas y en los pagos', async () => {
    const caja = servicio();
    const abierto = caja.abrir(0);
    if (!abierto.ok) throw new Error(abierto.error.message);
    venta(abierto.value.id, '01', 1000, [['01', 1250]], T, 100);
    venta(abierto.value.id, '01', 2000, [['19', 2300]]);
    const cerrado = await caja.cerrar({
      conteo: { b10: 1, b1: 2, m50: 1 },
      aunConPendientes: true,
    });
    if (!cerrado.ok) throw new Error(cerrado.error.message);
    expect(cerrado.value.reporte.propinasCentavos).toBe(100);
    expect(impresos[0]?.lineas).toContain(`  incluye propinas${' '.repeat(40 - 18 - 5)}$1.00`);
  });

  it('la devolución de una nota de crédito se reconoce por su propósito, no por la redacción del motivo', () => {
    const caja = servicio();
    const abierto = caja.abrir(5_000);
    if (!abierto.ok) throw new Error(abierto.error.message);
    venta(null, '04', 1000, [['01', 1150]], '2026-11-25T15:01:00.000Z');
    // The refund with other wording, and a cashier's own payout whose reason happens to start
    // like the old refund text.
    db.sqlite.exec(`
      INSERT INTO cash_movement (id, shift_id, kind, amount_cents, reason, user_id, at, purpose)
      VALUES ('mov-nc', '${abierto.value.id}', 'out', 1150, 'Reembolso de la nota de crédito 001-001-000000003',
          'u-cajero', '2026-11-25T15:01:00.000Z', 'credit_note_refund'),
        ('mov-mano', '${abierto.value.id}', 'out', 300, 'Devolución NC pendiente: anticipo al cliente',
          'u-cajero', '2026-11-25T15:02:00.000Z', 'manual');
    `);
    const t = caja.estado().turno;
    if (t === null) throw new Error('sin turno');
    expect(t.efectivo).toMatchObject({ devolucionesCentavos: 1150, salidasCentavos: 300 });
    expect(t.efectivo.esperadoCentavos).toBe(5_000 - 1150 - 300);
    expect(t.movimientos.map((m) => m.motivo)).toEqual([
      'Devolución NC pendiente: anticipo al cliente',
    ]);
  });

  it('un solo turno abierto por punto de emisión, y sin turno no se cierra', async () => {
    const caja = servicio();
    expect((await caja.cerrar({ conteo: {}, aunConPendientes: true })).ok).toBe(false);
    expect(caja.abrir(0).ok).toBe(true);
    const otro = caja.abrir(0);
    expect(otro.ok ? null : otro.error.code).toBe('turno_abierto');
  });

  it('cierra sin supervisor dentro del margen de la tienda, y con supervisor fuera de él', async () => {
    const caja = servicio();
    expect(caja.estado().toleranciaCentavos).toBe(100);
    expect(caja.abrir(5_000).ok).toBe(true);
    // $49.25 counted against $50.00 expected: 75 ¢ short, within the default dollar.
    const dentro = await caja.cerrar({
      conteo: { b20: 2, b5: 1, b1: 4, m25: 1 },
      aunConPendientes: false,
    });
    if (!dentro.ok) throw new Error(dentro.error.message);
    expect(dentro.value.reporte.diferenciaCentavos).toBe(-75);
    expect(dentro.value.reporte.lineas[1]).toBe('Turno: 1 (Andrea Mendoza)');
    expect(dentro.value.reporte.lineas[2]).toBe('Abierto: 25/11/2026 10:00 por Andrea Mendoza');

    // The store narrows the margin to 50 ¢: only an administrador may.
    const porSupervisor = await caja.fijarTolerancia({
      toleranciaCentavos: 50,
      autorizacion: { usuarioId: supervisor.id, pin: '5678' },
    });
    expect(porSupervisor.ok).toBe(false);
    const fijada = await caja.fijarTolerancia({
      toleranciaCentavos: 50,
      autorizacion: { usuarioId: 'u-admin', pin: '9999' },
    });
    expect(fijada.ok).toBe(true);
    expect(caja.estado().toleranciaCentavos).toBe(50);
    db.clock.set('2026-11-25T18:00:00.000Z');
    expect(caja.abrir(5_000).ok).toBe(true);
    const fuera = await caja.cerrar({
      conteo: { b20: 2, b5: 1, b1: 4, m25: 1 },
      aunConPendientes: false,
    });
    expect(fuera.ok ? null : fuera.error.code).toBe('autorizacion_requerida');
    const malPin = await caja.cerrar({
      conteo: { b20: 2, b5: 1, b1: 4, m25: 1 },
      aunConPendientes: false,
      autorizacion: { usuarioId: supervisor.id, pin: '0000' },
    });
    expect(malPin.ok ? null : malPin.error.code).toBe('pin_incorrecto');
    const autorizado = await caja.cerrar({
      conteo: { b20: 2, b5: 1, b1: 4, m25: 1 },
      aunConPendientes: false,
      autorizacion: { usuarioId: supervisor.id, pin: '5678' },
    });
    if (!autorizado.ok) throw new Error(autorizado.error.message);
    expect(autorizado.value.reporte.turno.numero).toBe(2);
    const auditoria = db.sqlite
      .prepare("SELECT detail FROM audit_log WHERE action = 'caja.cierre' ORDER BY id DESC LIMIT 1")
      .get() as { detail: string };
    expect(JSON.parse(auditoria.detail)).toMatchObject({ autorizadoPor: 'u-super' });
  });

  it('escribe montos exactos, con signo', () => {
    expect(dolares(0)).toBe('$0.00');
    expect(dolares(-37)).toBe('-$0.37');
    expect(dolares(123456)).toBe('$1234.56');
  });
});
