/**
 * The one place a document's status is written (docs/architecture.md §4, §6): every change goes through
 * the status machine of `fiscal/estados.ts` and writes its `document_status_history` row in the
 * caller's transaction. The SRI outbox, Conciliación's manual marks and the credit notes all
 * use it, so no path can move a document without the machine's consent or without history.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { err, ok, type Result } from '../../shared/result';
import { encolarCorreo } from '../correo/entrega';
import { type Estado, type Evento, transicion } from '../fiscal';

export type OrigenCambio = 'local' | 'sri' | 'usuario' | 'sync';

export type CambioEstado = {
  documentId: string;
  /** The status the caller read: the change applies only if the document is still in it. */
  desde: Estado;
  evento: Evento;
  at: string;
  source: OrigenCambio;
  detalle: string | null;
  /** The SRI's messages of this step, as JSON (null: none). */
  mensajesSri?: string | null;
  userId?: string | null;
  /** Shown in Conciliación and the header as the document's last SRI message (null: keep). */
  ultimoMensajeSri?: string | null;
};

type Statements = {
  update: BetterSqlite3.Statement<[string, string | null, string, string, string]>;
  history: BetterSqlite3.Statement<
    [string, string, string, string, string, string | null, string | null, string | null]
  >;
};

const statements = new WeakMap<BetterSqlite3.Database, Statements>();

const prepared = (tx: BetterSqlite3.Database): Statements => {
  let s = statements.get(tx);
  if (s === undefined) {
    s = {
      update: tx.prepare(
        `UPDATE document SET status = ?, last_sri_message = COALESCE(?, last_sri_message), updated_at = ?
         WHERE id = ? AND status = ?`,
      ),
      history: tx.prepare(
        `INSERT INTO document_status_history
           (document_id, from_status, to_status, at, source, sri_messages, detail, user_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    statements.set(tx, s);
  }
  return s;
};

/**
 * Moves a document by one event of the status machine and writes its history row. Call it in
 * the caller's transaction: on an error nothing was written.
 * @example cambiarEstado(tx, { documentId, desde: 'AUTHORIZED', evento: 'anulado_por_nc', at, source: 'local', detalle }) // ok('VOIDED_BY_NC')
 */
export const cambiarEstado = (tx: BetterSqlite3.Database, cambio: CambioEstado): Result<Estado> => {
  const hacia = transicion(cambio.desde, cambio.evento);
  if (!hacia.ok) return hacia;
  const s = prepared(tx);
  const moved = s.update.run(
    hacia.value,
    cambio.ultimoMensajeSri ?? null,
    cambio.at,
    cambio.documentId,
    cambio.desde,
  );
  if (moved.changes !== 1) {
    return err(
      'documento_cambio',
      'El documento cambió de estado mientras tanto. Revíselo y vuelva a intentarlo.',
    );
  }
  s.history.run(
    cambio.documentId,
    cambio.desde,
    hacia.value,
    cambio.at,
    cambio.source,
    cambio.mensajesSri ?? null,
    cambio.detalle,
    cambio.userId ?? null,
  );
  // The buyer's copy (issue 19): enqueued with the authorization itself, so it cannot be lost
  // between the two, whichever path authorized the document (the SRI, Conciliación, sync).
  if (hacia.value === 'AUTHORIZED') encolarCorreo(tx, cambio.documentId, cambio.at);
  return ok(hacia.value);
};
