/**
 * SQL of the outbox: claiming jobs under a lease, rescheduling, finishing, and moving a
 * document's status with its history row. Prepared once per database; every write that
 * belongs together runs in one transaction.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { cambiarEstado } from '../documentos';
import type { Estado, Evento } from '../fiscal';
import { createJobTable, type JobRow } from '../jobs';
import type { MensajeSri } from '../sri';

export type OutboxJobRow = JobRow;

export type OutboxDocument = {
  id: string;
  status: Estado;
  claveAcceso: string;
  signedXml: string;
  emissionPointId: string;
  codDoc: string;
  secuencial: number;
};

export type AuthorizationFields = {
  numeroAutorizacion: string;
  fechaAutorizacion: string;
  authorizationXml: string;
};

export type StatusChange = {
  documentId: string;
  eventos: readonly Evento[];
  at: string;
  source: 'local' | 'sri' | 'usuario' | 'sync';
  mensajes: readonly MensajeSri[];
  detalle: string | null;
  userId?: string | null;
  autorizacion?: AuthorizationFields | null;
};

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;

export const createOutboxRepo = (sqlite: BetterSqlite3.Database) => {
  const jobs = createJobTable(sqlite, 'sri');
  const reopen = sqlite.prepare<[string, string]>(
    `UPDATE outbox_job SET status = 'pending', next_attempt_at = ?, done_at = NULL, locked_until = NULL
     WHERE kind = 'sri' AND document_id = ?`,
  );
  const dueNow = sqlite.prepare<[string, string]>(
    `UPDATE outbox_job SET next_attempt_at = ?
     WHERE kind = 'sri' AND document_id = ? AND status = 'pending'`,
  );
  const selectDocument = sqlite.prepare<[string], OutboxDocument>(
    `SELECT id, status, clave_acceso AS claveAcceso, signed_xml AS signedXml,
            emission_point_id AS emissionPointId, cod_doc AS codDoc, secuencial
     FROM document WHERE id = ?`,
  );
  const updateAuthorization = sqlite.prepare<[string, string, string, string]>(
    `UPDATE document SET numero_autorizacion = ?, fecha_autorizacion = ?, authorization_xml = ?
     WHERE id = ?`,
  );
  const lastError = sqlite.prepare<[], { message: string | null }>(
    `SELECT last_sri_message AS message FROM document
     WHERE status IN ('REJECTED', 'MANUAL_REVIEW_REQUIRED') ORDER BY updated_at DESC LIMIT 1`,
  );

  /**
   * Applies `eventos` in order through the status machine, one history row each, in the
   * caller's transaction. Returns the final status, or throws on an impossible move (a bug, or
   * another writer changed the document: both must stop the step, not be papered over).
   */
  const applyEvents = (change: StatusChange, from: Estado): Estado => {
    let estado = from;
    const mensajes = change.mensajes.length === 0 ? null : JSON.stringify(change.mensajes);
    for (const evento of change.eventos) {
      const next = cambiarEstado(sqlite, {
        documentId: change.documentId,
        desde: estado,
        evento,
        at: change.at,
        source: change.source,
        detalle: change.detalle,
        mensajesSri: mensajes,
        userId: change.userId ?? null,
        ultimoMensajeSri: change.detalle,
      });
      if (!next.ok) {
        throw new Error(
          next.error.code === 'documento_cambio'
            ? `El documento ${change.documentId} cambió de estado mientras se procesaba.`
            : next.error.message,
        );
      }
      estado = next.value;
    }
    if (change.autorizacion) {
      updateAuthorization.run(
        change.autorizacion.numeroAutorizacion,
        change.autorizacion.fechaAutorizacion,
        change.autorizacion.authorizationXml,
        change.documentId,
      );
    }
    return estado;
  };

  return {
    claim: jobs.claim,
    document: (id: string): OutboxDocument | undefined => selectDocument.get(id),
    /** Moves the document and reschedules or finishes its job, in one transaction. */
    record: sqlite.transaction(
      (
        change: StatusChange,
        from: Estado,
        job:
          | {
              kind: 'reschedule';
              id: number;
              attempts: number;
              nextAttemptAt: string;
              lastError: string | null;
            }
          | { kind: 'finish'; id: number; status: 'done' | 'dead'; lastError: string | null }
          | { kind: 'keep' },
      ): Estado => {
        const estado = applyEvents(change, from);
        switch (job.kind) {
          case 'reschedule':
            jobs.reschedule(job.id, job.attempts, job.nextAttemptAt, job.lastError);
            break;
          case 'finish':
            jobs.finish(job.id, job.status, change.at, job.lastError);
            break;
          case 'keep':
            break;
        }
        return estado;
      },
    ),
    applyEvents: sqlite.transaction(applyEvents),
    release: jobs.release,
    releaseAll: jobs.releaseAll,
    earliestDue: jobs.earliestDue,
    pendingCount: jobs.pendingCount,
    makeAllDue: jobs.makeAllDue,
    /** Moves the document (an operator's decision) and puts its job back in the queue, at once. */
    requeue: sqlite.transaction((change: StatusChange, from: Estado): Estado => {
      const estado = applyEvents(change, from);
      reopen.run(change.at, change.documentId);
      return estado;
    }),
    lastSriError: (): string | null => lastError.get()?.message ?? null,
    /** An operator asked: this document's pending job is due now. False when it has none. */
    makeDue: (documentId: string, now: string): boolean =>
      dueNow.run(now, documentId).changes === 1,
  };
};
