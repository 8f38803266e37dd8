/** The catalogue: lookup by barcode at the scanner, search by name or code, upsert from sync. */
import { eq, inArray } from 'drizzle-orm';
import * as z from 'zod';
import type { Clock } from '../../log';
import type { Database } from '../connection';
import type { IdGenerator } from '../ids';
import { type IVA_CODIGOS_PORCENTAJE, product, productBarcode, type UNIDADES } from '../schema';

export type Product = Omit<typeof product.$inferSelect, 'searchRowid'> & { barcodes: string[] };

export type ProductInput = {
  /** Kept when given (sync), generated otherwise. */
  id?: string;
  code: string;
  auxCode?: string | null;
  description: string;
  unitPriceMicro: number;
  ivaCodigoPorcentaje: (typeof IVA_CODIGOS_PORCENTAJE)[number];
  unit?: (typeof UNIDADES)[number];
  isWeighed?: boolean;
  maxDiscountBp?: number;
  /** Kept as it is when not given (Factio's catalogue does not carry it). */
  servicioTuristico?: boolean;
  active?: boolean;
  remoteId?: string | null;
  /** Replaces the product's barcodes when given. */
  barcodes?: string[];
};

type Deps = { clock: Clock; ids: IdGenerator };

const productColumns = {
  id: product.id,
  code: product.code,
  auxCode: product.auxCode,
  description: product.description,
  unitPriceMicro: product.unitPriceMicro,
  ivaCodigoPorcentaje: product.ivaCodigoPorcentaje,
  unit: product.unit,
  isWeighed: product.isWeighed,
  maxDiscountBp: product.maxDiscountBp,
  servicioTuristico: product.servicioTuristico,
  active: product.active,
  remoteId: product.remoteId,
  updatedAt: product.updatedAt,
};

