import { beforeAll, describe, expect, it } from 'vitest';
import {
  countProducts,
  findBuyerByIdentificacion,
  getActiveConfiguration,
  getSequences,
  listUsers,
  searchProducts,
  upsertIssuer,
} from '../db';
import { verifyPin } from '../db/pin';
import { openTestDatabase, type TestDatabase } from '../db/testing';
import {
  DEMO_BUYERS,
  DEMO_ISSUER,
  DEMO_USERS,
  demoProductInputs,
  priceWithoutIvaMicro,
  seedDemoStore,
  seedProducts,
  withEan13CheckDigit,
} from './seed';

// Independent checks (docs/sri.md §5 and GS1), written differently from the code under test.
const isEan13 = (code: string): boolean => {
  if (!/^\d{13}$/.test(code)) return false;
  const digits = code.split('').map(Number);
  const total = digits.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 1 : 3), 0);
  return total % 10 === 0;
};
const isCedula = (id: string): boolean => {
  if (!/^\d{10}$/.test(id) || Number(id.slice(0, 2)) < 1 || Number(id.slice(0, 2)) > 24)
    return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const p = Number(id[i]) * (i % 2 === 0 ? 2 : 1);
    sum += p > 9 ? p - 9 : p;
  }
  return (10 - (sum % 10)) % 10 === Number(id[9]);
};
const isRucSociedad = (ruc: string): boolean => {
  if (!/^\d{10}001$/.test(ruc) || ruc[2] !== '9') return false;
  const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2];
  const rest = weights.reduce((acc, w, i) => acc + w * Number(ruc[i]), 0) % 11;
  return (rest === 0 ? 0 : 11 - rest) === Number(ruc[9]);
};
const isRuc = (ruc: string) =>
  isRucSociedad(ruc) || (/^\d{10}001$/.test(ruc) && isCedula(ruc.slice(0, 10)));

describe('tienda de demostración', () => {
  let db: TestDatabase;
  // Seeded once (scrypt is slow on purpose); these tests only read, or re-seed as a no-op.
  beforeAll(async () => {
    db = openTestDatabase();
    const result = await seedDemoStore(db, db);
    expect(result).toEqual({
      ok: true,
      value: { seeded: true, products: 51, buyers: 5, users: 3 },
    });
  });

  it('deja listo un emisor en pruebas con establecimiento 001 y punto 001 numerando desde 1', () => {
    const config = getActiveConfiguration(db);
    expect(config?.issuer).toMatchObject({ ruc: DEMO_ISSUER.ruc, ambiente: '1' });
    expect(isRucSociedad(config?.issuer.ruc ?? '')).toBe(true);
    expect(config?.establishment.code).toBe('001');
    expect(config?.emissionPoint.code).toBe('001');
    expect(getSequences(db, config?.emissionPoint.id ?? '')).toEqual([
      { codDoc: '01', nextSecuencial: 1 },
      { codDoc: '04', nextSecuencial: 1 },
    ]);
  });

  it('los productos tienen EAN-13 válidos y únicos, y cubren IVA 15 %, 5 % y 0 %', () => {
    const products = demoProductInputs();
    const barcodes = products.flatMap((p) => p.barcodes);
    expect(barcodes.every(isEan13)).toBe(true);
    expect(new Set(barcodes).size).toBe(barcodes.length);
    expect(new Set(products.map((p) => p.ivaCodigoPorcentaje))).toEqual(new Set(['0', '4', '5']));
    expect(products.filter((p) => p.isWeighed).every((p) => p.unit === 'kg')).toBe(true);
    expect(countProducts(db)).toBe(products.length);
    expect(searchProducts(db, 'leche vita')[0]?.description).toBe('Leche entera Vita 1 L');
  });

  it('el precio sin IVA con 6 decimales devuelve el PVP al sumar el IVA', () => {
    const rate = { '0': 0n, '4': 1500n, '5': 500n } as const;
    for (const p of demoProductInputs()) {
      const micro = BigInt(p.unitPriceMicro);
      const withIva = micro + (micro * rate[p.ivaCodigoPorcentaje as '0' | '4' | '5']) / 10_000n;
      const cents = (withIva + 5_000n) / 10_000n;
      expect(cents * 10_000n - withIva).toBeLessThanOrEqual(5_000n);
      expect(Number(cents)).toBeGreaterThan(0);
    }
    expect(priceWithoutIvaMicro(115, 1500)).toBe(1_000_000);
    expect(priceWithoutIvaMicro(75, 1500)).toBe(652_174);
  });

  it('los compradores tienen cédulas y RUC válidos', () => {
    for (const b of DEMO_BUYERS) {
      if (b.tipoIdentificacion === '05') expect(isCedula(b.identificacion)).toBe(true);
      if (b.tipoIdentificacion === '04') expect(isRuc(b.identificacion)).toBe(true);
      expect(findBuyerByIdentificacion(db, b.identificacion)?.razonSocial).toBe(b.razonSocial);
    }
  });

  it('crea administrador, supervisor y cajero con sus PIN', async () => {
    const users = listUsers(db);
    expect(users.map((u) => u.rol).sort()).toEqual(['administrador', 'cajero', 'supervisor']);
    const cajero = DEMO_USERS.find((u) => u.rol === 'cajero');
    const row = db.sqlite.prepare("SELECT pin_hash FROM app_user WHERE rol = 'cajero'").get() as {
      pin_hash: string;
    };
    expect(await verifyPin(cajero?.pin ?? '', row.pin_hash)).toBe(true);
  });

  it('sembrar dos veces no cambia nada la segunda vez', async () => {
    const before = countProducts(db);
    expect(await seedDemoStore(db, db)).toEqual({
      ok: true,
      value: { seeded: false, products: 0, buyers: 0, users: 0 },
    });
    expect(countProducts(db)).toBe(before);
    expect(listUsers(db)).toHaveLength(3);
  });
});

describe('seedDemoStore sobre una tienda real', () => {
  it('se niega a mezclar la demostración con otro emisor', async () => {
    const db = openTestDatabase();
    upsertIssuer(db, { ...DEMO_ISSUER, ruc: '1792453186001', razonSocial: 'OTRA S.A.' }, db);
    const result = await seedDemoStore(db, db);
    expect(result.ok ? null : result.error.code).toBe('demo_sobre_tienda_real');
    expect(countProducts(db)).toBe(0);
  });
});

describe('seedProducts', () => {
  it('crea 20.000 productos buscables con EAN-13 válidos en una transacción', () => {
    const db = openTestDatabase();
    expect(seedProducts(db, 20_000, db)).toBe(20_000);
    expect(countProducts(db)).toBe(20_000);
    const barcodes = db.sqlite
      .prepare('SELECT barcode FROM product_barcode')
      .pluck()
      .all() as string[];
    expect(new Set(barcodes).size).toBe(20_000);
    expect(barcodes.slice(0, 100).every(isEan13)).toBe(true);
    expect(searchProducts(db, 'galletas vita', { limit: 5 })).toHaveLength(5);
    seedProducts(db, 10, db);
    expect(countProducts(db)).toBe(20_010);
  });

  it('calcula el dígito de control EAN-13', () => {
    expect(withEan13CheckDigit('400638133393')).toBe('4006381333931');
    expect(() => withEan13CheckDigit('12')).toThrow();
  });
});
