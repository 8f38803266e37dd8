import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { err, ok, type Result } from '../../../shared/result';
import type { Clock } from '../../log';
import type { Database } from '../connection';
import { settings } from '../schema';

/** Known setting keys, so callers do not scatter string literals. */
export const SETTING_KEYS = {
  /** The emission point of this terminal (one ptoEmi per terminal, docs/sri.md §8). */
  terminalEmissionPointId: 'terminal.emission_point_id',
  /** When the demo store was seeded (ISO timestamp). */
  demoSeededAt: 'demo.seeded_at',
} as const;

/** The raw stored JSON value, or undefined when the key is not set. */
export const getRawSetting = (db: Database, key: string): unknown => {
  const row = db.orm
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, key))
    .get();
  return row?.value;
};

/**
 * The value of `key` parsed with `schema`; `ok(undefined)` when unset, `err` when the stored
 * value does not have the expected shape (e.g. written by another version).
 */
export const getSetting = <T>(
  db: Database,
  key: string,
  schema: z.ZodType<T>,
): Result<T | undefined> => {
  const raw = getRawSetting(db, key);
  if (raw === undefined) return ok(undefined);
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? ok(parsed.data)
    : err(
        'ajuste_invalido',
        `El ajuste «${key}» tiene un valor no válido; vuelva a configurarlo.`,
        key,
      );
};

export const setSetting = (db: Database, key: string, value: unknown, clock: Clock): void => {
  const updatedAt = clock.now().toISOString();
  db.orm
    .insert(settings)
    .values({ key, value, updatedAt })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } })
    .run();
};

export const deleteSetting = (db: Database, key: string): void => {
  db.orm.delete(settings).where(eq(settings.key, key)).run();
};

export const listSettings = (db: Database): Record<string, unknown> =>
  Object.fromEntries(
    db.orm
      .select()
      .from(settings)
      .all()
      .map((row) => [row.key, row.value]),
  );
