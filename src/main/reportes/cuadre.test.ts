/**
 * The monthly tax summary agrees with the other two places a store reads its taxes: Conciliación's
 * summary of the same month and the Z report of the shift that emitted the documents, to the
 * cent (issue 21). Documents not yet authorized are the only difference, and they are counted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crearInsertador,
  crearTienda,
  type DocSemilla,
  MOTIVOS,
  PUNTOS,
  USUARIOS,
} from '../../../test/fixtures/reportes';
import { ok } from '../../shared/result';
import { createCajaService } from '../caja';
import { createConsultas } from '../conciliacion';
import type { AppUser } from '../db';
import { openTestDatabase } from '../db/testing';
import { silentLogger } from '../log';
import { createConsultasReportes } from './consultas';

const PRODUCTOS = 12;
const DIA = '2026-03-31';
// Opened at 07:00 in Guayaquil on the last day of the month, closed at 23:59.
const APERTURA = '2026-03-31T12:00:00.000Z';
const CIERRE = '2026-04-01T04:59:00.000Z';

const cajero: AppUser = {
  id: USUARIOS[0].id,
  nombre: USUARIOS[0].nombre,
  rol: 'cajero',
  active: true,
  createdAt: APERTURA,
};

const doc = (estados: fc.Arbitrary<string>): fc.Arbitrary<DocSemilla> =>
  fc.record({
    codDoc: fc.constantFrom('01' as const, '01' as const, '01' as const, '04' as const),
    fecha: fc.constant(DIA),
    // Between the opening and 23:58 local: inside the shift, the last one on April 1st in UTC.
    minuto: fc.integer({ min: 7 * 60 + 1, max: 23 * 60 + 58 }),
    punto: fc.constant(0 as const),
    usuario: fc.constant(0),
    lineas: fc.array(
      fc.record({
        producto: fc.integer({ min: 0, max: PRODUCTOS - 1 }),
        cantidadMicro: fc.integer({ min: 1, max: 5_000_000 }),
        precioMicro: fc.integer({ min: 0, max: 30_000_000 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    pagos: fc.array(fc.constantFrom('01', '16', '19'), { minLength: 1, maxLength: 2 }),
    motivo: fc.integer({ min: 0, max: MOTIVOS.length - 1 }),
    estadoInicial: fc.constant('SIGNED'),
    estadoFinal: estados,
  });

const preparar = async (docs: DocSemilla[]) => {
  const db = openTestDatabase();
  db.clock.set(APERTURA);
  crearTienda(db.sqlite, PRODUCTOS);
  db.sqlite
    .prepare("INSERT INTO settings VALUES ('terminal.emission_point_id', ?, ?)")
    .run(JSON.stringify(PUNTOS[0]), APERTURA);
  const caja = createCajaService({
    db,
    clock: db.clock,
    ids: db.ids,
    logger: silentLogger,
    autorizar: async () => ok(cajero),
    usuarioActual: () => cajero,
    pendientesSri: () => 0,
    imprimir: () => ok(1),
  });
  const turno = caja.abrir(0);
  if (!turno.ok) throw new Error(turno.error.message);
  const { insertar, cambiarEstado } = crearInsertador(db.sqlite, PRODUCTOS, turno.value.id);
  docs.forEach((d) => {
    const id = insertar(d);
    if (d.estadoFinal !== null) cambiarEstado(id, d.estadoFinal);
  });
  db.clock.set(CIERRE);
  // Only the figures matter here, not the count: any difference may be closed without a supervisor.
  db.sqlite
    .prepare("INSERT OR REPLACE INTO settings VALUES ('caja.tolerancia_centavos', ?, ?)")
    .run(JSON.stringify(Number.MAX_SAFE_INTEGER), APERTURA);
  const cerrado = await caja.cerrar({ conteo: {}, aunConPendientes: true });
  if (!cerrado.ok) throw new Error(cerrado.error.message);
  return { db, z: cerrado.value.reporte };
};

// Each run migrates a fresh database: generous time on a busy machine.
describe('resumen tributario frente a Conciliación y al reporte Z', () => {
  it('con todo autorizado, las tres cuentas coinciden al centavo', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(doc(fc.constant('AUTHORIZED')), { minLength: 1, maxLength: 40 }),
        async (docs) => {
          const { db, z } = await preparar(docs);
          const t = createConsultasReportes(db.sqlite).tributario('2026-03');
          const c = createConsultas(db.sqlite).resumen('2026-03-01', '2026-03-31');
          expect(t.sinAutorizar.cantidad).toBe(0);
          expect(t.aviso).toBeNull();
          // Conciliación's month.
          expect(t.facturas).toEqual(c.facturas);
          expect(t.notasCredito).toEqual(c.notasCredito);
          expect(t.neto).toEqual(c.neto);
          for (const fila of c.porIva) {
            const mia = t.porIva.find(
              (x) => x.codigoPorcentaje === fila.codigoPorcentaje && x.tarifa === fila.tarifa,
            );
            expect(mia).toMatchObject({
              facturas: fila.facturas,
              notasCredito: fila.notasCredito,
              neto: fila.neto,
            });
          }
          // The shift's Z report (net per rate; invoices and credit notes by count and total).
          expect(z.turno.facturas).toEqual({
            cantidad: t.facturas.cantidad,
            totalCentavos: t.facturas.totalCentavos,
          });
          expect(z.turno.notasCredito).toEqual({
            cantidad: t.notasCredito.cantidad,
            totalCentavos: t.notasCredito.totalCentavos,
          });
          for (const fila of t.porIva) {
            const enZ = z.porIva.find(
              (x) => x.codigoPorcentaje === fila.codigoPorcentaje && x.tarifa === fila.tarifa,
            );
            expect({
              baseCentavos: enZ?.baseCentavos ?? 0,
              ivaCentavos: enZ?.ivaCentavos ?? 0,
            }).toEqual(fila.neto);
          }
          db.close();
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);

  it('lo que falta autorizar es justo la diferencia con Conciliación, y se avisa', async () => {
    const estados = fc.constantFrom(
      'AUTHORIZED',
      'AUTHORIZED',
      'RECEPTION_PENDING',
      'REJECTED',
      'MANUAL_REVIEW_REQUIRED',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(doc(estados), { minLength: 1, maxLength: 40 }), async (docs) => {
        const { db } = await preparar(docs);
        const t = createConsultasReportes(db.sqlite).tributario('2026-03');
        const c = createConsultas(db.sqlite).resumen('2026-03-01', '2026-03-31');
        const fuera = docs.filter((d) => d.estadoFinal !== 'AUTHORIZED').length;
        expect(t.sinAutorizar.cantidad).toBe(fuera);
        expect(t.aviso === null).toBe(fuera === 0);
        expect(c.neto.totalCentavos - t.neto.totalCentavos).toBe(t.sinAutorizar.totalCentavos);
        expect(c.facturas.cantidad + c.notasCredito.cantidad).toBe(
          t.facturas.cantidad + t.notasCredito.cantidad + fuera,
        );
        db.close();
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
