/**
 * The `outbox_job` table as a queue, one kind at a time (`sri`, `sync`): claim due jobs under a
 * lease, reschedule with backoff, finish. Both workers (SRI and the hosted API) use it, so the
 * lease and scheduling rules are written once.
 */
import type BetterSqlite3 from 'better-sqlite3';

export type OutboxKind = 'sri' | 'sync';

export type JobRow = { id: number; documentId: string; attempts: number };

export type JobQueue = ReturnType<typeof createJobQueue>;

export const createJobQueue = (sqlite: BetterSqlite3.Database, kind: OutboxKind) => {
  const selectReady = sqlite.prepare<[OutboxKind, string, string, number], JobRow>(
    `SELECT id, document_id AS documentId, attempts FROM outbox_job
     WHERE kind = ? AND status = 'pending' AND next_attempt_at <= ?
       AND (locked_until IS NULL OR locked_until <= ?)
     ORDER BY next_attempt_at, id LIMIT ?`,
  );
  const lease = sqlite.prepare<[string, number]>(
    'UPDATE outbox_job SET locked_until = ? WHERE id = ?',
  );
  const reschedule = sqlite.prepare<[number, string, string | null, number]>(
    `UPDATE outbox_job SET attempts = ?, next_attempt_at = ?, last_error = ?, locked_until = NULL
     WHERE id = ?`,
  );
  const finish = sqlite.prepare<['done' | 'dead', string, string | null, number]>(
    `UPDATE outbox_job SET status = ?, done_at = ?, last_error = ?, locked_until = NULL WHERE id = ?`,
  );
  const release = sqlite.prepare<[number]>(
    'UPDATE outbox_job SET locked_until = NULL WHERE id = ?',
  );
  const releaseAll = sqlite.prepare<[OutboxKind]>(
    "UPDATE outbox_job SET locked_until = NULL WHERE kind = ? AND status = 'pending' AND locked_until IS NOT NULL",
  );
  const earliest = sqlite.prepare<[OutboxKind], { at: string | null }>(
    "SELECT MIN(next_attempt_at) AS at FROM outbox_job WHERE kind = ? AND status = 'pending'",
  );
  const pending = sqlite.prepare<[OutboxKind], { n: number }>(
    "SELECT COUNT(*) AS n FROM outbox_job WHERE kind = ? AND status = 'pending'",
  );
  const wakeAll = sqlite.prepare<[string, OutboxKind]>(
    "UPDATE outbox_job SET next_attempt_at = ? WHERE kind = ? AND status = 'pending'",
  );

  return {
    /** Claims up to `limit` due jobs by setting their lease, atomically. */
    claim: sqlite.transaction((now: string, leaseUntil: string, limit: number): JobRow[] => {
      const rows = selectReady.all(kind, now, now, limit);
      for (const row of rows) lease.run(leaseUntil, row.id);
      return rows;
    }),
    reschedule: (id: number, attempts: number, nextAttemptAt: string, lastError: string | null) => {
      reschedule.run(attempts, nextAttemptAt, lastError, id);
    },
    finish: (id: number, status: 'done' | 'dead', at: string, lastError: string | null) => {
      finish.run(status, at, lastError, id);
    },
    release: (id: number): void => {
      release.run(id);
    },
    /** One worker per database (single-instance lock): leases left by a dead process are void. */
    releaseAll: (): void => {
      releaseAll.run(kind);
    },
    earliestDue: (): string | null => earliest.get(kind)?.at ?? null,
    pendingCount: (): number => pending.get(kind)?.n ?? 0,
    /** Connectivity came back or an operator asked: every waiting job is due now. */
    makeAllDue: (now: string): void => {
      wakeAll.run(now, kind);
    },
  };
};
