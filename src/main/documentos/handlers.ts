import type BetterSqlite3 from 'better-sqlite3';
import type { HandlerGroup } from '../app/dispatch';
import { createDocumentReader } from './detalle';

/** `documentos.*` calls: what Conciliación and the checkout need to know about a document. */
export const createDocumentosHandlers = (deps: {
  sqlite: BetterSqlite3.Database;
}): HandlerGroup<'documentos.obtener'> => {
  const leer = createDocumentReader(deps.sqlite);
  return {
    'documentos.obtener': ({ id }) => leer(id),
  };
};
