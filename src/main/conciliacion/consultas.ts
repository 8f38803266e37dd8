/**
 * Conciliación's reads over a large store (docs/architecture.md §12: ≤ 50 ms with 1M documents). The list
 * pages by key (fecha_emision, id) — never OFFSET — and every filter has an index that ends in
 * those two columns, so a page is read in order straight from an index. A status filter reads
 * each status through (status, fecha_emision, id), in order, and merges them: SQLite cannot
 * keep index order across `status IN (…)`, and leaving the choice to the planner sorted
 * thousands of rows for rare combinations. A buyer (other than consumidor final) has few
 * documents, so their index wins over any status.
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  type Atascados,
  type Conteos,
  type CursorDocumentos,
  type DocumentoFila,
  ESTADOS_ATASCADOS,
  type FiltroDocumentos,
  GRUPOS,
  GRUPOS_ESTADO,
  type GrupoEstado,
  type PaginaDocumentos,
  type ResumenDiario,
} from '../../shared/contract/conciliacion';
import { FORMAS_PAGO, resultadoDe } from '../print';
import { condicionCorreo, createEntregasConciliacion } from './entregas';

/** Consumidor final buys half of everything: its index narrows nothing. */
const CONSUMIDOR_FINAL = '9999999999999';

/** Not counted in the daily totals: given up, or cancelled at the SRI. */
export const ESTADOS_SIN_EFECTO = ['FAILED_PERMANENT', 'CANCELLED'] as const;

type Params = Record<string, string | number>;
type Where = { clauses: string[]; params: Params; hint: string };

const estadosDe = (estado: FiltroDocumentos['estado']): readonly string[] => {
  if (estado === undefined) return [];
  return (GRUPOS as readonly string[]).includes(estado)
    ? GRUPOS_ESTADO[estado as GrupoEstado]
    : [estado];
};

type Fila = {
  id: string;
  codDoc: '01' | '04';
  estab: string;
  ptoEmi: string;
  secuencial: number;
  claveAcceso: string;
  fechaEmision: string;
  estado: string;
  identificacion: string;
  razonSocial: string;
  totalCents: number;
  ultimoMensajeSri: string | null;
  creadoEn: string;
  actualizadoEn: string;
};

export const COLUMNAS_FILA = `id, cod_doc AS codDoc, estab, pto_emi AS ptoEmi, secuencial,
  clave_acceso AS claveAcceso, fecha_emision AS fechaEmision, status AS estado,
  buyer_identificacion AS identificacion, buyer_razon_social AS razonSocial,
  total_cents AS totalCents, last_sri_message AS ultimoMensajeSri, created_at AS creadoEn,
  updated_at AS actualizadoEn`;

export const numeroDe = (estab: string, ptoEmi: string, secuencial: number): string =>
  `${estab}-${ptoEmi}-${String(secuencial).padStart(9, '0')}`;

const aFila = (
  f: Fila,
  entrega: DocumentoFila['entrega'] = null,
  impresion: DocumentoFila['impresion'] = null,
): DocumentoFila => ({
  id: f.id,
  codDoc: f.codDoc,
  numero: numeroDe(f.estab, f.ptoEmi, f.secuencial),
  claveAcceso: f.claveAcceso,
  fechaEmision: f.fechaEmision,
  estado: f.estado,
  comprador: { identificacion: f.identificacion, razonSocial: f.razonSocial },
  totalCentavos: f.totalCents,
  ultimoMensajeSri: f.ultimoMensajeSri,
  creadoEn: f.creadoEn,
  actualizadoEn: f.actualizadoEn,
  entrega,
  impresion,
});

type UltimoTrabajo = {
  id: number;
  kind: 'ride' | 'reprint' | 'test' | 'z_report';
  status: 'pending' | 'printing' | 'done' | 'failed';
  lastError: string | null;
  savedAsPdf: number;
};

export type ConsultasConciliacion = ReturnType<typeof createConsultas>;

