/**
 * Every report as plain tables: what the screen shows beside each chart is what the XLSX and
 * the PDF hold, so the accountant's file and the screen never disagree. Money stays in cents
 * and dates as `AAAA-MM-DD` until a writer formats them.
 */
import type {
  REPORTES_EXPORTABLES,
  Reporte,
  ResumenTributario,
} from '../../shared/contract/reportes';

export type TipoColumna = 'texto' | 'dinero' | 'entero' | 'cantidad' | 'fecha';
export type Celda = string | number;
export type Tabla = {
  id: Exclude<(typeof REPORTES_EXPORTABLES)[number], 'todos'>;
  titulo: string;
  columnas: readonly { titulo: string; tipo: TipoColumna }[];
  filas: Celda[][];
  /** A last row of totals, when adding the column makes sense. */
  total?: Celda[];
  nota?: string;
};

const suma = (filas: Celda[][], i: number): number =>
  filas.reduce((a, f) => a + (typeof f[i] === 'number' ? (f[i] as number) : 0), 0);

const totales = (filas: Celda[][], tipos: readonly TipoColumna[], etiqueta = 'Total'): Celda[] =>
  tipos.map((t, i) =>
    i === 0 ? etiqueta : t === 'dinero' || t === 'entero' ? suma(filas, i) : '',
  );

const tabla = (t: Omit<Tabla, 'total'>, conTotal: boolean): Tabla =>
  conTotal
    ? {
        ...t,
        total: totales(
          t.filas,
          t.columnas.map((c) => c.tipo),
        ),
      }
    : t;

const horaTexto = (h: number): string =>
  `${String(h).padStart(2, '0')}:00–${String(h).padStart(2, '0')}:59`;

