/**
 * The `outbox_job` table as a queue of one kind at a time (`sri`, `sync`): enqueue inside the
 * caller's transaction, claim due jobs under a lease, reschedule, finish. Finished jobs stay
 * (`done` / `dead`) for audit (docs/architecture.md §5). Rows are parsed with zod when loaded: a row that
 * does not fit is a bug or a damaged database, and must stop its job rather than run it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import type { OUTBOX_KINDS } from '../db/schema';

export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** What a job of the outbox table carries: the document it works for. */
export const jobRowSchema = z.object({
  id: z.number().int().positive(),
  documentId: z.string().min(1),
  attempts: z.number().int().nonnegative(),
});
export type JobRow = z.infer<typeof jobRowSchema>;

export const jobPayloadSchema = jobRowSchema.pick({ documentId: true });
export type JobPayload = z.infer<typeof jobPayloadSchema>;

const enqueueStatements = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

/**
 * Adds a job, due now. Call it inside the caller's transaction (the sale's, the credit note's),
 * so the job exists exactly when the record it works for does. `datos` is what the kind needs
 * beyond the document, as JSON (the e-mail's recipient).
 * @example enqueueJob(tx, 'sri', { documentId }, at) // 17
 */
export const enqueueJob = (
  tx: BetterSqlite3.Database,
  kind: OutboxKind,
  payload: JobPayload,
  at: string,
  datos: string | null = null,
): number => {
  let insert = enqueueStatements.get(tx);
  if (insert === undefined) {
    insert = tx.prepare(
      'INSERT INTO outbox_job (kind, document_id, next_attempt_at, created_at, payload) VALUES (?, ?, ?, ?, ?)',
    );
    enqueueStatements.set(tx, insert);
  }
  return Number(insert.run(kind, payload.documentId, at, at, datos).lastInsertRowid);
};

export type JobTable = ReturnType<typeof createJobTable>;

export const createJobTable = (sqlite: BetterSqlite3.Database, kind: OutboxKind) => {
  // Oldest first: `next_attempt_at` then id, so within an emission point documents go out in
  // the order they were issued (ids grow with time).
  const selectReady = sqlite.prepare<[OutboxKind, string, string, number], unknown>(
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
  const dead = sqlite.prepare<[string, string, number]>(
    "UPDATE outbox_job SET status = 'dead', done_at = ?, last_error = ?, locked_until = NULL WHERE id = ?",
  );

  return {
    kind,
    /**
     * Claims up to `limit` due jobs by setting their lease, atomically. A row that does not
     * parse is given up (`dead`, with the reason) instead of being handed to `process`.
     */
    claim: sqlite.transaction((now: string, leaseUntil: string, limit: number): JobRow[] => {
      const claimed: JobRow[] = [];
      for (const raw of selectReady.all(kind, now, now, limit)) {
        const row = jobRowSchema.safeParse(raw);
        if (!row.success) {
          const id = (raw as { id?: unknown }).id;
          if (typeof id === 'number') {
            dead.run(now, `Trabajo ilegible: ${row.error.issues[0]?.message ?? 'sin detalle'}`, id);
          }
          continue;
        }
        lease.run(leaseUntil, row.data.id);
        claimed.push(row.data);
      }
      return claimed;
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
    /**
     * Voids every lease of this kind. Only at start: the single-instance lock on the data
     * folder guarantees no other live process holds one (`locked_until` stays the lease's
     * expiry, so a later change can keep leases a live instance holds).
     */
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
