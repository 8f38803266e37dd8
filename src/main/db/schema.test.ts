import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { upsertEmissionPoint, upsertEstablishment, upsertIssuer } from './repos/store';
import {
  appUser,
  auditLog,
  cashShift,
  document,
  documentLine,
  documentStatusHistory,
  outboxJob,
  product,
} from './schema';
import { openTestDatabase, type TestDatabase } from './testing';

const CLAVE = '1403202501099281736400110010010000000011234567811';

const setup = (db: TestDatabase) => {
  const deps = { clock: db.clock, ids: db.ids };
  const iss = upsertIssuer(
    db,
    {
      ruc: '0992817364001',
      razonSocial: 'COMERCIAL DON LUCHO CIA. LTDA.',
      nombreComercial: null,
      direccionMatriz: 'Av. Quito 1523',
      obligadoContabilidad: true,
      contribuyenteEspecial: null,
      agenteRetencion: null,
      regimen: null,
      ambiente: '1',
    },
    deps,
  );
  const est = upsertEstablishment(
    db,
    { issuerId: iss.id, code: '001', address: 'Av. Quito 1523', nombreComercial: null },
    deps,
  );
  const point = upsertEmissionPoint(
    db,
    { establishmentId: est.id, code: '001', description: 'Caja 1' },
    deps,
  );
  const now = db.clock.now().toISOString();
  db.orm
    .insert(appUser)
    .values({ id: 'u1', nombre: 'Andrea', rol: 'cajero', pinHash: 'x', createdAt: now })
    .run();
  const insertDocument = (id: string, secuencial: number, clave: string) =>
    db.orm
      .insert(document)
      .values({
        id,
        codDoc: '01',
        version: '1.1.0',
        ambiente: '1',
        emissionPointId: point.id,
        estab: '001',
        ptoEmi: '001',
        secuencial,
        claveAcceso: clave,
        fechaEmision: '2025-03-14',
        buyerTipo: '07',
        buyerIdentificacion: '9999999999999',
        buyerRazonSocial: 'CONSUMIDOR FINAL',
        subtotalCents: 100,
        descuentoCents: 0,
        ivaCents: 15,
        totalCents: 115,
        status: 'SIGNED',
        signedXml: '<factura id="comprobante"/>',
        createdAt: now,
        updatedAt: now,
      })
      .run();
  insertDocument('d1', 1, CLAVE);
  db.orm
    .insert(documentLine)
    .values({
      id: 'l1',
      documentId: 'd1',
      lineNumber: 1,
      codigoPrincipal: 'TDL-001',
      descripcion: 'Coca-Cola 1,35 L',
      cantidadMicro: 1_000_000,
      precioUnitarioMicro: 1_000_000,
      descuentoCents: 0,
      subtotalCents: 100,
      ivaCodigoPorcentaje: '4',
      tarifaBp: 1500,
      ivaCents: 15,
    })
    .run();
  return { point, insertDocument };
};

