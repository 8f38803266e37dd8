import { beforeEach, describe, expect, it } from 'vitest';
import { product } from '../schema';
import { openTestDatabase, type TestDatabase } from '../testing';
import {
  countProducts,
  findProductByBarcode,
  getProduct,
  type ProductInput,
  searchProducts,
  setProductActive,
  toFtsQuery,
  upsertProducts,
} from './products';

const item = (code: string, description: string, barcodes?: string[]): ProductInput => ({
  code,
  description,
  unitPriceMicro: 1_000_000,
  ivaCodigoPorcentaje: '4',
  ...(barcodes === undefined ? {} : { barcodes }),
});

describe('repositorio de productos', () => {
  let db: TestDatabase;
  const names = (text: string, options = {}) =>
    searchProducts(db, text, options).map((p) => p.description);

  beforeEach(() => {
    db = openTestDatabase();
    upsertProducts(
      db,
      [
        item('TDL-001', 'Leche entera Vita 1 L', ['7861042100370']),
        item('TDL-002', 'Atún Real en aceite 180 g', ['7861042100741', '7861042100758']),
        item('TDL-003', 'Yogur Toni frutilla 1 L'),
        item('VITA-9', 'Pan de molde blanco'),
      ],
      db,
    );
  });

  it('encuentra un producto por código de barras con todos sus códigos', () => {
    const found = findProductByBarcode(db, ' 7861042100758 ');
    expect(found).toMatchObject({
      code: 'TDL-002',
      unitPriceMicro: 1_000_000,
      isWeighed: false,
      barcodes: ['7861042100741', '7861042100758'],
    });
    expect(findProductByBarcode(db, '0000000000000')).toBeUndefined();
  });

  it('busca por prefijo de palabras sin importar tildes ni mayúsculas', () => {
    expect(names('atun')).toEqual(['Atún Real en aceite 180 g']);
    expect(names('LECH vi')).toEqual(['Leche entera Vita 1 L']);
    expect(names('1 l')).toEqual(
      expect.arrayContaining(['Leche entera Vita 1 L', 'Yogur Toni frutilla 1 L']),
    );
  });

  it('pone primero la coincidencia exacta de código o de barras, y luego pesa más el código', () => {
    expect(names('TDL-003')[0]).toBe('Yogur Toni frutilla 1 L');
    expect(names('7861042100370')).toEqual(['Leche entera Vita 1 L']);
    // "vita" is in one description and one code: the code hit ranks first.
    expect(names('vita')).toEqual(['Pan de molde blanco', 'Leche entera Vita 1 L']);
  });

  it('no deja que la entrada del usuario inyecte sintaxis FTS', () => {
    expect(toFtsQuery('leche" OR * NEAR(')).toBe('"leche"* "OR"* "NEAR"*');
    expect(names('"')).toEqual([]);
    expect(names('leche AND')).toEqual([]);
  });

  it('mantiene el índice de búsqueda al actualizar y desactivar', () => {
    const [id] = upsertProducts(db, [item('TDL-002', 'Sardina Isabel 425 g')], db);
    expect(id).toBe(getProduct(db, id ?? '')?.id);
    expect(names('atun')).toEqual([]);
    expect(names('sardina')).toEqual(['Sardina Isabel 425 g']);
    // Barcodes were not given: they are kept.
    expect(getProduct(db, id ?? '')?.barcodes).toHaveLength(2);
    setProductActive(db, id ?? '', false, db.clock);
    expect(names('sardina')).toEqual([]);
    expect(names('sardina', { includeInactive: true })).toEqual(['Sardina Isabel 425 g']);
  });

  it('al borrar un producto lo quita del índice y borra sus códigos de barras', () => {
    db.sqlite.prepare("DELETE FROM product WHERE code = 'TDL-001'").run();
    expect(names('leche')).toEqual([]);
    expect(findProductByBarcode(db, '7861042100370')).toBeUndefined();
  });

  it('un código de barras reclamado por otro producto pasa a ese producto', () => {
    upsertProducts(db, [item('TDL-003', 'Yogur Toni frutilla 1 L', ['7861042100370'])], db);
    expect(findProductByBarcode(db, '7861042100370')?.code).toBe('TDL-003');
    expect(countProducts(db)).toBe(4);
  });

  it('admite insertar varias filas en una sola instrucción y las indexa', () => {
    const rows = [1, 2, 3].map((i) => ({
      id: `m${i}`,
      code: `M-${i}`,
      description: `Mermelada Gustadina ${i}`,
      unitPriceMicro: 1,
      ivaCodigoPorcentaje: '4' as const,
      updatedAt: 'a',
    }));
    db.orm.insert(product).values(rows).run();
    expect(names('mermelada')).toHaveLength(3);
  });

  it('respeta el límite', () => {
    upsertProducts(
      db,
      Array.from({ length: 30 }, (_, i) => item(`G-${i}`, `Galletas surtidas ${i}`)),
      db,
    );
    expect(searchProducts(db, 'galletas', { limit: 7 })).toHaveLength(7);
    expect(searchProducts(db, 'galletas')).toHaveLength(20);
  });
});
