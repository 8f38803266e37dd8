/**
 * The reports' reads (issue 21). Every figure comes from the per-day aggregates the triggers
 * keep (migrations 0003, 0005 and 0006_reportes), so a month or a year over a million documents
 * reads a few thousand rows. Products also have a per-month aggregate: whole months of a range
 * read it, the days at its ends read the per-day one (or the month minus the days left out,
 * when that is fewer days). The tax summary reads the taxes split by «authorized» and the money
 * per status, so the documents still on their way are left out and counted without a scan.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type {
  FiltroReportes,
  ProductoReporte,
  Reporte,
  ResumenTributario,
} from '../../shared/contract/reportes';
import { ESTADOS_DOCUMENTO } from '../../shared/estados';
import {
  diasDe,
  diasEntre,
  type Rango,
  rangoAnterior,
  rangoDelMes,
  sumarDias,
  sumarMeses,
} from '../../shared/periodos';
import { FORMAS_PAGO } from '../print';

/** Authorized and still with fiscal effect: a voided invoice stays (its credit note subtracts it). */
export const ESTADOS_AUTORIZADOS = [
  'AUTHORIZED',
  'VOIDED_BY_NC',
  'CANCELLATION_REQUESTED',
] as const;
/** Not counted anywhere (as in Conciliación): given up, or cancelled at the SRI. */
export const ESTADOS_SIN_EFECTO = ['FAILED_PERMANENT', 'CANCELLED'] as const;
/** Counted in the sales but not (yet) authorized: left out of the tax summary. */
export const ESTADOS_SIN_AUTORIZAR = ESTADOS_DOCUMENTO.filter(
  (e) =>
    !(ESTADOS_AUTORIZADOS as readonly string[]).includes(e) &&
    !(ESTADOS_SIN_EFECTO as readonly string[]).includes(e),
);
const ANULADOS = ['VOIDED_BY_NC', 'CANCELLED'];

/** How many products each ranking lists. */
export const TOP_PRODUCTOS = 10;

type Params = Record<string, string | number>;

/** `(total × 1) / n` rounded half up, in integers. */
const promedio = (total: number, n: number): number =>
  n === 0 ? 0 : Math.sign(total) * Math.floor((Math.abs(total) * 2 + n) / (2 * n));

const nombreCategoria = (codigoPorcentaje: string, tarifa: number) => {
  switch (codigoPorcentaje) {
    case '4':
      return { categoria: '15' as const, nombre: 'IVA 15 %' };
    case '5':
      return { categoria: '5' as const, nombre: 'IVA 5 %' };
    case '0':
      return { categoria: '0' as const, nombre: 'IVA 0 %' };
    case '6':
      return { categoria: 'no_objeto' as const, nombre: 'No objeto de IVA' };
    case '7':
      return { categoria: 'exento' as const, nombre: 'Exento de IVA' };
    default:
      return { categoria: 'otra' as const, nombre: `IVA ${tarifa / 100} %` };
  }
};

/** As the Z report says them: «Efectivo», and the SRI's other names in sentence case. */
const nombreFormaPago = (codigo: string): string => {
  if (codigo === '01') return 'Efectivo';
  const nombre = (FORMAS_PAGO[codigo] ?? codigo).toLowerCase();
  return nombre.charAt(0).toUpperCase() + nombre.slice(1);
};

/** The rows formulario 104 always has, even at zero, in its order. */
const TARIFAS_104: readonly { codigoPorcentaje: string; tarifa: number }[] = [
  { codigoPorcentaje: '4', tarifa: 1500 },
  { codigoPorcentaje: '5', tarifa: 500 },
  { codigoPorcentaje: '0', tarifa: 0 },
  { codigoPorcentaje: '6', tarifa: 0 },
  { codigoPorcentaje: '7', tarifa: 0 },
];

/**
 * A range cut into pieces the product aggregates answer: whole months, days to add, and days to
 * take away from a whole month (when a month is mostly inside the range).
 */
