/** Reads for credit notes: the invoice search and what each invoice line still has to return. */
import type BetterSqlite3 from 'better-sqlite3';
import type { FacturaEncontrada } from '../../shared/contract/notasCredito';
import { CONSUMIDOR_FINAL } from '../fiscal';
import { numeroDe } from '../ventas';
import { disponible, type LineaAcreditable, type TarifaAcreditable } from './lineas';

export type FacturaFila = {
  id: string;
  estab: string;
  ptoEmi: string;
  secuencial: number;
  claveAcceso: string;
  fechaEmision: string;
  buyerTipo: string;
  buyerIdentificacion: string;
  buyerRazonSocial: string;
  buyerEmail: string | null;
  buyerDireccion: string | null;
  buyerTelefono: string | null;
  totalCents: number;
  status: string;
};

export type LineaFila = LineaAcreditable & { productUnit: string | null };

const COLUMNAS_FACTURA = `d.id, d.estab, d.pto_emi AS ptoEmi, d.secuencial, d.clave_acceso AS claveAcceso,
  d.fecha_emision AS fechaEmision, d.buyer_tipo AS buyerTipo, d.buyer_identificacion AS buyerIdentificacion,
  d.buyer_razon_social AS buyerRazonSocial, d.buyer_email AS buyerEmail, d.buyer_direccion AS buyerDireccion,
  d.buyer_telefono AS buyerTelefono, d.total_cents AS totalCents, d.status`;

/** Notes that count against an invoice: all but those the SRI will never accept. */
const NOTA_VIGENTE = "nc.status NOT IN ('REJECTED', 'FAILED_PERMANENT')";
const NOTA_AUTORIZADA = "nc.status = 'AUTHORIZED'";

const lineasSql = (filtroNota: string) => `
  SELECT l.line_number AS linea, l.codigo_principal AS codigoPrincipal, l.codigo_auxiliar AS codigoAuxiliar,
    l.descripcion, l.unidad_medida AS unidadMedida, l.cantidad_micro AS cantidadMicros,
    l.precio_unitario_micro AS precioUnitarioMicros, l.descuento_cents AS descuentoCentavos,
    l.subtotal_cents AS subtotalCentavos, l.iva_codigo_porcentaje AS ivaCodigoPorcentaje,
    l.tarifa_bp AS tarifaBp, l.iva_cents AS ivaCentavos, p.unit AS productUnit,
    COALESCE(SUM(nl.cantidad_micro), 0) AS devueltaMicros,
    COALESCE(SUM(nl.subtotal_cents), 0) AS baseDevueltaCentavos,
    COALESCE(SUM(nl.iva_cents), 0) AS ivaDevueltoCentavos
  FROM document_line l
  LEFT JOIN product p ON p.id = l.product_id
  LEFT JOIN document nc ON nc.modified_document_id = l.document_id AND nc.cod_doc = '04' AND ${filtroNota}
  LEFT JOIN document_line nl ON nl.document_id = nc.id AND nl.line_number = l.line_number
  WHERE l.document_id = ?
  GROUP BY l.id
  ORDER BY l.line_number`;

/** The factura's IVA per rate and what the counted notes already credited of each. */
const tarifasSql = `
  SELECT t.codigo_porcentaje AS codigoPorcentaje, t.base_cents AS baseCentavos,
    t.valor_cents AS ivaCentavos, t.tarifa_bp AS tarifaBp,
    COALESCE(SUM(nt.base_cents), 0) AS baseDevueltaCentavos,
    COALESCE(SUM(nt.valor_cents), 0) AS ivaDevueltoCentavos
  FROM document_tax t
  LEFT JOIN document nc ON nc.modified_document_id = t.document_id AND nc.cod_doc = '04' AND ${NOTA_VIGENTE}
  LEFT JOIN document_tax nt ON nt.document_id = nc.id AND nt.codigo = t.codigo
    AND nt.codigo_porcentaje = t.codigo_porcentaje
  WHERE t.document_id = ? AND t.codigo = '2'
  GROUP BY t.codigo_porcentaje
  ORDER BY t.codigo_porcentaje`;

