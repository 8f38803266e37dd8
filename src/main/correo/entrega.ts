/**
 * The buyer's copy by e-mail as rows: the `email` job of `outbox_job` (its payload names the
 * recipient) and the document's `email_delivery` record (pendiente → enviado / rechazado).
 * `encolarCorreo` runs inside the transaction that authorizes the document, so an authorized
 * document with a buyer's e-mail always has its delivery, and a rolled-back one never does.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { createJobTable, enqueueJob, type JobRow } from '../jobs';

export const correoPayloadSchema = z.object({ para: z.string().min(3) });
export type CorreoPayload = z.infer<typeof correoPayloadSchema>;

type Enqueue = {
  email: BetterSqlite3.Statement<[string], { email: string | null }>;
  exists: BetterSqlite3.Statement<[string], { n: number }>;
  delivery: BetterSqlite3.Statement<[string, string, string]>;
};
const enqueueStatements = new WeakMap<BetterSqlite3.Database, Enqueue>();

/** A plausible address: something@domain.tld, no spaces (the XML carries what the cashier typed). */
const ES_CORREO = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Enqueues the e-mail of a document that just became AUTHORIZED, when its buyer has an e-mail.
 * Call it in the transaction of that status change. Returns whether a delivery was enqueued.
 * @example encolarCorreo(tx, documentId, at) // true
 */
export const encolarCorreo = (
  tx: BetterSqlite3.Database,
  documentId: string,
  at: string,
): boolean => {
  let s = enqueueStatements.get(tx);
  if (s === undefined) {
    s = {
      email: tx.prepare('SELECT buyer_email AS email FROM document WHERE id = ?'),
      exists: tx.prepare('SELECT COUNT(*) AS n FROM email_delivery WHERE document_id = ?'),
      delivery: tx.prepare(
        'INSERT INTO email_delivery (document_id, recipient, updated_at) VALUES (?, ?, ?)',
      ),
    };
    enqueueStatements.set(tx, s);
  }
  const para = s.email.get(documentId)?.email?.trim() ?? '';
  if (!ES_CORREO.test(para)) return false;
  // Already delivered or enqueued once (a document is authorized once; this keeps it so).
  if ((s.exists.get(documentId)?.n ?? 0) > 0) return false;
  const payload: CorreoPayload = { para };
  enqueueJob(tx, 'email', { documentId }, at, JSON.stringify(payload));
  s.delivery.run(documentId, para, at);
  return true;
};

export type EstadoEntrega =
  | { estado: 'pendiente'; para: string; messageId: string | null }
  | { estado: 'enviado'; para: string; messageId: string; enviadoEn: string }
  | { estado: 'rechazado'; para: string; motivo: string };

type FilaEntrega = {
  status: 'pendiente' | 'enviado' | 'rechazado';
  recipient: string;
  messageId: string | null;
  sentAt: string | null;
  error: string | null;
};

export type EntregaRepo = ReturnType<typeof createEntregaRepo>;

export const createEntregaRepo = (sqlite: BetterSqlite3.Database) => {
  const jobs = createJobTable(sqlite, 'email');
  const payload = sqlite.prepare<[number], { payload: string | null }>(
    'SELECT payload FROM outbox_job WHERE id = ?',
  );
  const select = sqlite.prepare<[string], FilaEntrega>(
    `SELECT status, recipient, message_id AS messageId, sent_at AS sentAt, error
     FROM email_delivery WHERE document_id = ?`,
  );
  const setMessageId = sqlite.prepare<[string, string, string]>(
    'UPDATE email_delivery SET message_id = ?, updated_at = ? WHERE document_id = ? AND message_id IS NULL',
  );
  const sent = sqlite.prepare<[string, string, string]>(
    `UPDATE email_delivery SET status = 'enviado', sent_at = ?, error = NULL, updated_at = ?
     WHERE document_id = ?`,
  );
  const refused = sqlite.prepare<[string, string, string]>(
    `UPDATE email_delivery SET status = 'rechazado', error = ?, updated_at = ? WHERE document_id = ?`,
  );

  return {
    jobs,
    /** The job's recipient; an unreadable payload is a bug or a damaged row (the job dies). */
    payloadOf: (job: JobRow): CorreoPayload | null => {
      const raw = payload.get(job.id)?.payload;
      if (raw === null || raw === undefined) return null;
      try {
        const parsed = correoPayloadSchema.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    entrega: (documentId: string): EstadoEntrega | undefined => {
      const f = select.get(documentId);
      if (f === undefined) return undefined;
      switch (f.status) {
        case 'pendiente':
          return { estado: 'pendiente', para: f.recipient, messageId: f.messageId };
        case 'enviado':
          return {
            estado: 'enviado',
            para: f.recipient,
            messageId: f.messageId ?? '',
            enviadoEn: f.sentAt ?? '',
          };
        case 'rechazado':
          return { estado: 'rechazado', para: f.recipient, motivo: f.error ?? '' };
      }
    },
    /**
     * Fixes the Message-ID before the first attempt leaves; later attempts reuse it. Returns the
     * one recorded (the new one, or the one an earlier attempt recorded).
     */
    fijarMessageId: sqlite.transaction((documentId: string, nuevo: string, at: string): string => {
      setMessageId.run(nuevo, at, documentId);
      return select.get(documentId)?.messageId ?? nuevo;
    }),
    enviado: sqlite.transaction((job: JobRow, at: string): void => {
      sent.run(at, at, job.documentId);
      jobs.finish(job.id, 'done', at, null);
    }),
    rechazado: sqlite.transaction((job: JobRow, motivo: string, at: string): void => {
      refused.run(motivo, at, job.documentId);
      jobs.finish(job.id, 'dead', at, motivo);
    }),
  };
};