describe('protecciones del esquema', () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof setup>;
  beforeEach(() => {
    db = openTestDatabase();
    ctx = setup(db);
  });

  it('los campos fiscales de un comprobante no se pueden modificar', () => {
    for (const change of [
      { totalCents: 1 },
      { signedXml: '<otro/>' },
      { claveAcceso: CLAVE.replace('1234', '4321') },
      { buyerIdentificacion: '0923456784' },
      { fechaEmision: '2025-03-15' },
    ]) {
      expect(() => db.orm.update(document).set(change).where(eq(document.id, 'd1')).run()).toThrow(
        'Los datos fiscales y el XML firmado de un comprobante no se pueden modificar',
      );
    }
    expect(db.orm.select().from(document).get()?.totalCents).toBe(115);
  });

  it('el estado y el último mensaje del SRI sí cambian', () => {
    db.orm
      .update(document)
      .set({ status: 'SUBMITTED_TO_SRI', lastSriMessage: 'RECIBIDA', updatedAt: 'luego' })
      .where(eq(document.id, 'd1'))
      .run();
    expect(db.orm.select().from(document).get()).toMatchObject({
      status: 'SUBMITTED_TO_SRI',
      lastSriMessage: 'RECIBIDA',
    });
  });

  it('la autorización se registra una vez y luego no cambia', () => {
    const set = (numeroAutorizacion: string) =>
      db.orm.update(document).set({ numeroAutorizacion }).where(eq(document.id, 'd1')).run();
    set(CLAVE);
    expect(() => set('otra')).toThrow('La autorización de un comprobante no se puede modificar');
  });

  it('un comprobante y sus líneas no se pueden borrar ni editar', () => {
    expect(() => db.orm.delete(document).run()).toThrow('no se puede borrar');
    expect(() => db.orm.delete(documentLine).run()).toThrow('no se pueden borrar');
    expect(() => db.orm.update(documentLine).set({ ivaCents: 0 }).run()).toThrow(
      'no se pueden modificar',
    );
  });

  it('el historial de estados solo admite filas nuevas', () => {
    const row = { documentId: 'd1', toStatus: 'SIGNED', at: 'ahora', source: 'local' as const };
    db.orm.insert(documentStatusHistory).values(row).run();
    db.orm
      .insert(documentStatusHistory)
      .values({ ...row, fromStatus: 'SIGNED', toStatus: 'X' })
      .run();
    expect(() => db.orm.update(documentStatusHistory).set({ toStatus: 'Y' }).run()).toThrow(
      'El historial de estados no se puede modificar',
    );
    expect(() => db.orm.delete(documentStatusHistory).run()).toThrow('no se puede borrar');
    expect(db.orm.select().from(documentStatusHistory).all()).toHaveLength(2);
  });

  it('el registro de auditoría solo admite filas nuevas', () => {
    db.orm.insert(auditLog).values({ at: 'ahora', action: 'prueba', detail: {} }).run();
    expect(() => db.orm.update(auditLog).set({ action: 'otra' }).run()).toThrow(
      'El registro de auditoría no se puede modificar',
    );
    expect(() => db.orm.delete(auditLog).run()).toThrow('no se puede borrar');
  });

  it('no admite dos comprobantes con el mismo secuencial en el mismo punto de emisión', () => {
    expect(() => ctx.insertDocument('d2', 1, CLAVE.replace('1234', '9999'))).toThrow('UNIQUE');
    ctx.insertDocument('d2', 2, CLAVE.replace('1234', '9999'));
  });

  it('un comprobante tiene a lo sumo un trabajo de cada tipo en la cola', () => {
    const job = { kind: 'sri' as const, documentId: 'd1', nextAttemptAt: 'a', createdAt: 'a' };
    db.orm.insert(outboxJob).values(job).run();
    expect(() => db.orm.insert(outboxJob).values(job).run()).toThrow('UNIQUE');
    db.orm
      .insert(outboxJob)
      .values({ ...job, kind: 'sync' })
      .run();
  });

  it('permite un solo turno de caja abierto por punto de emisión', () => {
    const shift = {
      emissionPointId: ctx.point.id,
      openedBy: 'u1',
      openedAt: 'a',
      openingFloatCents: 2000,
    };
    db.orm
      .insert(cashShift)
      .values({ id: 's1', ...shift })
      .run();
    expect(() =>
      db.orm
        .insert(cashShift)
        .values({ id: 's2', ...shift })
        .run(),
    ).toThrow('UNIQUE');
  });

  it('rechaza valores fuera del catálogo del SRI y montos negativos', () => {
    const base = {
      id: 'p',
      code: 'X',
      description: 'X',
      unitPriceMicro: 1,
      ivaCodigoPorcentaje: '4' as const,
      updatedAt: 'a',
    };
    expect(() =>
      db.orm
        .insert(product)
        .values({ ...base, ivaCodigoPorcentaje: '12' as '4' })
        .run(),
    ).toThrow('CHECK');
    expect(() =>
      db.orm
        .insert(product)
        .values({ ...base, unitPriceMicro: -1 })
        .run(),
    ).toThrow('CHECK');
  });

  it('las claves foráneas se aplican', () => {
    expect(() =>
      db.orm
        .insert(documentStatusHistory)
        .values({
          documentId: 'no-existe',
          toStatus: 'SIGNED',
          at: 'a',
          source: 'local',
        })
        .run(),
    ).toThrow('FOREIGN KEY');
  });
});