const withBarcodes = (db: Database, rows: Omit<Product, 'barcodes'>[]): Product[] => {
  if (rows.length === 0) return [];
  const codes = db.orm
    .select()
    .from(productBarcode)
    .where(
      inArray(
        productBarcode.productId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(productBarcode.barcode)
    .all();
  return rows.map((r) => ({
    ...r,
    barcodes: codes.filter((c) => c.productId === r.id).map((c) => c.barcode),
  }));
};

export const getProduct = (db: Database, id: string): Product | undefined => {
  const row = db.orm.select(productColumns).from(product).where(eq(product.id, id)).get();
  return row === undefined ? undefined : withBarcodes(db, [row])[0];
};

/** The product behind a scanned barcode (active or not: the caller decides what to say). */
export const findProductByBarcode = (db: Database, barcode: string): Product | undefined => {
  const row = db.orm
    .select(productColumns)
    .from(productBarcode)
    .innerJoin(product, eq(productBarcode.productId, product.id))
    .where(eq(productBarcode.barcode, barcode.trim()))
    .get();
  return row === undefined ? undefined : withBarcodes(db, [row])[0];
};

/** The product with this `codigoPrincipal`. */
export const findProductByCode = (db: Database, code: string): Product | undefined => {
  const row = db.orm
    .select(productColumns)
    .from(product)
    .where(eq(product.code, code.trim()))
    .get();
  return row === undefined ? undefined : withBarcodes(db, [row])[0];
};

/**
 * An FTS5 query where every word of `text` must appear as a word prefix, in any column.
 * Words are split like the unicode61 tokenizer does, so user input cannot inject FTS syntax.
 * @example toFtsQuery('leche vit') // '"leche"* "vit"*'
 */
export const toFtsQuery = (text: string): string | undefined => {
  const words = text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length === 0 ? undefined : words.map((w) => `"${w}"*`).join(' ');
};

const searchRowSchema = z.object({ id: z.string() });

/**
 * Search by name or code for the checkout box: an exact barcode or code match first, then
 * FTS5 prefix matches ranked by bm25 (a hit in the code weighs more than in the description).
 * Inactive products are left out unless asked for.
 */
export const searchProducts = (
  db: Database,
  text: string,
  options: { limit?: number; includeInactive?: boolean } = {},
): Product[] => {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 200);
  const includeInactive = options.includeInactive ?? false;
  const exact = findProductByBarcode(db, text) ?? findProductByCode(db, text);
  const exactHit = exact !== undefined && (includeInactive || exact.active) ? [exact] : [];
  const query = toFtsQuery(text);
  if (query === undefined) return exactHit;
  const ids = db.sqlite
    .prepare(
      `SELECT p.id FROM product_fts
       JOIN product p ON p.search_rowid = product_fts.rowid
       WHERE product_fts MATCH ? AND (? OR p.active = 1)
       ORDER BY bm25(product_fts, 10.0, 5.0, 1.0), p.description
       LIMIT ?`,
    )
    .all(query, includeInactive ? 1 : 0, limit + 1)
    .map((row) => searchRowSchema.parse(row).id)
    .filter((id) => id !== exact?.id);
  if (ids.length === 0) return exactHit;
  const rows = db.orm.select(productColumns).from(product).where(inArray(product.id, ids)).all();
  const byId = new Map(withBarcodes(db, rows).map((p) => [p.id, p]));
  const ranked = ids.flatMap((id) => {
    const p = byId.get(id);
    return p === undefined ? [] : [p];
  });
  return [...exactHit, ...ranked].slice(0, limit);
};

/**
 * Inserts or updates products (matched by id, else by code) in one transaction; used by the
 * catalogue sync and the Ajustes screen. Returns the ids in input order.
 */
export const upsertProducts = (
  db: Database,
  inputs: readonly ProductInput[],
  deps: Deps,
): string[] =>
  db.sqlite.transaction(() => {
    const updatedAt = deps.clock.now().toISOString();
    return inputs.map((input) => {
      const existing =
        (input.id === undefined
          ? undefined
          : db.orm
              .select({ id: product.id })
              .from(product)
              .where(eq(product.id, input.id))
              .get()) ??
        db.orm.select({ id: product.id }).from(product).where(eq(product.code, input.code)).get();
      const id = existing?.id ?? input.id ?? deps.ids.newId();
      const values = {
        code: input.code,
        auxCode: input.auxCode ?? null,
        description: input.description,
        unitPriceMicro: input.unitPriceMicro,
        ivaCodigoPorcentaje: input.ivaCodigoPorcentaje,
        unit: input.unit ?? 'unidad',
        isWeighed: input.isWeighed ?? false,
        maxDiscountBp: input.maxDiscountBp ?? 0,
        ...(input.servicioTuristico === undefined
          ? {}
          : { servicioTuristico: input.servicioTuristico }),
        active: input.active ?? true,
        remoteId: input.remoteId ?? null,
        updatedAt,
      };
      if (existing === undefined) {
        db.orm
          .insert(product)
          .values({ id, ...values })
          .run();
      } else {
        db.orm.update(product).set(values).where(eq(product.id, id)).run();
      }
      if (input.barcodes !== undefined) {
        db.orm.delete(productBarcode).where(eq(productBarcode.productId, id)).run();
        for (const barcode of new Set(input.barcodes)) {
          // A barcode moves to the product that now claims it (the catalogue is the truth).
          db.orm
            .insert(productBarcode)
            .values({ barcode, productId: id })
            .onConflictDoUpdate({ target: productBarcode.barcode, set: { productId: id } })
            .run();
        }
      }
      return id;
    });
  })();

/** Products are deactivated, never deleted: sold lines keep pointing at them. */
export const setProductActive = (db: Database, id: string, active: boolean, clock: Clock): void => {
  db.orm
    .update(product)
    .set({ active, updatedAt: clock.now().toISOString() })
    .where(eq(product.id, id))
    .run();
};

export const countProducts = (db: Database): number =>
  z.object({ n: z.number() }).parse(db.sqlite.prepare('SELECT count(*) AS n FROM product').get()).n;
