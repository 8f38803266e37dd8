import { beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing';
import { findBuyerByIdentificacion, searchBuyers, upsertBuyer } from './buyers';

describe('repositorio de compradores', () => {
  let db: TestDatabase;
  beforeEach(() => {
    db = openTestDatabase();
    upsertBuyer(
      db,
      {
        tipoIdentificacion: '05',
        identificacion: '0923456784',
        razonSocial: 'María Fernanda Zambrano Vera',
        email: 'mf@example.com',
      },
      db,
    );
    upsertBuyer(
      db,
      {
        tipoIdentificacion: '04',
        identificacion: '1792453186001',
        razonSocial: 'DISTRIBUIDORA 50%_OFF S.A.',
      },
      db,
    );
  });

  it('encuentra un comprador por identificación', () => {
    expect(findBuyerByIdentificacion(db, '0923456784')).toMatchObject({
      razonSocial: 'María Fernanda Zambrano Vera',
      email: 'mf@example.com',
      telefono: null,
    });
  });

  it('actualiza por identificación sin duplicar y conserva lo que no se envía', () => {
    const before = findBuyerByIdentificacion(db, '0923456784');
    db.clock.advance(1000);
    const after = upsertBuyer(
      db,
      {
        tipoIdentificacion: '05',
        identificacion: '0923456784',
        razonSocial: 'María Zambrano',
        telefono: '0991234567',
      },
      db,
    );
    expect(after).toMatchObject({
      id: before?.id,
      razonSocial: 'María Zambrano',
      email: 'mf@example.com',
      telefono: '0991234567',
      updatedAt: '2025-03-14T15:00:01.000Z',
    });
    expect(searchBuyers(db, 'Zambrano')).toHaveLength(1);
  });

  it('busca por prefijo de identificación o parte de la razón social, con comodines literales', () => {
    expect(searchBuyers(db, '1792').map((b) => b.identificacion)).toEqual(['1792453186001']);
    expect(searchBuyers(db, 'fernanda').map((b) => b.identificacion)).toEqual(['0923456784']);
    expect(searchBuyers(db, '50%_').map((b) => b.identificacion)).toEqual(['1792453186001']);
    expect(searchBuyers(db, '%').map((b) => b.identificacion)).toEqual(['1792453186001']);
    expect(searchBuyers(db, 'Mar_a')).toEqual([]);
    expect(searchBuyers(db, '  ')).toEqual([]);
  });
});
