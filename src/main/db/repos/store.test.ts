import { beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { openTestDatabase, type TestDatabase } from '../testing';
import { appendAudit, listAudit } from './audit';
import { getSetting, listSettings, setSetting } from './settings';
import {
  getActiveConfiguration,
  getSequences,
  setTerminalEmissionPoint,
  upsertEmissionPoint,
  upsertEstablishment,
  upsertIssuer,
} from './store';
import { checkUserPin, createUser, listUsers } from './users';

const ISSUER = {
  ruc: '0992817364001',
  razonSocial: 'COMERCIAL DON LUCHO CIA. LTDA.',
  nombreComercial: 'Tienda Don Lucho',
  direccionMatriz: 'Av. Quito 1523',
  obligadoContabilidad: true,
  contribuyenteEspecial: null,
  agenteRetencion: null,
  regimen: null,
  ambiente: '1' as const,
};

describe('configuración de la tienda', () => {
  let db: TestDatabase;
  beforeEach(() => {
    db = openTestDatabase();
  });

  const configure = () => {
    const iss = upsertIssuer(db, ISSUER, db);
    const est = upsertEstablishment(
      db,
      { issuerId: iss.id, code: '001', address: 'Av. Quito 1523', nombreComercial: null },
      db,
    );
    const p1 = upsertEmissionPoint(
      db,
      { establishmentId: est.id, code: '001', description: 'Caja 1' },
      db,
    );
    return { iss, est, p1 };
  };

  it('sin configurar no hay configuración activa', () => {
    expect(getActiveConfiguration(db)).toBeUndefined();
  });

  it('con un solo punto de emisión activo, ese es el de la terminal', () => {
    const { iss, est, p1 } = configure();
    expect(getActiveConfiguration(db)).toEqual({
      issuer: iss,
      establishment: est,
      emissionPoint: p1,
    });
  });

  it('con varios puntos, usa el elegido en ajustes y nunca uno inactivo', () => {
    const { est } = configure();
    const p2 = upsertEmissionPoint(
      db,
      { establishmentId: est.id, code: '002', description: 'Caja 2' },
      db,
    );
    expect(getActiveConfiguration(db)).toBeUndefined();
    setTerminalEmissionPoint(db, p2.id, db.clock);
    expect(getActiveConfiguration(db)?.emissionPoint.code).toBe('002');
    upsertEmissionPoint(
      db,
      { establishmentId: est.id, code: '002', description: 'Caja 2', active: false },
      db,
    );
    expect(getActiveConfiguration(db)).toBeUndefined();
  });

  it('un punto de emisión nace con secuenciales en 1 y volver a guardarlo no los reinicia', () => {
    const { est, p1 } = configure();
    expect(getSequences(db, p1.id)).toEqual([
      { codDoc: '01', nextSecuencial: 1 },
      { codDoc: '04', nextSecuencial: 1 },
    ]);
    db.sqlite.prepare("UPDATE sequence SET next_secuencial = 42 WHERE cod_doc = '01'").run();
    const again = upsertEmissionPoint(
      db,
      { establishmentId: est.id, code: '001', description: 'Caja principal' },
      db,
    );
    expect(again.id).toBe(p1.id);
    expect(getSequences(db, p1.id)[0]).toEqual({ codDoc: '01', nextSecuencial: 42 });
  });

  it('actualiza el emisor por RUC sin duplicarlo', () => {
    const first = upsertIssuer(db, ISSUER, db);
    const second = upsertIssuer(db, { ...ISSUER, ambiente: '2' }, db);
    expect(second).toMatchObject({ id: first.id, ambiente: '2' });
  });
});

describe('ajustes, auditoría y usuarios', () => {
  let db: TestDatabase;
  beforeEach(() => {
    db = openTestDatabase();
  });

  it('guarda y lee ajustes JSON validados con zod', () => {
    setSetting(db, 'impresion', { papel: '80mm', copias: 1 }, db.clock);
    const schema = z.object({ papel: z.string(), copias: z.number() });
    expect(getSetting(db, 'impresion', schema)).toEqual({
      ok: true,
      value: { papel: '80mm', copias: 1 },
    });
    expect(getSetting(db, 'otro', schema)).toEqual({ ok: true, value: undefined });
    expect(getSetting(db, 'impresion', z.string()).ok).toBe(false);
    setSetting(db, 'impresion', { papel: 'a4', copias: 2 }, db.clock);
    expect(listSettings(db)).toEqual({ impresion: { papel: 'a4', copias: 2 } });
  });

  it('agrega entradas de auditoría y las lista de la más nueva a la más antigua', () => {
    const a = appendAudit(db, { action: 'ajustes.ambiente', detail: { ambiente: '2' } }, db.clock);
    const b = appendAudit(db, { action: 'caja.apertura' }, db.clock);
    expect(listAudit(db, { limit: 10 }).map((e) => e.id)).toEqual([b, a]);
    expect(listAudit(db, { limit: 10, beforeId: b })).toEqual([
      {
        id: a,
        at: '2025-03-14T15:00:00.000Z',
        userId: null,
        action: 'ajustes.ambiente',
        detail: { ambiente: '2' },
      },
    ]);
  });

  it('crea usuarios sin exponer el hash y verifica su PIN', async () => {
    const user = await createUser(
      db,
      { nombre: 'Jorge Cedeño', rol: 'supervisor', pin: '5678' },
      db,
    );
    expect(user).not.toHaveProperty('pinHash');
    expect(listUsers(db)).toEqual([user]);
    expect(await checkUserPin(db, user.id, '5678')).toEqual(user);
    expect(await checkUserPin(db, user.id, '0000')).toBeUndefined();
    expect(await checkUserPin(db, 'otro', '5678')).toBeUndefined();
  });
});
