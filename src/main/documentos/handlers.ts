import type BetterSqlite3 from 'better-sqlite3';
import { err, ok } from '../../shared/result';
import { parseRide, renderRidePdf } from '../print';
import type { HandlerGroup } from '../rpc';
import { createDocumentReader } from './detalle';

/** `documentos.*` calls: what Conciliación and the checkout need to know about a document. */
export const createDocumentosHandlers = (deps: {
  sqlite: BetterSqlite3.Database;
  logo?: () => Uint8Array | null;
}): HandlerGroup<'documentos.obtener' | 'documentos.ride'> => {
  const leer = createDocumentReader(deps.sqlite);
  const xmlDe = deps.sqlite.prepare<
    [string],
    {
      xml: string;
      numeroAutorizacion: string | null;
      fechaAutorizacion: string | null;
      codDoc: string;
      numero: string;
    }
  >(
    `SELECT signed_xml AS xml, numero_autorizacion AS numeroAutorizacion,
            fecha_autorizacion AS fechaAutorizacion, cod_doc AS codDoc,
            estab || '-' || pto_emi || '-' || printf('%09d', secuencial) AS numero
     FROM document WHERE id = ?`,
  );
  return {
    'documentos.obtener': ({ id }) => leer(id),
    'documentos.ride': async ({ id, formato }) => {
      const doc = xmlDe.get(id);
      if (doc === undefined) {
        return err('documento_no_existe', 'No existe un documento con ese identificador.', 'id');
      }
      const ride = parseRide(doc.xml, {
        ...(doc.numeroAutorizacion === null ? {} : { numeroAutorizacion: doc.numeroAutorizacion }),
        ...(doc.fechaAutorizacion === null ? {} : { fechaAutorizacion: doc.fechaAutorizacion }),
      });
      if (!ride.ok) return ride;
      const pdf = await renderRidePdf(ride.value, { formato, logo: deps.logo?.() ?? null });
      const tipo = doc.codDoc === '04' ? 'nota-credito' : 'factura';
      return ok({
        nombre: `${tipo}-${doc.numero}.pdf`,
        pdfBase64: Buffer.from(pdf).toString('base64'),
      });
    },
  };
};