export const piezasDeRango = (
  r: Rango,
): { meses: string[]; sumarDias: Rango[]; restarDias: Rango[] } => {
  const meses: string[] = [];
  const sumar: Rango[] = [];
  const restar: Rango[] = [];
  let mes = r.desde.slice(0, 7);
  while (mes <= r.hasta.slice(0, 7)) {
    const m = rangoDelMes(mes);
    const dentro = {
      // AAAA-MM-DD strings sort as dates.
      desde: [m.desde, r.desde].sort()[1] as string,
      hasta: [m.hasta, r.hasta].sort()[0] as string,
    };
    const diasMes = diasEntre(m);
    const diasDentro = diasEntre(dentro);
    if (diasDentro === diasMes) meses.push(mes);
    else if (diasDentro * 2 <= diasMes) sumar.push(dentro);
    else {
      meses.push(mes);
      if (dentro.desde > m.desde)
        restar.push({ desde: m.desde, hasta: sumarDias(dentro.desde, -1) });
      if (dentro.hasta < m.hasta)
        restar.push({ desde: sumarDias(dentro.hasta, 1), hasta: m.hasta });
    }
    mes = sumarMeses(m.desde, 1).slice(0, 7);
  }
  return { meses, sumarDias: sumar, restarDias: restar };
};

export type ConsultasReportes = ReturnType<typeof createConsultasReportes>;

