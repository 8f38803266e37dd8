/**
 * What a sale and a nota de crédito share once the fiscal engine has built the comprobante:
 * reserving the secuencial, signing, and writing the signed document with its lines, taxes,
 * payments, first status-history row, outbox jobs (SRI and hosted API) and print job. Callers
 * run these inside their one SQLite transaction, so a failure anywhere writes nothing.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { AppError, Result } from '../../shared/result';
import type { IdGenerator, StoreConfiguration } from '../db';
import type { MarcaSecuenciales } from '../db/marcaSecuenciales';
import {
  type BorradorFactura,
  type Comprobante,
  ESTADO_INICIAL_EMISION,
  type LeyendaRimpe,
} from '../fiscal';
import { enqueueJob } from '../jobs';

/** Carries an expected failure out of a transaction so it rolls back. */
export class Abortar extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/** The value of `result`, or an `Abortar` that rolls the transaction back. */
export const exigir = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Abortar(result.error);
  return result.value;
};

const LEYENDAS: Record<string, LeyendaRimpe> = {
  RIMPE_EMPRENDEDOR: 'CONTRIBUYENTE RÉGIMEN RIMPE',
  RIMPE_NEGOCIO_POPULAR: 'CONTRIBUYENTE NEGOCIO POPULAR - RÉGIMEN RIMPE',
};

/** The issuer as the comprobante states it, from the active configuration. */
export const emisorDe = (config: StoreConfiguration): BorradorFactura['emisor'] => {
  const { issuer } = config;
  return {
    ruc: issuer.ruc,
    razonSocial: issuer.razonSocial,
    ...(issuer.nombreComercial ? { nombreComercial: issuer.nombreComercial } : {}),
    dirMatriz: issuer.direccionMatriz,
    obligadoContabilidad: issuer.obligadoContabilidad,
    ...(issuer.contribuyenteEspecial
      ? { contribuyenteEspecial: issuer.contribuyenteEspecial }
      : {}),
    ...(issuer.agenteRetencion ? { agenteRetencion: issuer.agenteRetencion } : {}),
    ...(issuer.regimen ? { contribuyenteRimpe: LEYENDAS[issuer.regimen] } : {}),
  };
};

/** estab-ptoEmi-secuencial, as printed: `001-001-000000042`. */
export const numeroDe = (estab: string, ptoEmi: string, secuencial: number): string =>
  `${estab}-${ptoEmi}-${String(secuencial).padStart(9, '0')}`;

/** A signed comprobante ready to be written, with what the XML does not say. */
export type DocumentoFirmado = {
  id: string;
  /** The sale it belongs to; null for a nota de crédito. */
  saleId: string | null;
  comprobante: Comprobante;
  signedXml: string;
  emissionPointId: string;
  /** ISO instant of emission (`created_at`, history, jobs). */
  at: string;
  /** Per line of the comprobante: the product sold (null when unknown). */
  productIds: readonly (string | null)[];
  /**
   * Per line: its `line_number`. A sale numbers 1..n; a nota de crédito keeps the number of the
   * factura line it credits, which is how returned quantities are tracked per invoice line.
   */
  lineNumbers?: readonly number[];
  /** Payments (factura) or the refund method (nota de crédito). */
  pagos: readonly { formaPago: string; total: number; entregado: number | null }[];
  /** Nota de crédito: the factura it modifies and why. */
  modifica?: { documentId: string; motivo: string };
  /** First history row's detail. */
  detalle: string;
  /** The user at the counter who emitted it (reports by cashier); null when unknown. */
  usuarioId?: string | null;
};

export type Persistencia = {
  /** Takes the next secuencial of (emission point, codDoc); the transaction makes it gap-free. */
  reservarSecuencial: (emissionPointId: string, codDoc: '01' | '04') => number;
  /** Writes the document and everything that follows from it; returns nothing, throws on bugs. */
  guardar: (doc: DocumentoFirmado) => void;
};

