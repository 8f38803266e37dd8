/** Issuer, establishments and emission points: who emits, from where. */
import { and, eq } from 'drizzle-orm';
import * as z from 'zod';
import type { Clock } from '../../log';
import type { Database } from '../connection';
import type { IdGenerator } from '../ids';
import { COD_DOC, emissionPoint, establishment, issuer, sequence } from '../schema';
import { getSetting, SETTING_KEYS, setSetting } from './settings';

export type Issuer = typeof issuer.$inferSelect;
export type Establishment = typeof establishment.$inferSelect;
export type EmissionPoint = typeof emissionPoint.$inferSelect;

/** What a sale needs to know about who emits it. */
export type StoreConfiguration = {
  issuer: Issuer;
  establishment: Establishment;
  emissionPoint: EmissionPoint;
};

type Deps = { clock: Clock; ids: IdGenerator };

export type IssuerInput = Omit<Issuer, 'id' | 'updatedAt' | 'remoteId'> & {
  id?: string;
  remoteId?: string | null;
};
export type EstablishmentInput = Omit<Establishment, 'id' | 'updatedAt' | 'remoteId' | 'active'> & {
  id?: string;
  remoteId?: string | null;
  active?: boolean;
};
export type EmissionPointInput = Omit<EmissionPoint, 'id' | 'updatedAt' | 'remoteId' | 'active'> & {
  id?: string;
  remoteId?: string | null;
  active?: boolean;
};

export const getIssuer = (db: Database): Issuer | undefined =>
  db.orm.select().from(issuer).limit(1).get();

/** Inserts or updates the issuer, matched by id or else by RUC. */
export const upsertIssuer = (db: Database, input: IssuerInput, deps: Deps): Issuer => {
  const existing =
    (input.id === undefined
      ? undefined
      : db.orm.select().from(issuer).where(eq(issuer.id, input.id)).get()) ??
    db.orm.select().from(issuer).where(eq(issuer.ruc, input.ruc)).get();
  const row = {
    ...input,
    id: existing?.id ?? input.id ?? deps.ids.newId(),
    remoteId: input.remoteId ?? existing?.remoteId ?? null,
    updatedAt: deps.clock.now().toISOString(),
  };
  return db.orm
    .insert(issuer)
    .values(row)
    .onConflictDoUpdate({ target: issuer.id, set: row })
    .returning()
    .get();
};

/** Inserts or updates an establishment, matched by id or else by (issuer, code). */
export const upsertEstablishment = (
  db: Database,
  input: EstablishmentInput,
  deps: Deps,
): Establishment => {
  const existing =
    (input.id === undefined
      ? undefined
      : db.orm.select().from(establishment).where(eq(establishment.id, input.id)).get()) ??
    db.orm
      .select()
      .from(establishment)
      .where(and(eq(establishment.issuerId, input.issuerId), eq(establishment.code, input.code)))
      .get();
  const row = {
    ...input,
    id: existing?.id ?? input.id ?? deps.ids.newId(),
    active: input.active ?? existing?.active ?? true,
    remoteId: input.remoteId ?? existing?.remoteId ?? null,
    updatedAt: deps.clock.now().toISOString(),
  };
  return db.orm
    .insert(establishment)
    .values(row)
    .onConflictDoUpdate({ target: establishment.id, set: row })
    .returning()
    .get();
};

/**
 * Inserts or updates an emission point, matched by id or else by (establishment, code), and
 * makes sure it has a numbering row for every codDoc (starting at 1; existing ones untouched).
 */
export const upsertEmissionPoint = (
  db: Database,
  input: EmissionPointInput,
  deps: Deps,
): EmissionPoint =>
  db.sqlite.transaction(() => {
    const existing =
      (input.id === undefined
        ? undefined
        : db.orm.select().from(emissionPoint).where(eq(emissionPoint.id, input.id)).get()) ??
      db.orm
        .select()
        .from(emissionPoint)
        .where(
          and(
            eq(emissionPoint.establishmentId, input.establishmentId),
            eq(emissionPoint.code, input.code),
          ),
        )
        .get();
    const row = {
      ...input,
      id: existing?.id ?? input.id ?? deps.ids.newId(),
      active: input.active ?? existing?.active ?? true,
      remoteId: input.remoteId ?? existing?.remoteId ?? null,
      updatedAt: deps.clock.now().toISOString(),
    };
    const saved = db.orm
      .insert(emissionPoint)
      .values(row)
      .onConflictDoUpdate({ target: emissionPoint.id, set: row })
      .returning()
      .get();
    for (const codDoc of COD_DOC) {
      db.orm
        .insert(sequence)
        .values({ emissionPointId: saved.id, codDoc, nextSecuencial: 1 })
        .onConflictDoNothing()
        .run();
    }
    return saved;
  })();

/** Chooses the emission point this terminal emits from. */
export const setTerminalEmissionPoint = (
  db: Database,
  emissionPointId: string,
  clock: Clock,
): void => setSetting(db, SETTING_KEYS.terminalEmissionPointId, emissionPointId, clock);

const activePointsQuery = (db: Database) =>
  db.orm
    .select({ issuer, establishment, emissionPoint })
    .from(emissionPoint)
    .innerJoin(establishment, eq(emissionPoint.establishmentId, establishment.id))
    .innerJoin(issuer, eq(establishment.issuerId, issuer.id));

/**
 * The issuer, establishment and emission point this terminal emits from: the one chosen in
 * settings, or the only active one. Undefined when none is configured (onboarding not done),
 * when the chosen one is inactive, or when several are active and none was chosen.
 */
export const getActiveConfiguration = (db: Database): StoreConfiguration | undefined => {
  const chosen = getSetting(db, SETTING_KEYS.terminalEmissionPointId, z.string());
  const chosenId = chosen.ok ? chosen.value : undefined;
  const rows = activePointsQuery(db)
    .where(
      and(
        eq(emissionPoint.active, true),
        eq(establishment.active, true),
        chosenId === undefined ? undefined : eq(emissionPoint.id, chosenId),
      ),
    )
    .limit(2)
    .all();
  return rows.length === 1 ? rows[0] : undefined;
};

/** Every emission point with its establishment, for Ajustes and the Conciliación filter. */
export const listEmissionPoints = (
  db: Database,
): { establishment: Establishment; emissionPoint: EmissionPoint }[] =>
  db.orm
    .select({ establishment, emissionPoint })
    .from(emissionPoint)
    .innerJoin(establishment, eq(emissionPoint.establishmentId, establishment.id))
    .orderBy(establishment.code, emissionPoint.code)
    .all();

/** Next secuencial per codDoc of an emission point (read-only; reserving belongs to the sale). */
export const getSequences = (
  db: Database,
  emissionPointId: string,
): { codDoc: (typeof COD_DOC)[number]; nextSecuencial: number }[] =>
  db.orm
    .select({ codDoc: sequence.codDoc, nextSecuencial: sequence.nextSecuencial })
    .from(sequence)
    .where(eq(sequence.emissionPointId, emissionPointId))
    .orderBy(sequence.codDoc)
    .all();
