/**
 * Which automatic backups to keep (issue 11 §3): the newest of each of the last 7 days, of the
 * last 4 weeks and of the last 12 months (grandfather-father-son). Periods are UTC, as the file
 * names are; a backup kept for several reasons is one file.
 */

export type RotationPolicy = { diarios: number; semanales: number; mensuales: number };

export const DEFAULT_ROTATION: RotationPolicy = { diarios: 7, semanales: 4, mensuales: 12 };

const DAY_MS = 86_400_000;

const dayKey = (date: Date): string => date.toISOString().slice(0, 10);

/** Monday of the ISO week, as a day key. */
const weekKey = (date: Date): string => {
  const day = Math.floor(date.getTime() / DAY_MS);
  // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
  const monday = day - ((day + 3) % 7);
  return dayKey(new Date(monday * DAY_MS));
};

const monthKey = (date: Date): string => date.toISOString().slice(0, 7);

/**
 * The names to keep among `backups`; everything else may be deleted.
 * @example backupsToKeep([{ name: 'a', at: new Date('2025-03-14') }], DEFAULT_ROTATION) // Set { 'a' }
 */
export const backupsToKeep = (
  backups: readonly { name: string; at: Date }[],
  policy: RotationPolicy = DEFAULT_ROTATION,
): Set<string> => {
  const newestFirst = [...backups].sort(
    (a, b) => b.at.getTime() - a.at.getTime() || (a.name < b.name ? 1 : -1),
  );
  const keep = new Set<string>();
  const rule = (keyOf: (date: Date) => string, count: number): void => {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      if (seen.size >= count) break;
      const key = keyOf(backup.at);
      if (seen.has(key)) continue;
      seen.add(key);
      keep.add(backup.name);
    }
  };
  rule(dayKey, policy.diarios);
  rule(weekKey, policy.semanales);
  rule(monthKey, policy.mensuales);
  return keep;
};