/** @example const p = createPersistencia(db.sqlite, ids); p.guardar({ id, saleId, comprobante, … }) */
export const createPersistencia = (
  sqlite: BetterSqlite3.Database,
  ids: IdGenerator,
  marca?: MarcaSecuenciales | undefined,
): Persistencia => {
  const sql = {
    reserve: sqlite.prepare<[string, string], { secuencial: number }>(
      `UPDATE sequence SET next_secuencial = next_secuencial + 1
       WHERE emission_point_id = ? AND cod_doc = ? RETURNING next_secuencial - 1 AS secuencial`,
    ),
    jump: sqlite.prepare<[number, string, string]>(
      'UPDATE sequence SET next_secuencial = ? WHERE emission_point_id = ? AND cod_doc = ?',
    ),
    defaultPrinter: sqlite.prepare<[], { id: string; paper: string; kind: string }>(
      'SELECT id, paper, kind FROM printer WHERE is_default = 1',
    ),
    insertDocument: sqlite.prepare(
      `INSERT INTO document (id, sale_id, cod_doc, version, ambiente, emission_point_id, estab, pto_emi,
         secuencial, clave_acceso, fecha_emision, buyer_tipo, buyer_identificacion, buyer_razon_social,
         buyer_email, buyer_direccion, buyer_telefono, subtotal_cents, descuento_cents, iva_cents,
         propina_cents, total_cents, status, signed_xml, modified_document_id, num_doc_modificado,
         fecha_emision_doc_sustento, motivo, user_id, created_at, updated_at)
       VALUES (@id, @saleId, @codDoc, @version, @ambiente, @emissionPointId, @estab, @ptoEmi,
         @secuencial, @claveAcceso, @fechaEmision, @buyerTipo, @buyerIdentificacion, @buyerRazonSocial,
         @buyerEmail, @buyerDireccion, @buyerTelefono, @subtotalCents, @descuentoCents, @ivaCents,
         @propinaCents, @totalCents, @status, @signedXml, @modifiedDocumentId, @numDocModificado,
         @fechaEmisionDocSustento, @motivo, @userId, @createdAt, @createdAt)`,
    ),
    insertLine: sqlite.prepare(
      `INSERT INTO document_line (id, document_id, line_number, product_id, codigo_principal,
         codigo_auxiliar, descripcion, unidad_medida, cantidad_micro, precio_unitario_micro,
         descuento_cents, subtotal_cents, iva_codigo_porcentaje, tarifa_bp, iva_cents)
       VALUES (@id, @documentId, @lineNumber, @productId, @codigoPrincipal, @codigoAuxiliar,
         @descripcion, @unidadMedida, @cantidadMicro, @precioUnitarioMicro, @descuentoCents,
         @subtotalCents, @ivaCodigoPorcentaje, @tarifaBp, @ivaCents)`,
    ),
    insertTax: sqlite.prepare(
      `INSERT INTO document_tax (document_id, codigo, codigo_porcentaje, base_cents, tarifa_bp, valor_cents)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    insertPayment: sqlite.prepare(
      `INSERT INTO document_payment (id, document_id, forma_pago, total_cents, tendered_cents)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    insertHistory: sqlite.prepare(
      `INSERT INTO document_status_history (document_id, from_status, to_status, at, source, detail)
       VALUES (?, NULL, ?, ?, 'local', ?)`,
    ),
    insertPrint: sqlite.prepare(
      `INSERT INTO print_job (document_id, kind, printer_id, format, next_attempt_at, created_at)
       VALUES (?, 'ride', ?, ?, ?, ?)`,
    ),
  };

  const reservarSecuencial = (emissionPointId: string, codDoc: '01' | '04'): number => {
    const reservado = sql.reserve.get(emissionPointId, codDoc);
    if (reservado === undefined) {
      throw new Error(`El punto de emisión ${emissionPointId} no tiene numeración ${codDoc}.`);
    }
    if (marca === undefined) return reservado.secuencial;
    // The mark outside the database is written before this transaction commits (issue 17 §4).
    const usar = marca.reservar(emissionPointId, codDoc, reservado.secuencial);
    if (usar !== reservado.secuencial) sql.jump.run(usar + 1, emissionPointId, codDoc);
    return usar;
  };

  const guardar = (doc: DocumentoFirmado): void => {
    const { comprobante, at, id: documentId } = doc;
    const c = comprobante.comprador;
    const nc = comprobante.tipo === 'notaCredito' ? comprobante : null;
    sql.insertDocument.run({
      id: documentId,
      saleId: doc.saleId,
      codDoc: comprobante.codDoc,
      version: comprobante.version,
      ambiente: comprobante.ambiente,
      emissionPointId: doc.emissionPointId,
      estab: comprobante.establecimiento.codigo,
      ptoEmi: comprobante.puntoEmision,
      secuencial: Number(comprobante.secuencial),
      claveAcceso: comprobante.claveAcceso,
      fechaEmision: comprobante.fechaEmision,
      buyerTipo: c.tipoIdentificacion,
      buyerIdentificacion: c.identificacion,
      buyerRazonSocial: c.razonSocial,
      buyerEmail: c.email ?? null,
      buyerDireccion: c.direccion ?? null,
      buyerTelefono: c.telefono ?? null,
      subtotalCents: comprobante.totales.totalSinImpuestos,
      descuentoCents: comprobante.totales.totalDescuento,
      ivaCents: comprobante.totales.totalImpuestos,
      propinaCents: comprobante.totales.propina,
      totalCents: comprobante.totales.importeTotal,
      status: ESTADO_INICIAL_EMISION,
      signedXml: doc.signedXml,
      modifiedDocumentId: doc.modifica?.documentId ?? null,
      numDocModificado: nc?.docModificado.numero ?? null,
      fechaEmisionDocSustento: nc?.docModificado.fechaEmision ?? null,
      motivo: nc?.motivo ?? null,
      userId: doc.usuarioId ?? null,
      createdAt: at,
    });
    for (const [i, linea] of comprobante.lineas.entries()) {
      sql.insertLine.run({
        id: ids.newId(),
        documentId,
        lineNumber: doc.lineNumbers?.[i] ?? i + 1,
        productId: doc.productIds[i] ?? null,
        codigoPrincipal: linea.codigoPrincipal ?? '',
        codigoAuxiliar: linea.codigoAuxiliar ?? null,
        descripcion: linea.descripcion,
        unidadMedida: linea.unidadMedida ?? null,
        cantidadMicro: linea.cantidad,
        precioUnitarioMicro: linea.precioUnitario,
        descuentoCents: linea.descuento,
        subtotalCents: linea.precioTotalSinImpuesto,
        ivaCodigoPorcentaje: linea.impuestoCalculado.codigoPorcentaje,
        tarifaBp: linea.impuestoCalculado.tarifa,
        ivaCents: linea.impuestoCalculado.valor,
      });
    }
    for (const impuesto of comprobante.totales.impuestos) {
      sql.insertTax.run(
        documentId,
        impuesto.codigo,
        impuesto.codigoPorcentaje,
        impuesto.baseImponible,
        impuesto.tarifa,
        impuesto.valor,
      );
    }
    for (const pago of doc.pagos) {
      sql.insertPayment.run(ids.newId(), documentId, pago.formaPago, pago.total, pago.entregado);
    }
    sql.insertHistory.run(documentId, ESTADO_INICIAL_EMISION, at, doc.detalle);
    // Two jobs: the SRI path, and the mirror to the hosted API (idempotency key = document id),
    // which waits until an API key is configured.
    enqueueJob(sqlite, 'sri', { documentId }, at);
    enqueueJob(sqlite, 'sync', { documentId }, at);
    const impresora = sql.defaultPrinter.get();
    sql.insertPrint.run(
      documentId,
      impresora?.id ?? null,
      impresora === undefined
        ? '80mm'
        : impresora.kind !== 'pdf_spooler'
          ? 'escpos'
          : impresora.paper,
      at,
      at,
    );
  };

  return { reservarSecuencial, guardar };
};
