import { desc, lt } from 'drizzle-orm';
import type { Clock } from '../../log';
import type { Database } from '../connection';
import { auditLog } from '../schema';

export type AuditEntry = {
  id: number;
  at: string;
  userId: string | null;
  action: string;
  detail: unknown;
};

export type NewAuditEntry = {
  userId?: string | null;
  /** A stable dotted name: `venta.anulada`, `certificado.importado`, `ajustes.ambiente`. */
  action: string;
  /** Never secrets (PINs, passwords, keys). */
  detail?: Record<string, unknown>;
};

/** Appends one audit entry (the table refuses updates and deletes) and returns its id. */
export const appendAudit = (db: Database, entry: NewAuditEntry, clock: Clock): number => {
  const row = db.orm
    .insert(auditLog)
    .values({
      at: clock.now().toISOString(),
      userId: entry.userId ?? null,
      action: entry.action,
      detail: entry.detail ?? {},
    })
    .returning({ id: auditLog.id })
    .get();
  return row.id;
};

/** Newest first; `beforeId` pages backwards. */
export const listAudit = (
  db: Database,
  options: { limit: number; beforeId?: number },
): AuditEntry[] =>
  db.orm
    .select()
    .from(auditLog)
    .where(options.beforeId === undefined ? undefined : lt(auditLog.id, options.beforeId))
    .orderBy(desc(auditLog.id))
    .limit(options.limit)
    .all();
