/**
 * Which way one document's e-mail leaves when Ajustes › Correo chose Factio (issue 19 §3): by
 * Factio when its sync can carry it and Factio holds the document, waiting while the sync has
 * not pushed it yet, and by SMTP when the store chose SMTP or the sync cannot (no key, refused).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { ProveedorCorreo } from '../../shared/contract/correo';
import type { ViaFactio } from './envio';

/** @example const elegir = eleccionFactio({ sqlite, proveedor: () => 'factio', disponible: () => true }); elegir('d1') */
export const eleccionFactio = (deps: {
  sqlite: BetterSqlite3.Database;
  proveedor: () => ProveedorCorreo;
  /** The Factio sync has a key that was not refused. */
  disponible: () => boolean;
}): ViaFactio['elegir'] => {
  const remoto = deps.sqlite.prepare<[string], { remoteId: string | null }>(
    'SELECT remote_id AS remoteId FROM document WHERE id = ?',
  );
  return (documentId) => {
    if (deps.proveedor() !== 'factio' || !deps.disponible()) return 'smtp';
    const remoteId = remoto.get(documentId)?.remoteId ?? null;
    return remoteId === null ? 'esperar' : { remoteId };
  };
};
