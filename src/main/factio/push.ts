/**
 * A local document as Factio's POST /documents body (seed fields + the POS extension of
 * docs/hosted-api.md §3) and as a status update. Amounts travel as exact decimal strings built
 * from integer cents and micro-units — never through a float.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { err, ok, type Result } from '../../shared/result';
import type { ActualizarEstadoFactio, CrearDocumentoFactio, EstadoFactio } from './api';
import { estadoFactioSchema } from './api';

/** @example centavosADecimal(1609) // '16.09' */
export const centavosADecimal = (cents: number): string => {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

/** @example microsADecimal(4_123_456) // '4.123456'; microsADecimal(2_000_000) // '2' */
export const microsADecimal = (micros: number): string => {
  const entero = Math.trunc(micros / 1_000_000);
  const fraccion = String(micros % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return fraccion === '' ? String(entero) : `${entero}.${fraccion}`;
};

/**
 * Our status as Factio's: the same names (docs/architecture.md §4), checked against the seed's enum so a
 * status Factio does not know can never be sent.
 */
export const estadoHaciaFactio = (estado: string): EstadoFactio | null => {
  const parsed = estadoFactioSchema.safeParse(estado);
  return parsed.success ? parsed.data : null;
};

/** Factio's status as ours (same names); null for one we do not know. */
export const estadoDesdeFactio = estadoHaciaFactio;

/** SRI `fechaAutorizacion` as ISO 8601 with offset, or null when it cannot be read. */
const fechaIso = (value: string | null): string | null => {
  if (value === null) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
};

type DocumentRow = {
  id: string;
  codDoc: '01' | '04';
  ambiente: '1' | '2';
  secuencial: number;
  claveAcceso: string;
  fechaEmision: string;
  buyerTipo: string;
  buyerIdentificacion: string;
  buyerRazonSocial: string;
  buyerEmail: string | null;
  buyerDireccion: string | null;
  subtotalCents: number;
  descuentoCents: number;
  ivaCents: number;
  propinaCents: number;
  totalCents: number;
  status: string;
  signedXml: string;
  numDocModificado: string | null;
  fechaEmisionDocSustento: string | null;
  motivo: string | null;
  numeroAutorizacion: string | null;
  fechaAutorizacion: string | null;
  lastSriMessage: string | null;
  remoteId: string | null;
  modifiedRemoteId: string | null;
  issuerRemoteId: string | null;
  establishmentRemoteId: string | null;
  emissionPointRemoteId: string | null;
};

export type DocumentoLocal = {
  id: string;
  status: string;
  remoteId: string | null;
  /** The current status, authorisation and last SRI message, as a PATCH body. */
  estado: ActualizarEstadoFactio;
  /** Null while the issuer/establishment/emission point have no Factio id (pull first). */
  cuerpo: CrearDocumentoFactio | null;
  faltaReferencia: string | null;
};

export type DocumentReader = (documentId: string) => Result<DocumentoLocal>;

/** Prepares the statements once; returns a reader of one document. */
export const createDocumentReader = (sqlite: BetterSqlite3.Database): DocumentReader => {
  const documentStmt = sqlite.prepare<[string], DocumentRow>(
    `SELECT d.id, d.cod_doc AS codDoc, d.ambiente, d.secuencial, d.clave_acceso AS claveAcceso,
            d.fecha_emision AS fechaEmision, d.buyer_tipo AS buyerTipo,
            d.buyer_identificacion AS buyerIdentificacion, d.buyer_razon_social AS buyerRazonSocial,
            d.buyer_email AS buyerEmail, d.buyer_direccion AS buyerDireccion,
            d.subtotal_cents AS subtotalCents, d.descuento_cents AS descuentoCents,
            d.iva_cents AS ivaCents, d.propina_cents AS propinaCents, d.total_cents AS totalCents, d.status, d.signed_xml AS signedXml,
            d.num_doc_modificado AS numDocModificado,
            d.fecha_emision_doc_sustento AS fechaEmisionDocSustento, d.motivo,
            d.numero_autorizacion AS numeroAutorizacion, d.fecha_autorizacion AS fechaAutorizacion,
            d.last_sri_message AS lastSriMessage, d.remote_id AS remoteId,
            m.remote_id AS modifiedRemoteId, i.remote_id AS issuerRemoteId,
            e.remote_id AS establishmentRemoteId, p.remote_id AS emissionPointRemoteId
     FROM document d
     JOIN emission_point p ON p.id = d.emission_point_id
     JOIN establishment e ON e.id = p.establishment_id
     JOIN issuer i ON i.id = e.issuer_id
     LEFT JOIN document m ON m.id = d.modified_document_id
     WHERE d.id = ?`,
  );
  const linesStmt = sqlite.prepare<
    [string],
    {
      lineNumber: number;
      codigoPrincipal: string;
      codigoAuxiliar: string | null;
      descripcion: string;
      cantidadMicro: number;
      precioUnitarioMicro: number;
      descuentoCents: number;
      subtotalCents: number;
      ivaCodigoPorcentaje: string;
    }
  >(
    `SELECT line_number AS lineNumber, codigo_principal AS codigoPrincipal,
            codigo_auxiliar AS codigoAuxiliar, descripcion, cantidad_micro AS cantidadMicro,
            precio_unitario_micro AS precioUnitarioMicro, descuento_cents AS descuentoCents,
            subtotal_cents AS subtotalCents, iva_codigo_porcentaje AS ivaCodigoPorcentaje
     FROM document_line WHERE document_id = ? ORDER BY line_number`,
  );
  const taxesStmt = sqlite.prepare<
    [string],
    {
      codigo: string;
      codigoPorcentaje: string;
      baseCents: number;
      tarifaBp: number;
      valorCents: number;
    }
  >(
    `SELECT codigo, codigo_porcentaje AS codigoPorcentaje, base_cents AS baseCents,
            tarifa_bp AS tarifaBp, valor_cents AS valorCents
     FROM document_tax WHERE document_id = ? ORDER BY codigo, codigo_porcentaje`,
  );
  const paymentsStmt = sqlite.prepare<[string], { formaPago: string; totalCents: number }>(
    `SELECT forma_pago AS formaPago, total_cents AS totalCents FROM document_payment
     WHERE document_id = ? ORDER BY rowid`,
  );

  return (documentId) => {
    const d = documentStmt.get(documentId);
    if (d === undefined) return err('documento_no_existe', 'El documento no existe.');
    const status = estadoHaciaFactio(d.status);
    if (status === null) {
      return err('estado_desconocido', `El estado «${d.status}» no existe en Factio.`);
    }
    const estado: ActualizarEstadoFactio = {
      status,
      authorization_number: d.numeroAutorizacion,
      authorization_date: fechaIso(d.fechaAutorizacion),
      detail: d.lastSriMessage === null ? null : d.lastSriMessage.slice(0, 1000),
    };
    const faltan = [
      d.issuerRemoteId === null ? 'el emisor' : null,
      d.establishmentRemoteId === null ? 'el establecimiento' : null,
      d.emissionPointRemoteId === null ? 'el punto de emisión' : null,
    ].filter((f): f is string => f !== null);
    const base = { id: d.id, status, remoteId: d.remoteId, estado };
    if (
      d.issuerRemoteId === null ||
      d.establishmentRemoteId === null ||
      d.emissionPointRemoteId === null
    ) {
      return ok({
        ...base,
        cuerpo: null,
        faltaReferencia: `Factio aún no tiene registrado ${faltan.join(', ')} de este equipo; se enviará al sincronizar los datos de la tienda.`,
      });
    }
    const cuerpo: CrearDocumentoFactio = {
      issuer_id: d.issuerRemoteId,
      establishment_id: d.establishmentRemoteId,
      emission_point_id: d.emissionPointRemoteId,
      document_type: d.codDoc,
      issue_date: d.fechaEmision,
      // Seed: "subtotal before taxes and discounts"; total = subtotal - discount + tax.
      subtotal: centavosADecimal(d.subtotalCents + d.descuentoCents),
      total_discount: centavosADecimal(d.descuentoCents),
      total_tax: centavosADecimal(d.ivaCents),
      total: centavosADecimal(d.totalCents),
      numeric_code: d.claveAcceso.slice(39, 47),
      lines: linesStmt.all(documentId).map((l) => ({
        line_number: l.lineNumber,
        description: l.descripcion,
        quantity: microsADecimal(l.cantidadMicro),
        unit_price: microsADecimal(l.precioUnitarioMicro),
        subtotal: centavosADecimal(l.subtotalCents),
        discount: centavosADecimal(l.descuentoCents),
        main_code: l.codigoPrincipal === '' ? null : l.codigoPrincipal,
        aux_code: l.codigoAuxiliar,
        tax_code: '2',
        tax_rate_code: l.ivaCodigoPorcentaje,
      })),
      taxes: taxesStmt.all(documentId).map((t) => ({
        tax_code: t.codigo,
        tax_rate_code: t.codigoPorcentaje,
        taxable_base: centavosADecimal(t.baseCents),
        rate: t.tarifaBp / 100,
        tax_amount: centavosADecimal(t.valorCents),
      })),
      buyer_id_type: d.buyerTipo,
      // As in the signed XML, consumidor final included (07, 9999999999999).
      buyer_id: d.buyerIdentificacion,
      buyer_name: d.buyerRazonSocial,
      buyer_email: d.buyerEmail,
      buyer_address: d.buyerDireccion,
      modified_document_id: d.modifiedRemoteId,
      modified_document_type: d.codDoc === '04' ? '01' : null,
      modified_document_number: d.numDocModificado,
      modified_document_issue_date: d.fechaEmisionDocSustento,
      reason: d.motivo,
      idempotency_key: d.id,
      payments: paymentsStmt.all(documentId).map((p, i) => ({
        line_number: i + 1,
        payment_method_code: p.formaPago,
        total: centavosADecimal(p.totalCents),
      })),
      origin: 'pos',
      tip: centavosADecimal(d.propinaCents),
      environment: d.ambiente,
      sequential: String(d.secuencial).padStart(9, '0'),
      access_key: d.claveAcceso,
      signed_xml: d.signedXml,
      status,
      authorization_number: estado.authorization_number,
      authorization_date: estado.authorization_date,
    };
    return ok({ ...base, cuerpo, faltaReferencia: null });
  };
};