/** @example tablasDeReporte(reporte, tributario).map((t) => t.titulo) */
export const tablasDeReporte = (r: Reporte, t: ResumenTributario): Tabla[] => {
  const producto = (p: Reporte['productosPorMonto'][number]): Celda[] => [
    p.codigo,
    p.descripcion,
    p.cantidadMicro,
    p.ventasCentavos,
    p.devueltoMicro,
    p.devueltoCentavos,
    p.netoCentavos,
  ];
  const columnasProducto = [
    { titulo: 'Código', tipo: 'texto' },
    { titulo: 'Producto', tipo: 'texto' },
    { titulo: 'Cantidad vendida', tipo: 'cantidad' },
    { titulo: 'Vendido (sin IVA)', tipo: 'dinero' },
    { titulo: 'Cantidad devuelta', tipo: 'cantidad' },
    { titulo: 'Devuelto (sin IVA)', tipo: 'dinero' },
    { titulo: 'Neto (sin IVA)', tipo: 'dinero' },
  ] as const;
  return [
    tabla(
      {
        id: 'ventas_hora',
        titulo: 'Ventas por hora',
        columnas: [
          { titulo: 'Hora', tipo: 'texto' },
          { titulo: 'Facturas', tipo: 'entero' },
          { titulo: 'Ventas', tipo: 'dinero' },
          {
            titulo: `Periodo anterior (${r.anterior.desde} a ${r.anterior.hasta})`,
            tipo: 'dinero',
          },
        ],
        filas: r.porHora.map((h) => [
          horaTexto(h.hora),
          h.facturas,
          h.ventasCentavos,
          h.anteriorCentavos,
        ]),
      },
      true,
    ),
    tabla(
      {
        id: 'ventas_dia',
        titulo: 'Ventas por día',
        columnas: [
          { titulo: 'Fecha', tipo: 'fecha' },
          { titulo: 'Facturas', tipo: 'entero' },
          { titulo: 'Ventas', tipo: 'dinero' },
          { titulo: 'Notas de crédito', tipo: 'dinero' },
          { titulo: 'Neto', tipo: 'dinero' },
          { titulo: 'Fecha anterior', tipo: 'fecha' },
          { titulo: 'Ventas periodo anterior', tipo: 'dinero' },
        ],
        filas: r.porDia.map((d) => [
          d.fecha,
          d.facturas,
          d.ventasCentavos,
          d.notasCreditoCentavos,
          d.netoCentavos,
          d.fechaAnterior,
          d.anteriorCentavos,
        ]),
      },
      true,
    ),
    {
      id: 'productos',
      titulo: 'Productos más vendidos por monto',
      columnas: columnasProducto,
      filas: r.productosPorMonto.map(producto),
    },
    {
      id: 'productos',
      titulo: 'Productos más vendidos por cantidad',
      columnas: columnasProducto,
      filas: r.productosPorCantidad.map(producto),
    },
    {
      id: 'productos',
      titulo: 'Productos sin ventas en el periodo',
      columnas: [
        { titulo: 'Código', tipo: 'texto' },
        { titulo: 'Producto', tipo: 'texto' },
      ],
      filas: r.productosNoVendidos.map((p) => [p.codigo, p.descripcion]),
    },
    tabla(
      {
        id: 'cajeros',
        titulo: 'Ventas por cajero',
        columnas: [
          { titulo: 'Cajero', tipo: 'texto' },
          { titulo: 'Facturas', tipo: 'entero' },
          { titulo: 'Ventas', tipo: 'dinero' },
          { titulo: 'Notas de crédito', tipo: 'entero' },
          { titulo: 'Devuelto', tipo: 'dinero' },
          { titulo: 'Ticket promedio', tipo: 'dinero' },
          { titulo: 'Anulados', tipo: 'entero' },
          { titulo: 'En revisión manual', tipo: 'entero' },
        ],
        filas: r.porCajero.map((c) => [
          c.nombre,
          c.facturas,
          c.ventasCentavos,
          c.notasCredito,
          c.notasCreditoCentavos,
          c.ticketPromedioCentavos,
          c.anulados,
          c.revisionManual,
        ]),
      },
      false,
    ),
    tabla(
      {
        id: 'formas_pago',
        titulo: 'Ventas por forma de pago',
        columnas: [
          { titulo: 'Forma de pago', tipo: 'texto' },
          { titulo: 'Facturas', tipo: 'dinero' },
          { titulo: 'Notas de crédito', tipo: 'dinero' },
          { titulo: 'Neto', tipo: 'dinero' },
        ],
        filas: r.porFormaPago.map((p) => [
          p.nombre,
          p.facturasCentavos,
          p.notasCreditoCentavos,
          p.netoCentavos,
        ]),
      },
      true,
    ),
    tabla(
      {
        id: 'notas_credito',
        titulo: 'Notas de crédito por motivo',
        columnas: [
          { titulo: 'Motivo', tipo: 'texto' },
          { titulo: 'Notas de crédito', tipo: 'entero' },
          { titulo: 'Total', tipo: 'dinero' },
        ],
        filas: r.motivosNotasCredito.map((m) => [m.motivo, m.cantidad, m.totalCentavos]),
      },
      true,
    ),
    tabla(
      {
        id: 'tributario',
        titulo: `Resumen tributario de ${t.mes} (solo comprobantes autorizados)`,
        columnas: [
          { titulo: 'Tarifa', tipo: 'texto' },
          { titulo: 'Base facturas', tipo: 'dinero' },
          { titulo: 'IVA facturas', tipo: 'dinero' },
          { titulo: 'Base notas de crédito', tipo: 'dinero' },
          { titulo: 'IVA notas de crédito', tipo: 'dinero' },
          { titulo: 'Base neta', tipo: 'dinero' },
          { titulo: 'IVA neto', tipo: 'dinero' },
        ],
        filas: t.porIva.map((x) => [
          x.nombre,
          x.facturas.baseCentavos,
          x.facturas.ivaCentavos,
          x.notasCredito.baseCentavos,
          x.notasCredito.ivaCentavos,
          x.neto.baseCentavos,
          x.neto.ivaCentavos,
        ]),
        ...(t.aviso === null ? {} : { nota: t.aviso }),
      },
      true,
    ),
  ];
};

/** 1234 → "1,234.00"-free plain «12.34» (es-EC prints a dot for decimals on receipts). */
export const dinero = (centavos: number): string => {
  const abs = Math.abs(centavos);
  const entero = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${centavos < 0 ? '-' : ''}$${entero}.${String(abs % 100).padStart(2, '0')}`;
};

/** Micro-units → up to 3 decimals, trailing zeros dropped: 1500000 → "1.5". */
export const cantidad = (micro: number): string => {
  const texto = (micro / 1_000_000).toFixed(3);
  return texto.replace(/\.?0+$/, '');
};

/** AAAA-MM-DD → dd/mm/aaaa, as a person reads it. */
export const fechaTexto = (fecha: string): string =>
  `${fecha.slice(8, 10)}/${fecha.slice(5, 7)}/${fecha.slice(0, 4)}`;