/** @example const q = createConsultasReportes(db.sqlite); q.reporte({ desde, hasta, comparar: 'semana' }) */
export const createConsultasReportes = (sqlite: BetterSqlite3.Database) => {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const stmt = (sql: string): BetterSqlite3.Statement => {
    let s = cache.get(sql);
    if (s === undefined) {
      s = sqlite.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };

  const donde = (r: Rango, punto: string | undefined, columna = 'fecha_emision') => {
    const params: Params = { desde: r.desde, hasta: r.hasta };
    let sql = `${columna} BETWEEN @desde AND @hasta`;
    if (punto !== undefined) {
      sql += ' AND emission_point_id = @punto';
      params.punto = punto;
    }
    return { sql, params };
  };

  const porHora = (r: Rango, punto?: string) => {
    const w = donde(r, punto);
    return stmt(
      `SELECT hora, SUM(n) AS n, SUM(total_cents) AS total FROM document_day_hour
       WHERE ${w.sql} AND vale = 1 AND cod_doc = '01' GROUP BY hora`,
    ).all(w.params) as { hora: number; n: number; total: number }[];
  };

  const porDia = (r: Rango, punto?: string) => {
    const w = donde(r, punto);
    return stmt(
      `SELECT fecha_emision AS fecha, cod_doc AS codDoc, SUM(n) AS n, SUM(total_cents) AS total
       FROM document_day_total WHERE ${w.sql} AND vale = 1 GROUP BY fecha_emision, cod_doc`,
    ).all(w.params) as { fecha: string; codDoc: string; n: number; total: number }[];
  };

  type FilaProducto = {
    codigo: string;
    codDoc: string;
    descripcion: string;
    cantidad: number;
    subtotal: number;
  };

  const productos = (r: Rango, punto?: string): ProductoReporte[] => {
    const piezas = piezasDeRango(r);
    const acumulado = new Map<string, ProductoReporte>();
    const sumar = (filas: FilaProducto[], signo: 1 | -1) => {
      for (const f of filas) {
        const p = acumulado.get(f.codigo) ?? {
          codigo: f.codigo,
          descripcion: f.descripcion,
          cantidadMicro: 0,
          ventasCentavos: 0,
          devueltoMicro: 0,
          devueltoCentavos: 0,
          netoCentavos: 0,
        };
        if (f.codDoc === '04') {
          p.devueltoMicro += signo * f.cantidad;
          p.devueltoCentavos += signo * f.subtotal;
        } else {
          p.cantidadMicro += signo * f.cantidad;
          p.ventasCentavos += signo * f.subtotal;
        }
        p.netoCentavos = p.ventasCentavos - p.devueltoCentavos;
        acumulado.set(f.codigo, p);
      }
    };
    // Summed in SQL: handing tens of thousands of rows to JS costs more than grouping them.
    const columnas = `codigo, cod_doc AS codDoc, MAX(descripcion) AS descripcion,
      SUM(cantidad_micro) AS cantidad, SUM(subtotal_cents) AS subtotal`;
    if (piezas.meses.length > 0) {
      const params: Params = {};
      const nombres = piezas.meses.map((m, i) => {
        params[`m${i}`] = m;
        return `@m${i}`;
      });
      let filtro = `mes IN (${nombres.join(', ')})`;
      if (punto !== undefined) {
        filtro += ' AND emission_point_id = @punto';
        params.punto = punto;
      }
      sumar(
        stmt(
          `SELECT ${columnas} FROM document_month_product WHERE ${filtro} AND vale = 1
           GROUP BY codigo, cod_doc`,
        ).all(params) as FilaProducto[],
        1,
      );
    }
    const dias = (rango: Rango) => {
      const w = donde(rango, punto);
      return stmt(
        `SELECT ${columnas} FROM document_day_product WHERE ${w.sql} AND vale = 1
         GROUP BY codigo, cod_doc`,
      ).all(w.params) as FilaProducto[];
    };
    for (const rango of piezas.sumarDias) sumar(dias(rango), 1);
    for (const rango of piezas.restarDias) sumar(dias(rango), -1);
    return [...acumulado.values()].filter(
      (p) =>
        p.cantidadMicro !== 0 ||
        p.ventasCentavos !== 0 ||
        p.devueltoMicro !== 0 ||
        p.devueltoCentavos !== 0,
    );
  };

  const catalogo = () =>
    stmt(
      'SELECT code AS codigo, description AS descripcion FROM product WHERE active = 1 ORDER BY code',
    ).all() as { codigo: string; descripcion: string }[];

  const porCajero = (r: Rango, punto?: string) => {
    const w = donde(r, punto);
    const filas = stmt(
      `SELECT a.user_id AS usuarioId, u.nombre AS nombre, a.cod_doc AS codDoc, a.status AS estado,
              SUM(a.n) AS n, SUM(a.total_cents) AS total
       FROM document_day_user a LEFT JOIN app_user u ON u.id = a.user_id
       WHERE ${w.sql.replaceAll('fecha_emision', 'a.fecha_emision').replace('emission_point_id', 'a.emission_point_id')}
       GROUP BY a.user_id, a.cod_doc, a.status HAVING SUM(a.n) <> 0`,
    ).all(w.params) as {
      usuarioId: string;
      nombre: string | null;
      codDoc: string;
      estado: string;
      n: number;
      total: number;
    }[];
    const cajeros = new Map<string, Reporte['porCajero'][number]>();
    for (const f of filas) {
      const c = cajeros.get(f.usuarioId) ?? {
        usuarioId: f.usuarioId === '' ? null : f.usuarioId,
        nombre: f.usuarioId === '' ? 'Sin cajero registrado' : (f.nombre ?? f.usuarioId),
        facturas: 0,
        ventasCentavos: 0,
        notasCredito: 0,
        notasCreditoCentavos: 0,
        ticketPromedioCentavos: 0,
        anulados: 0,
        revisionManual: 0,
      };
      const vale = !(ESTADOS_SIN_EFECTO as readonly string[]).includes(f.estado);
      if (vale && f.codDoc === '01') {
        c.facturas += f.n;
        c.ventasCentavos += f.total;
      } else if (vale) {
        c.notasCredito += f.n;
        c.notasCreditoCentavos += f.total;
      }
      if (ANULADOS.includes(f.estado)) c.anulados += f.n;
      if (f.estado === 'MANUAL_REVIEW_REQUIRED') c.revisionManual += f.n;
      c.ticketPromedioCentavos = promedio(c.ventasCentavos, c.facturas);
      cajeros.set(f.usuarioId, c);
    }
    return [...cajeros.values()].sort(
      (a, b) => b.ventasCentavos - a.ventasCentavos || a.nombre.localeCompare(b.nombre),
    );
  };

  const porFormaPago = (r: Rango, punto?: string) => {
    const w = donde(r, punto);
    const filas = stmt(
      `SELECT cod_doc AS codDoc, forma_pago AS formaPago, SUM(total_cents) AS total
       FROM document_day_payment WHERE ${w.sql} AND vale = 1
       GROUP BY cod_doc, forma_pago HAVING SUM(total_cents) <> 0`,
    ).all(w.params) as { codDoc: string; formaPago: string; total: number }[];
    const formas = new Map<string, Reporte['porFormaPago'][number]>();
    for (const f of filas) {
      const x = formas.get(f.formaPago) ?? {
        formaPago: f.formaPago,
        nombre: nombreFormaPago(f.formaPago),
        facturasCentavos: 0,
        notasCreditoCentavos: 0,
        netoCentavos: 0,
      };
      if (f.codDoc === '04') x.notasCreditoCentavos += f.total;
      else x.facturasCentavos += f.total;
      x.netoCentavos = x.facturasCentavos - x.notasCreditoCentavos;
      formas.set(f.formaPago, x);
    }
    return [...formas.values()].sort((a, b) => b.netoCentavos - a.netoCentavos);
  };

  const motivos = (r: Rango, punto?: string) => {
    const w = donde(r, punto);
    return stmt(
      `SELECT motivo, SUM(n) AS cantidad, SUM(total_cents) AS totalCentavos
       FROM document_day_motivo WHERE ${w.sql} AND vale = 1
       GROUP BY motivo HAVING SUM(n) <> 0 ORDER BY SUM(total_cents) DESC, motivo`,
    ).all(w.params) as { motivo: string; cantidad: number; totalCentavos: number }[];
  };

  const ventas = (f: FiltroReportes) => {
    const r = { desde: f.desde, hasta: f.hasta };
    const anterior = rangoAnterior(r, f.comparar);
    const horas = porHora(r, f.puntoEmisionId);
    const horasAntes = porHora(anterior, f.puntoEmisionId);
    const dias = porDia(r, f.puntoEmisionId);
    const diasAntes = porDia(anterior, f.puntoEmisionId);
    const ventasAntes = new Map<string, number>();
    for (const d of diasAntes) {
      if (d.codDoc === '01') ventasAntes.set(d.fecha, (ventasAntes.get(d.fecha) ?? 0) + d.total);
    }
    const porDiaFilas = diasDe(r).map((fecha) => {
      const fac = dias.find((d) => d.fecha === fecha && d.codDoc === '01');
      const nc = dias.find((d) => d.fecha === fecha && d.codDoc === '04');
      // Day by day from the start of each period; March has days February lacks: those have
      // no earlier day to compare with.
      const candidata = sumarDias(anterior.desde, diasEntre({ desde: r.desde, hasta: fecha }) - 1);
      const fechaAnterior = candidata > anterior.hasta ? '' : candidata;
      return {
        fecha,
        facturas: fac?.n ?? 0,
        ventasCentavos: fac?.total ?? 0,
        notasCreditoCentavos: nc?.total ?? 0,
        netoCentavos: (fac?.total ?? 0) - (nc?.total ?? 0),
        fechaAnterior,
        anteriorCentavos: fechaAnterior === '' ? 0 : (ventasAntes.get(fechaAnterior) ?? 0),
      };
    });
    const suma = (codDoc: string, campo: 'n' | 'total') =>
      dias.filter((d) => d.codDoc === codDoc).reduce((a, d) => a + d[campo], 0);
    return {
      anterior,
      porHora: Array.from({ length: 24 }, (_, hora) => {
        const h = horas.find((x) => x.hora === hora);
        return {
          hora,
          facturas: h?.n ?? 0,
          ventasCentavos: h?.total ?? 0,
          anteriorCentavos: horasAntes.find((x) => x.hora === hora)?.total ?? 0,
        };
      }),
      porDia: porDiaFilas,
      totales: {
        facturas: suma('01', 'n'),
        ventasCentavos: suma('01', 'total'),
        notasCredito: suma('04', 'n'),
        notasCreditoCentavos: suma('04', 'total'),
        netoCentavos: suma('01', 'total') - suma('04', 'total'),
        anteriorCentavos: diasAntes
          .filter((d) => d.codDoc === '01')
          .reduce((a, d) => a + d.total, 0),
      },
    };
  };

  const reporteProductos = (r: Rango, punto?: string) => {
    const lista = productos(r, punto);
    const nombres = new Map(catalogo().map((p) => [p.codigo, p.descripcion]));
    for (const p of lista) p.descripcion = nombres.get(p.codigo) ?? p.descripcion;
    const vendidos = new Set(lista.filter((p) => p.cantidadMicro > 0).map((p) => p.codigo));
    const porMonto = [...lista]
      .filter((p) => p.ventasCentavos > 0)
      .sort((a, b) => b.netoCentavos - a.netoCentavos || a.codigo.localeCompare(b.codigo))
      .slice(0, TOP_PRODUCTOS);
    const porCantidad = [...lista]
      .filter((p) => p.cantidadMicro > 0)
      .sort(
        (a, b) =>
          b.cantidadMicro - b.devueltoMicro - (a.cantidadMicro - a.devueltoMicro) ||
          a.codigo.localeCompare(b.codigo),
      )
      .slice(0, TOP_PRODUCTOS);
    const noVendidos = [...nombres]
      .filter(([codigo]) => !vendidos.has(codigo))
      .map(([codigo, descripcion]) => ({ codigo, descripcion }));
    return { todos: lista, porMonto, porCantidad, noVendidos };
  };

  const reporte = (f: FiltroReportes): Reporte => {
    const r = { desde: f.desde, hasta: f.hasta };
    const v = ventas(f);
    const p = reporteProductos(r, f.puntoEmisionId);
    return {
      desde: f.desde,
      hasta: f.hasta,
      anterior: v.anterior,
      comparar: f.comparar,
      totales: v.totales,
      porHora: v.porHora,
      porDia: v.porDia,
      productosPorMonto: p.porMonto,
      productosPorCantidad: p.porCantidad,
      productosNoVendidos: p.noVendidos,
      porCajero: porCajero(r, f.puntoEmisionId),
      porFormaPago: porFormaPago(r, f.puntoEmisionId),
      motivosNotasCredito: motivos(r, f.puntoEmisionId),
    };
  };

  const tributario = (mes: string, punto?: string): ResumenTributario => {
    const r = rangoDelMes(mes);
    const w = donde(r, punto);
    const params: Params = { ...w.params };
    const lista = (estados: readonly string[], pre: string) =>
      estados
        .map((e, i) => {
          params[`${pre}${i}`] = e;
          return `@${pre}${i}`;
        })
        .join(', ');
    const autorizados = lista(ESTADOS_AUTORIZADOS, 'a');
    const sinAutorizar = lista(ESTADOS_SIN_AUTORIZAR, 's');
    const tipos = stmt(
      `SELECT cod_doc AS codDoc, SUM(n) AS n, SUM(subtotal_cents) AS subtotal, SUM(iva_cents) AS iva,
              SUM(total_cents) AS total
       FROM document_day_user WHERE ${w.sql} AND status IN (${autorizados}) GROUP BY cod_doc`,
    ).all(params) as { codDoc: string; n: number; subtotal: number; iva: number; total: number }[];
    const tiposFuera = stmt(
      `SELECT cod_doc AS codDoc, status AS estado, SUM(n) AS n, SUM(total_cents) AS total
       FROM document_day_user WHERE ${w.sql} AND status IN (${sinAutorizar})
       GROUP BY cod_doc, status HAVING SUM(n) <> 0`,
    ).all(params) as { codDoc: string; estado: string; n: number; total: number }[];
    const iva = stmt(
      `SELECT cod_doc AS codDoc, codigo_porcentaje AS cp, tarifa_bp AS tarifa,
              SUM(base_cents) AS base, SUM(valor_cents) AS valor
       FROM document_day_tax_autorizado WHERE ${w.sql} AND autorizado = 1 AND codigo = '2'
       GROUP BY cod_doc, codigo_porcentaje, tarifa_bp`,
    ).all(w.params) as {
      codDoc: string;
      cp: string;
      tarifa: number;
      base: number;
      valor: number;
    }[];

    const totales = (codDoc: string) => {
      const t = tipos.find((x) => x.codDoc === codDoc);
      return {
        cantidad: t?.n ?? 0,
        subtotalCentavos: t?.subtotal ?? 0,
        ivaCentavos: t?.iva ?? 0,
        totalCentavos: t?.total ?? 0,
      };
    };
    const facturas = totales('01');
    const notasCredito = totales('04');

    const filas = new Map<string, ResumenTributario['porIva'][number]>();
    const fila = (cp: string, tarifa: number) => {
      const clave = `${cp}|${tarifa}`;
      let x = filas.get(clave);
      if (x === undefined) {
        x = {
          ...nombreCategoria(cp, tarifa),
          codigoPorcentaje: cp,
          tarifa,
          facturas: { baseCentavos: 0, ivaCentavos: 0 },
          notasCredito: { baseCentavos: 0, ivaCentavos: 0 },
          neto: { baseCentavos: 0, ivaCentavos: 0 },
        };
        filas.set(clave, x);
      }
      return x;
    };
    for (const t of TARIFAS_104) fila(t.codigoPorcentaje, t.tarifa);
    const aplicar = (filasIva: typeof iva, signo: 1 | -1) => {
      for (const t of filasIva) {
        const x = fila(t.cp, t.tarifa);
        const lado = t.codDoc === '04' ? x.notasCredito : x.facturas;
        lado.baseCentavos += signo * t.base;
        lado.ivaCentavos += signo * t.valor;
        x.neto.baseCentavos = x.facturas.baseCentavos - x.notasCredito.baseCentavos;
        x.neto.ivaCentavos = x.facturas.ivaCentavos - x.notasCredito.ivaCentavos;
      }
    };
    aplicar(iva, 1);
    const fijas = new Set(TARIFAS_104.map((t) => `${t.codigoPorcentaje}|${t.tarifa}`));
    const porIva = [...filas.entries()]
      .filter(
        ([clave, x]) =>
          fijas.has(clave) ||
          x.facturas.baseCentavos !== 0 ||
          x.facturas.ivaCentavos !== 0 ||
          x.notasCredito.baseCentavos !== 0 ||
          x.notasCredito.ivaCentavos !== 0,
      )
      .map(([, x]) => x);

    const porEstado: Record<string, number> = {};
    let cantidad = 0;
    let totalFuera = 0;
    for (const x of tiposFuera) {
      porEstado[x.estado] = (porEstado[x.estado] ?? 0) + x.n;
      cantidad += x.n;
      totalFuera += x.codDoc === '04' ? -x.total : x.total;
    }
    return {
      mes,
      desde: r.desde,
      hasta: r.hasta,
      porIva,
      facturas,
      notasCredito,
      neto: {
        subtotalCentavos: facturas.subtotalCentavos - notasCredito.subtotalCentavos,
        ivaCentavos: facturas.ivaCentavos - notasCredito.ivaCentavos,
        totalCentavos: facturas.totalCentavos - notasCredito.totalCentavos,
      },
      sinAutorizar: { cantidad, totalCentavos: totalFuera, porEstado },
      aviso:
        cantidad === 0
          ? null
          : `${cantidad === 1 ? 'Hay 1 comprobante' : `Hay ${cantidad} comprobantes`} del mes sin autorizar por el SRI: no están incluidos en este resumen. Revíselos en Conciliación antes de declarar.`,
    };
  };

  return { reporte, ventas, reporteProductos, porCajero, porFormaPago, motivos, tributario };
};
