/**
 * The machine's clock against the SRI's (issue 16, item 6), with the real client and simulator:
 * the SRI's HTTP Date 45 minutes away warns; a machine clock a month ahead of the SRI's refuses
 * the sale before it takes a secuencial, since the SRI would answer 65 for it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createIdGenerator, openDatabase } from '../../src/main/db';
import { seedDemoStore } from '../../src/main/demo';
import { type Clock, silentLogger, systemClock } from '../../src/main/log';
import { verifyComprobanteSignature } from '../../src/main/signing';
import { createSriClient, endpointsDesdeBase } from '../../src/main/sri';
import { crearRelojSri } from '../../src/main/sri/reloj';
import { type SriSimulator, startSriSimulator } from '../../src/main/sri/simulator';
import { createEmisionService } from '../../src/main/ventas';
import { ok } from '../../src/shared/result';

const DIA = 86_400_000;
const abiertos: SriSimulator[] = [];
afterAll(async () => {
  for (const s of abiertos) await s.close();
});

/** The SRI's clock `desfaseMs` away from this machine's. */
const sriCon = async (desfaseMs: number) => {
  const reloj: Clock = { now: () => new Date(Date.now() + desfaseMs) };
  const simulador = await startSriSimulator({
    verifySignature: verifyComprobanteSignature,
    clock: reloj,
    logger: silentLogger,
  });
  abiertos.push(simulador);
  const relojSri = crearRelojSri({
    ahora: () => systemClock.now(),
    monotonoMs: () => performance.now(),
  });
  const cliente = createSriClient({
    endpoints: endpointsDesdeBase(simulador.url),
    timeouts: { connectMs: 2_000, responseMs: 5_000 },
    logger: silentLogger,
    onHoraSri: relojSri.observar,
  });
  return { relojSri, cliente };
};

describe('hora del equipo frente a la del SRI', () => {
  it('avisa con más de 5 minutos de diferencia y no con 1', async () => {
    const cerca = await sriCon(60_000);
    expect((await cerca.cliente.probe()).online).toBe(true);
    expect(cerca.relojSri.estado().desincronizado).toBe(false);
    const lejos = await sriCon(-45 * 60_000);
    expect((await lejos.cliente.autorizacionComprobante('1'.repeat(49))).kind).toBe('pendiente');
    const estado = lejos.relojSri.estado();
    expect(estado.desincronizado).toBe(true);
    expect(estado.desfaseSegundos).toBeGreaterThan(-45 * 60 - 5);
    expect(estado.desfaseSegundos).toBeLessThan(-45 * 60 + 5);
  });

  it('con el equipo un mes adelantado rechaza la venta sin gastar secuencial', async () => {
    const { relojSri, cliente } = await sriCon(-31 * DIA);
    expect((await cliente.probe()).online).toBe(true);
    const opened = openDatabase(':memory:', { logger: silentLogger, clock: systemClock });
    if (!opened.ok) throw new Error(opened.error.message);
    const db = opened.value;
    const ids = createIdGenerator(systemClock);
    const seeded = await seedDemoStore(db, { clock: systemClock, ids });
    if (!seeded.ok) throw new Error(seeded.error.message);
    const emision = createEmisionService({
      db,
      clock: systemClock,
      ids,
      codigoNumerico: () => '12345678',
      firmador: () => ok((xml) => ok(xml)),
      logger: silentLogger,
      problemaFechaEmision: relojSri.problemaFechaEmision,
    });
    const producto = db.sqlite
      .prepare("SELECT id, unit_price_micro AS p FROM product WHERE unit = 'unidad' LIMIT 1")
      .get() as { id: string; p: number };
    const documentosAntes = db.sqlite.prepare('SELECT count(*) AS n FROM document').get() as {
      n: number;
    };
    const cobro = emision.cobrar({
      ventaId: randomUUID(),
      comprador: null,
      lineas: [
        {
          productoId: producto.id,
          cantidad: '1',
          precioUnitarioMicros: producto.p,
          descuentoCentavos: 0,
        },
      ],
      pagos: [{ formaPago: '01', montoCentavos: 2_000 }],
    });
    expect(cobro).toMatchObject({ ok: false, error: { code: 'fecha_fuera_de_ventana' } });
    if (!cobro.ok) expect(cobro.error.message).toMatch(/no coincide con la del SRI/);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM document').get()).toEqual(documentosAntes);
    db.sqlite.close();
  });
});