/** @example const q = createConsultas(db.sqlite); q.listar({ desde, hasta }, null, 100) */
export const createConsultas = (sqlite: BetterSqlite3.Database) => {
  // A handful of filter combinations: each distinct SQL text is prepared once.
  const cache = new Map<string, BetterSqlite3.Statement>();
  const entregas = createEntregasConciliacion(sqlite);
  const stmt = (sql: string): BetterSqlite3.Statement => {
    let s = cache.get(sql);
    if (s === undefined) {
      s = sqlite.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };

  /** Filters other than status, as SQL on `document`. */
  const base = (f: Omit<FiltroDocumentos, 'estado'>): Where => {
    const clauses = ['fecha_emision BETWEEN @desde AND @hasta'];
    const params: Params = { desde: f.desde, hasta: f.hasta };
    if (f.puntoEmisionId !== undefined) {
      clauses.push('emission_point_id = @punto');
      params.punto = f.puntoEmisionId;
    }
    if (f.codDoc !== undefined) {
      clauses.push('cod_doc = @codDoc');
      params.codDoc = f.codDoc;
    }
    if (f.comprador !== undefined) {
      clauses.push('buyer_identificacion = @comprador');
      params.comprador = f.comprador;
    }
    if (f.correo !== undefined) {
      clauses.push(condicionCorreo(f.correo));
      if (f.correo !== 'sin_correo') params.correo = f.correo;
    }
    return { clauses, params, hint: '' };
  };

  const enLista = (columna: string, valores: readonly string[], params: Params, pre: string) => {
    const nombres = valores.map((v, i) => {
      params[`${pre}${i}`] = v;
      return `@${pre}${i}`;
    });
    return `${columna} IN (${nombres.join(', ')})`;
  };

  /** The WHERE of the export and the count: statuses as a plain filter. */
  const where = (f: FiltroDocumentos): Where => {
    const w = base(f);
    const estados = estadosDe(f.estado);
    if (estados.length > 0) w.clauses.push(enLista('status', estados, w.params, 'e'));
    return w;
  };

  const pagina = (w: Where, cursor: CursorDocumentos | null, limite: number): Fila[] => {
    const clauses = [...w.clauses];
    const params: Params = { ...w.params, limite };
    if (cursor !== null) {
      clauses.push('(fecha_emision, id) < (@cFecha, @cId)');
      params.cFecha = cursor.fechaEmision;
      params.cId = cursor.id;
    }
    return stmt(
      `SELECT ${COLUMNAS_FILA} FROM document ${w.hint} WHERE ${clauses.join(' AND ')}
       ORDER BY fecha_emision DESC, id DESC LIMIT @limite`,
    ).all(params) as Fila[];
  };

  const despues = (a: Fila, b: Fila): number =>
    a.fechaEmision === b.fechaEmision
      ? a.id < b.id
        ? 1
        : a.id > b.id
          ? -1
          : 0
      : a.fechaEmision < b.fechaEmision
        ? 1
        : -1;

  // Only the page's rows ask (≤ a few hundred index probes on print_job_document_idx).
  const ultimoTrabajo = sqlite.prepare<[string], UltimoTrabajo>(
    `SELECT id, kind, status, last_error AS lastError, saved_as_pdf AS savedAsPdf
     FROM print_job WHERE document_id = ? ORDER BY id DESC LIMIT 1`,
  );
  const impresionDe = (documentId: string): DocumentoFila['impresion'] => {
    const t = ultimoTrabajo.get(documentId);
    return t === undefined
      ? null
      : resultadoDe({ ...t, documentId, savedAsPdf: t.savedAsPdf === 1 });
  };

  const listar = (
    filtro: FiltroDocumentos,
    cursor: CursorDocumentos | null,
    limite: number,
  ): PaginaDocumentos => {
    const estados = estadosDe(filtro.estado);
    const porComprador = filtro.comprador !== undefined && filtro.comprador !== CONSUMIDOR_FINAL;
    let filas: Fila[];
    if (estados.length === 0 || porComprador) {
      const w = where(filtro);
      if (porComprador) w.hint = 'INDEXED BY document_buyer_fecha_idx';
      filas = pagina(w, cursor, limite + 1);
    } else {
      // One ordered read per status, then the newest `limite + 1` of their union.
      filas = estados
        .flatMap((estado) => {
          const w = base(filtro);
          w.clauses.push('status = @estado');
          w.params.estado = estado;
          w.hint = 'INDEXED BY document_status_fecha_idx';
          return pagina(w, cursor, limite + 1);
        })
        .sort(despues)
        .slice(0, limite + 1);
    }
    const hayMas = filas.length > limite;
    const visibles = hayMas ? filas.slice(0, limite) : filas;
    const ultima = visibles.at(-1);
    const deLaPagina = entregas.de(visibles.map((f) => f.id));
    return {
      documentos: visibles.map((f) => aFila(f, deLaPagina.get(f.id) ?? null, impresionDe(f.id))),
      siguiente:
        hayMas && ultima !== undefined
          ? { fechaEmision: ultima.fechaEmision, id: ultima.id }
          : null,
    };
  };

  /** Every filtered row in list order, for the CSV export. */
  const recorrer = (filtro: FiltroDocumentos): IterableIterator<Fila & ExtraCsv> => {
    const w = where(filtro);
    return stmt(
      `SELECT ${COLUMNAS_FILA}, subtotal_cents AS subtotalCents, iva_cents AS ivaCents,
              numero_autorizacion AS numeroAutorizacion, fecha_autorizacion AS fechaAutorizacion
       FROM document ${w.hint} WHERE ${w.clauses.join(' AND ')}
       ORDER BY fecha_emision DESC, id DESC`,
    ).iterate(w.params) as IterableIterator<Fila & ExtraCsv>;
  };

  const contar = (filtro: FiltroDocumentos): number => {
    const w = where(filtro);
    const { n } = stmt(
      `SELECT COUNT(*) AS n FROM document ${w.hint} WHERE ${w.clauses.join(' AND ')}`,
    ).get(w.params) as { n: number };
    return n;
  };

  /**
   * Without an ORDER BY to guide it, the planner may read a point's documents through the
   * numbering index (all of them, every day): name the index that bounds the dates.
   */
  const indiceSinOrden = (f: Omit<FiltroDocumentos, 'estado'>): string =>
    f.comprador !== undefined
      ? 'INDEXED BY document_buyer_fecha_idx'
      : f.puntoEmisionId !== undefined
        ? 'INDEXED BY document_point_fecha_id_idx'
        : '';

  const conteos = (filtro: FiltroDocumentos): Conteos => {
    const w = base(filtro);
    // Without a buyer, the per-day counts the triggers keep (migration 0003) answer any range
    // in a few hundred rows; a buyer's documents are few enough to count one by one, and the
    // e-mail filter has no per-day count, so it counts through the dates' index.
    const filas = (
      filtro.comprador === undefined && filtro.correo === undefined
        ? stmt(
            `SELECT status AS estado, SUM(n) AS n FROM document_day_count
             WHERE ${w.clauses.join(' AND ')} GROUP BY status HAVING SUM(n) > 0`,
          )
        : stmt(
            `SELECT status AS estado, COUNT(*) AS n FROM document ${indiceSinOrden(filtro)}
             WHERE ${w.clauses.join(' AND ')} GROUP BY status`,
          )
    ).all(w.params) as { estado: string; n: number }[];
    const porEstado: Record<string, number> = {};
    let total = 0;
    for (const f of filas) {
      porEstado[f.estado] = f.n;
      total += f.n;
    }
    const suma = (g: GrupoEstado) =>
      GRUPOS_ESTADO[g].reduce((acc, e) => acc + (porEstado[e] ?? 0), 0);
    return {
      total,
      porEstado,
      porGrupo: {
        pendientes: suma('pendientes'),
        con_error: suma('con_error'),
        autorizados: suma('autorizados'),
      },
    };
  };

  const resumen = (desde: string, hasta: string, puntoEmisionId?: string): ResumenDiario => {
    // The per-day sums the triggers keep (migration 0005): a few rows per day, whatever the
    // store's size. `vale = 0` holds the documents that do not count (ESTADOS_SIN_EFECTO).
    const params: Params = { desde, hasta };
    const clauses = ['fecha_emision BETWEEN @desde AND @hasta'];
    if (puntoEmisionId !== undefined) {
      clauses.push('emission_point_id = @punto');
      params.punto = puntoEmisionId;
    }
    const donde = clauses.join(' AND ');
    const tipos = stmt(
      `SELECT cod_doc AS codDoc, SUM(n) AS cantidad, SUM(subtotal_cents) AS subtotal,
              SUM(iva_cents) AS iva, SUM(total_cents) AS total
       FROM document_day_total WHERE ${donde} AND vale = 1 GROUP BY cod_doc`,
    ).all(params) as {
      codDoc: string;
      cantidad: number;
      subtotal: number;
      iva: number;
      total: number;
    }[];
    const iva = stmt(
      `SELECT cod_doc AS codDoc, codigo_porcentaje AS codigoPorcentaje, tarifa_bp AS tarifa,
              SUM(base_cents) AS base, SUM(valor_cents) AS valor
       FROM document_day_tax WHERE ${donde} AND vale = 1 AND codigo = '2'
       GROUP BY cod_doc, codigo_porcentaje, tarifa_bp HAVING SUM(base_cents) <> 0 OR SUM(valor_cents) <> 0`,
    ).all(params) as {
      codDoc: string;
      codigoPorcentaje: string;
      tarifa: number;
      base: number;
      valor: number;
    }[];
    const pagos = stmt(
      `SELECT cod_doc AS codDoc, forma_pago AS formaPago, SUM(total_cents) AS total
       FROM document_day_payment WHERE ${donde} AND vale = 1
       GROUP BY cod_doc, forma_pago HAVING SUM(total_cents) <> 0`,
    ).all(params) as { codDoc: string; formaPago: string; total: number }[];
    const sinEfecto = stmt(
      `SELECT COALESCE(SUM(n), 0) AS n FROM document_day_total WHERE ${donde} AND vale = 0`,
    ).get(params) as { n: number };

    const totales = (codDoc: string) => {
      const t = tipos.find((x) => x.codDoc === codDoc);
      return {
        cantidad: t?.cantidad ?? 0,
        subtotalCentavos: t?.subtotal ?? 0,
        ivaCentavos: t?.iva ?? 0,
        totalCentavos: t?.total ?? 0,
      };
    };
    const facturas = totales('01');
    const notasCredito = totales('04');

    const tarifas = new Map<string, ResumenDiario['porIva'][number]>();
    for (const r of iva) {
      const clave = `${r.codigoPorcentaje}|${r.tarifa}`;
      const fila = tarifas.get(clave) ?? {
        codigoPorcentaje: r.codigoPorcentaje,
        tarifa: r.tarifa,
        facturas: { baseCentavos: 0, ivaCentavos: 0 },
        notasCredito: { baseCentavos: 0, ivaCentavos: 0 },
        neto: { baseCentavos: 0, ivaCentavos: 0 },
      };
      const lado = r.codDoc === '04' ? fila.notasCredito : fila.facturas;
      lado.baseCentavos += r.base;
      lado.ivaCentavos += r.valor;
      fila.neto.baseCentavos = fila.facturas.baseCentavos - fila.notasCredito.baseCentavos;
      fila.neto.ivaCentavos = fila.facturas.ivaCentavos - fila.notasCredito.ivaCentavos;
      tarifas.set(clave, fila);
    }
    const formas = new Map<string, ResumenDiario['porFormaPago'][number]>();
    for (const r of pagos) {
      const fila = formas.get(r.formaPago) ?? {
        formaPago: r.formaPago,
        nombre: FORMAS_PAGO[r.formaPago] ?? r.formaPago,
        facturasCentavos: 0,
        notasCreditoCentavos: 0,
        netoCentavos: 0,
      };
      if (r.codDoc === '04') fila.notasCreditoCentavos += r.total;
      else fila.facturasCentavos += r.total;
      fila.netoCentavos = fila.facturasCentavos - fila.notasCreditoCentavos;
      formas.set(r.formaPago, fila);
    }
    return {
      desde,
      hasta,
      facturas,
      notasCredito,
      neto: {
        subtotalCentavos: facturas.subtotalCentavos - notasCredito.subtotalCentavos,
        ivaCentavos: facturas.ivaCentavos - notasCredito.ivaCentavos,
        totalCentavos: facturas.totalCentavos - notasCredito.totalCentavos,
      },
      porIva: [...tarifas.values()].sort((a, b) =>
        a.codigoPorcentaje.localeCompare(b.codigoPorcentaje),
      ),
      porFormaPago: [...formas.values()].sort((a, b) => a.formaPago.localeCompare(b.formaPago)),
      excluidos: { cantidad: sinEfecto.n, estados: [...ESTADOS_SIN_EFECTO] },
      correosSinEntregar: entregas.sinEntregar(desde, hasta, puntoEmisionId),
    };
  };

  const atascados = (ahora: Date, minutos: number): Atascados => {
    const params: Params = {};
    const enRevision = enLista('status', ESTADOS_ATASCADOS, params, 'a');
    const porEstado = stmt(
      `SELECT status AS estado, COUNT(*) AS n FROM document WHERE ${enRevision} GROUP BY status`,
    ).all(params) as { estado: string; n: number }[];
    const cuenta = (e: string) => porEstado.find((x) => x.estado === e)?.n ?? 0;
    const pParams: Params = {
      limite: new Date(ahora.getTime() - minutos * 60_000).toISOString(),
    };
    const pendientes = enLista('status', GRUPOS_ESTADO.pendientes, pParams, 'p');
    const demorados = stmt(
      `SELECT COUNT(*) AS n FROM document WHERE ${pendientes} AND created_at < @limite`,
    ).get(pParams) as { n: number };
    const antiguo = (sql: string, p: Params) =>
      stmt(sql).get(p) as
        | {
            id: string;
            estab: string;
            ptoEmi: string;
            secuencial: number;
            estado: string;
            desde: string;
          }
        | undefined;
    const columnas =
      'id, estab, pto_emi AS ptoEmi, secuencial, status AS estado, created_at AS desde';
    const primero =
      antiguo(
        `SELECT ${columnas} FROM document WHERE ${enRevision} ORDER BY fecha_emision, id LIMIT 1`,
        params,
      ) ??
      antiguo(
        `SELECT ${columnas} FROM document WHERE ${pendientes} AND created_at < @limite
         ORDER BY created_at LIMIT 1`,
        pParams,
      );
    const revisionManual = cuenta('MANUAL_REVIEW_REQUIRED');
    const rechazados = cuenta('REJECTED');
    return {
      total: revisionManual + rechazados + demorados.n,
      revisionManual,
      rechazados,
      demorados: demorados.n,
      minutos,
      masAntiguo:
        primero === undefined
          ? null
          : {
              id: primero.id,
              numero: numeroDe(primero.estab, primero.ptoEmi, primero.secuencial),
              estado: primero.estado,
              desde: primero.desde,
            },
    };
  };

  return { listar, recorrer, contar, conteos, resumen, atascados };
};

type ExtraCsv = {
  subtotalCents: number;
  ivaCents: number;
  numeroAutorizacion: string | null;
  fechaAutorizacion: string | null;
};
