/** Buyers (compradores): the local cache the checkout looks up by cédula/RUC. */
import { eq, or, sql } from 'drizzle-orm';
import type { Clock } from '../../log';
import type { Database } from '../connection';
import type { IdGenerator } from '../ids';
import { buyer, type TIPOS_IDENTIFICACION } from '../schema';

export type Buyer = typeof buyer.$inferSelect;

export type BuyerInput = {
  id?: string;
  tipoIdentificacion: (typeof TIPOS_IDENTIFICACION)[number];
  identificacion: string;
  razonSocial: string;
  email?: string | null;
  telefono?: string | null;
  direccion?: string | null;
  remoteId?: string | null;
};

export const findBuyerByIdentificacion = (
  db: Database,
  identificacion: string,
): Buyer | undefined =>
  db.orm.select().from(buyer).where(eq(buyer.identificacion, identificacion.trim())).get();

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** By identificación prefix or razón social substring (case-insensitive for ASCII). */
export const searchBuyers = (db: Database, text: string, limit = 20): Buyer[] => {
  const term = escapeLike(text.trim());
  if (term.length === 0) return [];
  return db.orm
    .select()
    .from(buyer)
    .where(
      or(
        sql`${buyer.identificacion} LIKE ${`${term}%`} ESCAPE '\\'`,
        sql`${buyer.razonSocial} LIKE ${`%${term}%`} ESCAPE '\\'`,
      ),
    )
    .orderBy(buyer.razonSocial)
    .limit(Math.min(Math.max(limit, 1), 100))
    .all();
};

/**
 * Inserts or updates a buyer by identificación (the natural key): the latest data typed at
 * the counter or pulled from the hosted API wins. Optional fields left out keep their value.
 */
export const upsertBuyer = (
  db: Database,
  input: BuyerInput,
  deps: { clock: Clock; ids: IdGenerator },
): Buyer => {
  const existing = findBuyerByIdentificacion(db, input.identificacion);
  const row = {
    id: existing?.id ?? input.id ?? deps.ids.newId(),
    tipoIdentificacion: input.tipoIdentificacion,
    identificacion: input.identificacion.trim(),
    razonSocial: input.razonSocial.trim(),
    email: input.email === undefined ? (existing?.email ?? null) : input.email,
    telefono: input.telefono === undefined ? (existing?.telefono ?? null) : input.telefono,
    direccion: input.direccion === undefined ? (existing?.direccion ?? null) : input.direccion,
    remoteId: input.remoteId === undefined ? (existing?.remoteId ?? null) : input.remoteId,
    updatedAt: deps.clock.now().toISOString(),
  };
  return db.orm
    .insert(buyer)
    .values(row)
    .onConflictDoUpdate({ target: buyer.identificacion, set: row })
    .returning()
    .get();
};