export const prepararConsultas = (sqlite: BetterSqlite3.Database) => {
  const sql = {
    factura: sqlite.prepare<[string], FacturaFila>(
      `SELECT ${COLUMNAS_FACTURA} FROM document d WHERE d.id = ? AND d.cod_doc = '01'`,
    ),
    lineas: sqlite.prepare<[string], LineaFila>(lineasSql(NOTA_VIGENTE)),
    lineasAutorizadas: sqlite.prepare<[string], LineaFila>(lineasSql(NOTA_AUTORIZADA)),
    tarifas: sqlite.prepare<[string], TarifaAcreditable>(tarifasSql),
    notas: sqlite.prepare<
      [string],
      {
        id: string;
        estab: string;
        ptoEmi: string;
        secuencial: number;
        fechaEmision: string;
        estado: string;
        totalCentavos: number;
        motivo: string;
      }
    >(
      `SELECT id, estab, pto_emi AS ptoEmi, secuencial, fecha_emision AS fechaEmision, status AS estado,
         total_cents AS totalCentavos, motivo
       FROM document WHERE modified_document_id = ? AND cod_doc = '04' ORDER BY secuencial`,
    ),
    formasPago: sqlite.prepare<[string], { formaPago: string }>(
      'SELECT DISTINCT forma_pago AS formaPago FROM document_payment WHERE document_id = ? ORDER BY forma_pago',
    ),
  };

  /** Why a nota de crédito cannot cite this invoice, or null when it can. */
  const noElegible = (f: FacturaFila, lineas: readonly LineaFila[]): string | null => {
    if (f.buyerTipo === CONSUMIDOR_FINAL.tipoIdentificacion) {
      return 'Es una factura a consumidor final: no admite notas de crédito.';
    }
    if (f.status === 'VOIDED_BY_NC') {
      return 'Esta factura ya fue anulada por una nota de crédito.';
    }
    if (f.status !== 'AUTHORIZED') {
      return `La factura aún no está autorizada por el SRI (estado ${f.status}); solo se emiten notas de crédito sobre facturas autorizadas.`;
    }
    if (lineas.every((l) => disponible(l) === 0)) {
      return 'Ya se devolvió todo lo facturado: no queda nada por acreditar.';
    }
    return null;
  };

  const resumen = (f: FacturaFila): FacturaEncontrada => ({
    id: f.id,
    numero: numeroDe(f.estab, f.ptoEmi, f.secuencial),
    claveAcceso: f.claveAcceso,
    fechaEmision: f.fechaEmision,
    comprador: {
      tipoIdentificacion: f.buyerTipo,
      identificacion: f.buyerIdentificacion,
      razonSocial: f.buyerRazonSocial,
    },
    totalCentavos: f.totalCents,
    estado: f.status,
    noElegible: noElegible(f, sql.lineas.all(f.id)),
  });

  /**
   * Invoices by number (`001-001-000000123`), clave de acceso (49 digits), buyer id or
   * secuencial (digits), buyer name (text), and/or emission date; newest first, at most 50.
   */
  const buscar = (texto: string, fecha: string | undefined): FacturaEncontrada[] => {
    const condiciones: string[] = ["d.cod_doc = '01'"];
    const params: (string | number)[] = [];
    const t = texto.trim();
    const numero = /^(\d{3})-(\d{3})-(\d{1,9})$/.exec(t);
    if (numero !== null) {
      condiciones.push('d.estab = ? AND d.pto_emi = ? AND d.secuencial = ?');
      params.push(numero[1] ?? '', numero[2] ?? '', Number(numero[3]));
    } else if (/^\d{49}$/.test(t)) {
      condiciones.push('d.clave_acceso = ?');
      params.push(t);
    } else if (/^\d{1,9}$/.test(t)) {
      condiciones.push('(d.buyer_identificacion = ? OR d.secuencial = ?)');
      params.push(t, Number(t));
    } else if (/^\d+$/.test(t)) {
      condiciones.push('d.buyer_identificacion = ?');
      params.push(t);
    } else if (t.length > 0) {
      condiciones.push("d.buyer_razon_social LIKE ? ESCAPE '\\'");
      params.push(`%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    if (fecha !== undefined) {
      condiciones.push('d.fecha_emision = ?');
      params.push(fecha);
    }
    const filas = sqlite
      .prepare<(string | number)[], FacturaFila>(
        `SELECT ${COLUMNAS_FACTURA} FROM document d WHERE ${condiciones.join(' AND ')}
         ORDER BY d.fecha_emision DESC, d.secuencial DESC LIMIT 50`,
      )
      .all(...params);
    return filas.map(resumen);
  };

  return { sql, noElegible, resumen, buscar };
};

export type Consultas = ReturnType<typeof prepararConsultas>;
