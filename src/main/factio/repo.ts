/**
 * SQL of the sync: `sync` outbox jobs under a lease, the `sync_state` rows (one per resource),
 * and the history cursor that re-arms a document's job when its SRI status moves. The SRI
 * worker never touches `sync` jobs, and this file never touches `sri` jobs.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { createJobTable, type JobRow } from '../jobs';

export type SyncJobRow = JobRow;

export type SyncStateRow = {
  resource: string;
  cursor: string | null;
  lastSyncedAt: string | null;
  lastError: string | null;
};

/** The `sync_state` row whose cursor is the last `document_status_history.id` already seen. */
export const HISTORY_RESOURCE = 'documentos.estado';

export type SyncRepo = ReturnType<typeof createSyncRepo>;

export const createSyncRepo = (sqlite: BetterSqlite3.Database) => {
  const jobs = createJobTable(sqlite, 'sync');
  const dead = sqlite.prepare<[], { n: number }>(
    "SELECT COUNT(*) AS n FROM outbox_job WHERE kind = 'sync' AND status = 'dead'",
  );
  const lastDeadError = sqlite.prepare<[], { message: string | null }>(
    `SELECT last_error AS message FROM outbox_job WHERE kind = 'sync' AND status = 'dead'
     ORDER BY done_at DESC LIMIT 1`,
  );
  const documentStatus = sqlite.prepare<[string], { status: string; remoteId: string | null }>(
    'SELECT status, remote_id AS remoteId FROM document WHERE id = ?',
  );
  const setRemoteId = sqlite.prepare<[string, string]>(
    'UPDATE document SET remote_id = ? WHERE id = ? AND remote_id IS NULL',
  );
  const maxHistory = sqlite.prepare<[], { id: number | null }>(
    'SELECT MAX(id) AS id FROM document_status_history',
  );
  const changedDocuments = sqlite.prepare<[number, number], { documentId: string }>(
    `SELECT DISTINCT document_id AS documentId FROM document_status_history
     WHERE id > ? AND id <= ?`,
  );
  const rearm = sqlite.prepare<[string, string]>(
    `UPDATE outbox_job SET status = 'pending', attempts = 0, next_attempt_at = ?, done_at = NULL,
       last_error = NULL
     WHERE kind = 'sync' AND document_id = ? AND status = 'done'`,
  );
  const getState = sqlite.prepare<[string], SyncStateRow>(
    `SELECT resource, cursor, last_synced_at AS lastSyncedAt, last_error AS lastError
     FROM sync_state WHERE resource = ?`,
  );
  const allStates = sqlite.prepare<[], SyncStateRow>(
    `SELECT resource, cursor, last_synced_at AS lastSyncedAt, last_error AS lastError
     FROM sync_state ORDER BY resource`,
  );
  const putState = sqlite.prepare<[string, string | null, string | null, string | null]>(
    `INSERT INTO sync_state (resource, cursor, last_synced_at, last_error) VALUES (?, ?, ?, ?)
     ON CONFLICT (resource) DO UPDATE SET cursor = excluded.cursor,
       last_synced_at = excluded.last_synced_at, last_error = excluded.last_error`,
  );

  const state = (resource: string): SyncStateRow | undefined => getState.get(resource);
  const saveState = (row: SyncStateRow): void => {
    putState.run(row.resource, row.cursor, row.lastSyncedAt, row.lastError);
  };

  return {
    claim: jobs.claim,
    reschedule: jobs.reschedule,
    /**
     * Marks the job acknowledged — unless the document moved while we were sending `sent`; then
     * it is due again at once, so the new status follows. One transaction: a status change
     * commits either before this check (seen here) or after (seen by `rearmChanged`).
     */
    acknowledge: sqlite.transaction(
      (id: number, documentId: string, sent: string, at: string): 'done' | 'again' => {
        const now = documentStatus.get(documentId);
        if (now !== undefined && now.status !== sent) {
          jobs.reschedule(id, 0, at, null);
          return 'again';
        }
        jobs.finish(id, 'done', at, null);
        return 'done';
      },
    ),
    /** Factio refused the document (422): it waits for a person, with Factio's message. */
    giveUp: (id: number, at: string, message: string): void => {
      jobs.finish(id, 'dead', at, message);
    },
    release: jobs.release,
    releaseAll: jobs.releaseAll,
    earliestDue: jobs.earliestDue,
    pendingCount: jobs.pendingCount,
    deadCount: (): number => dead.get()?.n ?? 0,
    lastDeadError: (): string | null => lastDeadError.get()?.message ?? null,
    makeAllDue: jobs.makeAllDue,
    document: (id: string) => documentStatus.get(id),
    /** Remembers Factio's id of a document, once: the next step is a PATCH, never a new POST. */
    setRemoteId: (documentId: string, remoteId: string): void => {
      setRemoteId.run(remoteId, documentId);
    },
    /**
     * Re-arms the sync job of every document with a status row newer than the cursor, and moves
     * the cursor, in one transaction (crash-safe: a row is either re-armed and passed, or neither).
     * The first run starts at the current end: nothing was mirrored before the sync existed.
     */
    rearmChanged: sqlite.transaction((at: string): number => {
      const top = maxHistory.get()?.id ?? 0;
      const row = state(HISTORY_RESOURCE);
      const from = row?.cursor === null || row?.cursor === undefined ? null : Number(row.cursor);
      if (from === null || from >= top) {
        if (from === null || from > top) {
          saveState({
            resource: HISTORY_RESOURCE,
            cursor: String(top),
            lastSyncedAt: at,
            lastError: null,
          });
        }
        return 0;
      }
      let rearmed = 0;
      for (const { documentId } of changedDocuments.all(from, top)) {
        rearmed += rearm.run(at, documentId).changes;
      }
      saveState({
        resource: HISTORY_RESOURCE,
        cursor: String(top),
        lastSyncedAt: at,
        lastError: null,
      });
      return rearmed;
    }),
    state,
    saveState,
    states: (): SyncStateRow[] => allStates.all(),
  };
};
