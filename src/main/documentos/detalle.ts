/** One document as Conciliación and the checkout show it: status, history, print jobs. */
import type BetterSqlite3 from 'better-sqlite3';
import type { DocumentoDetalle } from '../../shared/contract/documentos';
import { err, ok, type Result } from '../../shared/result';
import { resultadoDe } from '../print/resultado';

type DocumentRow = {
  id: string;
  codDoc: '01' | '04';
  estab: string;
  ptoEmi: string;
  secuencial: number;
  claveAcceso: string;
  fechaEmision: string;
  status: string;
  buyerTipo: string;
  buyerIdentificacion: string;
  buyerRazonSocial: string;
  totalCents: number;
  numeroAutorizacion: string | null;
  fechaAutorizacion: string | null;
  lastSriMessage: string | null;
};

export const createDocumentReader = (sqlite: BetterSqlite3.Database) => {
  const documentById = sqlite.prepare<[string], DocumentRow>(
    `SELECT id, cod_doc AS codDoc, estab, pto_emi AS ptoEmi, secuencial, clave_acceso AS claveAcceso,
            fecha_emision AS fechaEmision, status, buyer_tipo AS buyerTipo,
            buyer_identificacion AS buyerIdentificacion, buyer_razon_social AS buyerRazonSocial,
            total_cents AS totalCents, numero_autorizacion AS numeroAutorizacion,
            fecha_autorizacion AS fechaAutorizacion, last_sri_message AS lastSriMessage
     FROM document WHERE id = ?`,
  );
  const history = sqlite.prepare<
    [string],
    {
      desde: string | null;
      hacia: string;
      en: string;
      origen: 'local' | 'sri' | 'usuario' | 'sync';
      detalle: string | null;
      mensajes: string | null;
    }
  >(
    `SELECT from_status AS desde, to_status AS hacia, at AS en, source AS origen, detail AS detalle,
            sri_messages AS mensajes
     FROM document_status_history WHERE document_id = ? ORDER BY id`,
  );
  const prints = sqlite.prepare<
    [string],
    {
      id: number;
      formato: string;
      estado: 'pending' | 'printing' | 'done' | 'failed';
      intentos: number;
      ultimoError: string | null;
      creadoEn: string;
      impresoEn: string | null;
      tipo: 'ride' | 'reprint' | 'test' | 'z_report';
      guardadoPdf: number;
    }
  >(
    `SELECT id, format AS formato, status AS estado, attempts AS intentos, last_error AS ultimoError,
            created_at AS creadoEn, printed_at AS impresoEn, kind AS tipo, saved_as_pdf AS guardadoPdf
     FROM print_job WHERE document_id = ? ORDER BY id`,
  );

  return (id: string): Result<DocumentoDetalle> => {
    const doc = documentById.get(id);
    if (doc === undefined) {
      return err('documento_no_existe', 'No existe un documento con ese identificador.', 'id');
    }
    return ok({
      id: doc.id,
      codDoc: doc.codDoc,
      numero: `${doc.estab}-${doc.ptoEmi}-${String(doc.secuencial).padStart(9, '0')}`,
      claveAcceso: doc.claveAcceso,
      fechaEmision: doc.fechaEmision,
      estado: doc.status,
      comprador: {
        tipoIdentificacion: doc.buyerTipo,
        identificacion: doc.buyerIdentificacion,
        razonSocial: doc.buyerRazonSocial,
      },
      totalCentavos: doc.totalCents,
      numeroAutorizacion: doc.numeroAutorizacion,
      fechaAutorizacion: doc.fechaAutorizacion,
      ultimoMensajeSri: doc.lastSriMessage,
      historial: history.all(id).map((h) => ({
        desde: h.desde,
        hacia: h.hacia,
        en: h.en,
        origen: h.origen,
        detalle: h.detalle,
        mensajesSri: h.mensajes === null ? null : JSON.parse(h.mensajes),
      })),
      impresiones: prints.all(id).map(({ tipo, guardadoPdf, ...p }) => ({
        ...p,
        resultado: resultadoDe({
          id: p.id,
          documentId: id,
          kind: tipo,
          status: p.estado,
          lastError: p.ultimoError,
          savedAsPdf: guardadoPdf === 1,
        }),
      })),
    });
  };
};
