/**
 * The buyer's e-mail as Conciliación sees it (issue 19): each listed document's delivery, read by
 * primary key after the page is chosen (the list's index plans stay as they are), the filter by
 * delivery status as a correlated lookup, and the day's count of undelivered documents.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { EntregaCorreo, FiltroCorreo } from '../../shared/contract/correo';

type FilaEntrega = {
  estado: EntregaCorreo['estado'];
  para: string;
  enviadoEn: string | null;
  error: string | null;
  espera: string | null;
};

/**
 * SQL of the delivery filter on `document` (`@correo` is the status). The rare statuses
 * (pendiente, rechazado) drive the read from `email_delivery_status_idx`; «enviado», the usual
 * one, and «sin_correo» are checked per row while the list reads in date order.
 */
export const condicionCorreo = (correo: FiltroCorreo): string => {
  switch (correo) {
    case 'sin_correo':
      return 'NOT EXISTS (SELECT 1 FROM email_delivery e WHERE e.document_id = document.id)';
    case 'enviado':
      return 'EXISTS (SELECT 1 FROM email_delivery e WHERE e.document_id = document.id AND e.status = @correo)';
    case 'pendiente':
    case 'rechazado':
      return 'document.id IN (SELECT e.document_id FROM email_delivery e WHERE e.status = @correo)';
  }
};

/** @example const entregas = createEntregasConciliacion(sqlite); entregas.de(['d1']) */
export const createEntregasConciliacion = (sqlite: BetterSqlite3.Database) => {
  const una = sqlite.prepare<[string], FilaEntrega>(
    `SELECT e.status AS estado, e.recipient AS para, e.sent_at AS enviadoEn, e.error,
            (SELECT j.last_error FROM outbox_job j
             WHERE j.kind = 'email' AND j.document_id = e.document_id AND j.status = 'pending') AS espera
     FROM email_delivery e WHERE e.document_id = ?`,
  );
  const sinEntregar = sqlite.prepare<
    { desde: string; hasta: string; punto: string | null },
    { n: number }
  >(
    `SELECT COUNT(*) AS n FROM email_delivery e JOIN document d ON d.id = e.document_id
     WHERE e.status IN ('pendiente', 'rechazado') AND d.fecha_emision BETWEEN @desde AND @hasta
       AND (@punto IS NULL OR d.emission_point_id = @punto)`,
  );
  const leer = (id: string): EntregaCorreo | null => {
    const f = una.get(id);
    if (f === undefined) return null;
    return {
      estado: f.estado,
      para: f.para,
      enviadoEn: f.estado === 'enviado' ? f.enviadoEn : null,
      motivo: f.estado === 'rechazado' ? f.error : f.estado === 'pendiente' ? f.espera : null,
    };
  };
  return {
    leer,
    /** The deliveries of one page of documents. */
    de: (ids: readonly string[]): Map<string, EntregaCorreo> => {
      const m = new Map<string, EntregaCorreo>();
      for (const id of ids) {
        const e = leer(id);
        if (e !== null) m.set(id, e);
      }
      return m;
    },
    /**
     * Undelivered e-mails of the documents issued in the range. Pending ones are few (the job
     * drains them) and refused ones rarer; `email_delivery_status_idx` finds them.
     */
    sinEntregar: (desde: string, hasta: string, puntoEmisionId?: string): number =>
      sinEntregar.get({ desde, hasta, punto: puntoEmisionId ?? null })?.n ?? 0,
  };
};
