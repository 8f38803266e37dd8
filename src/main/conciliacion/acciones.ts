/**
 * What a supervisor does to a document from Conciliación. Moving a document's status by hand
 * goes through the status machine like every other move, writes a history row with
 * `source = 'usuario'` and the authorizing user, and an audit entry.
 */

import { nombreEstado } from '../../shared/contract/conciliacion';
import { err, ok, type Result } from '../../shared/result';
import { type AppUser, appendAudit, type Database, type Rol } from '../db';
import { cambiarEstado } from '../documentos';
import { type Estado, transicion } from '../fiscal';
import type { Clock, Logger } from '../log';
import type { Credenciales as CredencialesSesion } from '../sesion';

/** An approval as it arrives in the call (a spent token is exchanged by main before this). */
export type Credenciales = CredencialesSesion;

/** Checks a PIN and a minimum role (`autorizar` of `sesion/`), auditing refusals. */
export type Autorizar = (
  credenciales: Credenciales,
  rolMinimo: Rol,
  accion: string,
) => Promise<Result<AppUser>>;

/** The outbox worker's operator entry points. */
export type OutboxOperador = {
  requeue: (documentId: string, userId: string | null) => Result<string>;
  consultarAhora: (documentId: string) => Result<string>;
};

export type AccionesDeps = {
  db: Database;
  clock: Clock;
  logger: Logger;
  outbox: OutboxOperador;
  /** Queues a reprint of a document's RIDE (the print queue's `reprint`). */
  reimprimir: (documentId: string) => Result<number>;
  autorizar: Autorizar;
  usuarioActualId: () => string | null;
  /** A document changed status by hand: tell the screens. */
  alCambiar?: (documentoId: string, estado: string) => void;
};

export type MarcaManual = 'revision_manual' | 'fallo_definitivo';

const QUE_HACE: Record<MarcaManual, string> = {
  revision_manual: 'pasar a revisión manual',
  fallo_definitivo: 'darse por fallido',
};

export const createAcciones = (deps: AccionesDeps) => {
  const { db, clock } = deps;
  const documento = db.sqlite.prepare<
    [string],
    { status: Estado; mensaje: string | null; codDoc: string }
  >('SELECT status, last_sri_message AS mensaje, cod_doc AS codDoc FROM document WHERE id = ?');
  // The worker must stop working on it: manual review closes the job (a retry reopens it), a
  // failure buries it.
  const cerrarTrabajo = db.sqlite.prepare<[string, string, string, string]>(
    `UPDATE outbox_job SET status = ?, done_at = ?, last_error = ?, locked_until = NULL
     WHERE kind = 'sri' AND document_id = ? AND status = 'pending'`,
  );

  // Who put the document in manual review the last time: a person (`conciliacion.marcar`) or
  // the SRI path (too many attempts, an unknown code).
  const entradaRevision = db.sqlite.prepare<[string], { source: string }>(
    `SELECT source FROM document_status_history
     WHERE document_id = ? AND to_status = 'MANUAL_REVIEW_REQUIRED' ORDER BY id DESC LIMIT 1`,
  );

  const reintentar = async (
    id: string,
    autorizacion?: Credenciales,
  ): Promise<Result<{ estado: string }>> => {
    const doc = documento.get(id);
    if (doc === undefined) return err('documento_no_existe', 'El documento no existe.', 'id');
    if (doc.status === 'REJECTED') {
      return err(
        'requiere_correccion',
        `El SRI rechazó este documento${doc.mensaje === null ? '' : ` (${doc.mensaje})`}. Reenviarlo no lo arregla: debe corregirse y firmarse de nuevo.`,
      );
    }
    // Undoing a supervisor's decision takes the approval that made it (issue 15 §12).
    let supervisor: AppUser | null = null;
    if (doc.status === 'MANUAL_REVIEW_REQUIRED' && entradaRevision.get(id)?.source === 'usuario') {
      if (autorizacion === undefined) {
        return err(
          'autorizacion_requerida',
          'Un supervisor pasó este documento a revisión manual: reintentarlo necesita la aprobación de un supervisor.',
          'autorizacion',
        );
      }
      const aprobado = await deps.autorizar(autorizacion, 'supervisor', 'documento.reintento');
      if (!aprobado.ok) return aprobado;
      supervisor = aprobado.value;
    }
    const usuario = deps.usuarioActualId();
    const r = deps.outbox.requeue(id, supervisor?.id ?? usuario);
    if (!r.ok) return r;
    appendAudit(
      db,
      {
        userId: supervisor?.id ?? usuario,
        action: 'documento.reintento',
        detail: {
          documentoId: id,
          ...(supervisor === null ? {} : { aprobadoPor: supervisor.id, usuarioSesion: usuario }),
        },
      },
      clock,
    );
    return ok({ estado: r.value });
  };

  const consultarAutorizacion = (id: string): Result<{ estado: string }> => {
    const r = deps.outbox.consultarAhora(id);
    return r.ok ? ok({ estado: r.value }) : r;
  };

  const marcar = async (input: {
    id: string;
    accion: MarcaManual;
    motivo: string;
    autorizacion: Credenciales;
  }): Promise<Result<{ estado: string }>> => {
    const supervisor = await deps.autorizar(
      input.autorizacion,
      'supervisor',
      `documento.${input.accion}`,
    );
    if (!supervisor.ok) return supervisor;
    const doc = documento.get(input.id);
    if (doc === undefined) return err('documento_no_existe', 'El documento no existe.', 'id');
    const hacia = transicion(doc.status, input.accion);
    if (!hacia.ok) {
      return err(
        'transicion_invalida',
        `Un documento «${nombreEstado(doc.status)}» no puede ${QUE_HACE[input.accion]}.`,
      );
    }
    const at = clock.now().toISOString();
    const detalle = `${input.accion === 'revision_manual' ? 'Revisión manual' : 'Fallo definitivo'}: ${input.motivo}`;
    const hecho = db.sqlite.transaction((): boolean => {
      const movido = cambiarEstado(db.sqlite, {
        documentId: input.id,
        desde: doc.status,
        evento: input.accion,
        at,
        source: 'usuario',
        detalle,
        userId: supervisor.value.id,
      });
      if (!movido.ok) return false;
      cerrarTrabajo.run(
        input.accion === 'revision_manual' ? 'done' : 'dead',
        at,
        detalle,
        input.id,
      );
      appendAudit(
        db,
        {
          userId: supervisor.value.id,
          action: `documento.${input.accion}`,
          detail: {
            documentoId: input.id,
            desde: doc.status,
            hacia: hacia.value,
            motivo: input.motivo,
            usuarioSesion: deps.usuarioActualId(),
          },
        },
        clock,
      );
      return true;
    })();
    if (!hecho) {
      return err(
        'documento_cambio',
        'El documento cambió de estado mientras tanto. Revíselo y vuelva a intentarlo.',
      );
    }
    deps.logger.info('Estado cambiado a mano', {
      documentoId: input.id,
      hacia: hacia.value,
      supervisor: supervisor.value.id,
    });
    deps.alCambiar?.(input.id, hacia.value);
    return ok({ estado: hacia.value });
  };

  const reimprimir = (id: string): Result<{ trabajoId: number }> => {
    const r = deps.reimprimir(id);
    if (!r.ok) return r;
    appendAudit(
      db,
      {
        userId: deps.usuarioActualId(),
        action: 'documento.reimpresion',
        detail: { documentoId: id, trabajoId: r.value },
      },
      clock,
    );
    return ok({ trabajoId: r.value });
  };

  return { reintentar, consultarAutorizacion, marcar, reimprimir };
};
