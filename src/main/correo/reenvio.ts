/**
 * «Reenviar» from Conciliación (issue 19 §4): the authorized document's e-mail is queued again,
 * to the same address or another. A document has one `email` job (the unique index on kind and
 * document), so that job is armed again with the new recipient and the delivery row goes back to
 * pendiente with no Message-ID: it is a new message, not a retry of the old one. Who asked, and
 * what the previous delivery was, go to the audit log (the handler writes it).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { err, ok, type Result } from '../../shared/result';
import { enqueueJob } from '../jobs';
import type { CorreoPayload, EstadoEntrega } from './entrega';
import { createEntregaRepo } from './entrega';

type Documento = { numeroAutorizacion: string | null; email: string | null };
type Trabajo = { id: number; status: string; lockedUntil: string | null };

export type Reenvio = { para: string; antes: EstadoEntrega | null };

/** @example const reenviar = createReenvio(sqlite); reenviar('d1', 'otra@example.com', at) */
export const createReenvio = (sqlite: BetterSqlite3.Database) => {
  const repo = createEntregaRepo(sqlite);
  const documento = sqlite.prepare<[string], Documento>(
    'SELECT numero_autorizacion AS numeroAutorizacion, buyer_email AS email FROM document WHERE id = ?',
  );
  const trabajo = sqlite.prepare<[string], Trabajo>(
    `SELECT id, status, locked_until AS lockedUntil FROM outbox_job
     WHERE kind = 'email' AND document_id = ?`,
  );
  const entrega = sqlite.prepare<[string, string, string]>(
    `INSERT INTO email_delivery (document_id, recipient, status, updated_at) VALUES (?, ?, 'pendiente', ?)
     ON CONFLICT (document_id) DO UPDATE SET recipient = excluded.recipient, status = 'pendiente',
       message_id = NULL, sent_at = NULL, error = NULL, updated_at = excluded.updated_at`,
  );
  const rearmar = sqlite.prepare<[string, string, number]>(
    `UPDATE outbox_job SET status = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL,
       done_at = NULL, locked_until = NULL, payload = ? WHERE id = ?`,
  );

  const escribir = sqlite.transaction((documentId: string, para: string, at: string): void => {
    entrega.run(documentId, para, at);
    const payload: CorreoPayload = { para };
    const t = trabajo.get(documentId);
    if (t === undefined) enqueueJob(sqlite, 'email', { documentId }, at, JSON.stringify(payload));
    else rearmar.run(at, JSON.stringify(payload), t.id);
  });

  return (documentId: string, para: string | undefined, at: string): Result<Reenvio> => {
    const d = documento.get(documentId);
    if (d === undefined) return err('no_encontrado', 'No existe ese documento.');
    if (d.numeroAutorizacion === null) {
      return err(
        'correo_documento',
        'Solo se envían por correo los documentos que el SRI ya autorizó.',
      );
    }
    const antes = repo.entrega(documentId) ?? null;
    const destino = para ?? antes?.para ?? d.email ?? null;
    if (destino === null || destino.trim() === '') {
      return err(
        'correo_documento',
        'Este documento no tiene correo del comprador: escriba a qué dirección enviarlo.',
        'para',
      );
    }
    const t = trabajo.get(documentId);
    // The runner holds it under a lease: it is leaving right now, and its outcome would land on
    // the new delivery's row.
    if (t?.status === 'pending' && t.lockedUntil !== null && t.lockedUntil > at) {
      return err(
        'correo_documento',
        'El correo de este documento se está enviando en este momento; intente de nuevo en un minuto.',
      );
    }
    escribir(documentId, destino.trim(), at);
    return ok({ para: destino.trim(), antes });
  };
};
