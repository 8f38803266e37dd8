import { z } from 'zod';
import { COMPARACIONES } from '../periodos';
import { defineCall } from './define';
import { exportacionSchema } from './mantenimiento';

const fecha = z.iso.date('Use una fecha AAAA-MM-DD.');
const centavos = z.number().int();

/** A period of emission dates and the emission point (none: every point in this database). */
export const filtroReportesSchema = z
  .strictObject({
    desde: fecha,
    hasta: fecha,
    puntoEmisionId: z.string().min(1).max(64).optional(),
    /** The earlier period the charts show beside this one. */
    comparar: z.enum(COMPARACIONES).default('semana'),
  })
  .refine((f) => f.desde <= f.hasta, {
    message: 'La fecha inicial es posterior a la final.',
    path: ['desde'],
  })
  .refine((f) => Number(f.hasta.slice(0, 4)) - Number(f.desde.slice(0, 4)) <= 5, {
    message: 'El rango admite hasta cinco años.',
    path: ['desde'],
  });
export type FiltroReportes = z.output<typeof filtroReportesSchema>;

export const ventaHoraSchema = z.object({
  /** 0–23, Guayaquil. */
  hora: z.number().int(),
  facturas: z.number().int(),
  ventasCentavos: centavos,
  anteriorCentavos: centavos,
});

export const ventaDiaSchema = z.object({
  fecha: z.string(),
  facturas: z.number().int(),
  ventasCentavos: centavos,
  notasCreditoCentavos: centavos,
  netoCentavos: centavos,
  /** The same day of the earlier period ('' when it has none: 30 March against February), and what was sold then. */
  fechaAnterior: z.string(),
  anteriorCentavos: centavos,
});

export const productoReporteSchema = z.object({
  codigo: z.string(),
  descripcion: z.string(),
  /** Quantities in micro-units (6 decimals). */
  cantidadMicro: z.number().int(),
  ventasCentavos: centavos,
  devueltoMicro: z.number().int(),
  devueltoCentavos: centavos,
  netoCentavos: centavos,
});
export type ProductoReporte = z.infer<typeof productoReporteSchema>;

export const cajeroReporteSchema = z.object({
  usuarioId: z.string().nullable(),
  nombre: z.string(),
  facturas: z.number().int(),
  ventasCentavos: centavos,
  notasCredito: z.number().int(),
  notasCreditoCentavos: centavos,
  ticketPromedioCentavos: centavos,
  /** Voided by a credit note or cancelled at the SRI. */
  anulados: z.number().int(),
  revisionManual: z.number().int(),
});

export const formaPagoReporteSchema = z.object({
  formaPago: z.string(),
  nombre: z.string(),
  facturasCentavos: centavos,
  notasCreditoCentavos: centavos,
  netoCentavos: centavos,
});

export const motivoReporteSchema = z.object({
  motivo: z.string(),
  cantidad: z.number().int(),
  totalCentavos: centavos,
});

export const reporteSchema = z.object({
  desde: z.string(),
  hasta: z.string(),
  anterior: z.object({ desde: z.string(), hasta: z.string() }),
  comparar: z.enum(COMPARACIONES),
  totales: z.object({
    facturas: z.number().int(),
    ventasCentavos: centavos,
    notasCredito: z.number().int(),
    notasCreditoCentavos: centavos,
    netoCentavos: centavos,
    anteriorCentavos: centavos,
  }),
  porHora: z.array(ventaHoraSchema),
  porDia: z.array(ventaDiaSchema),
  productosPorMonto: z.array(productoReporteSchema),
  productosPorCantidad: z.array(productoReporteSchema),
  productosNoVendidos: z.array(z.object({ codigo: z.string(), descripcion: z.string() })),
  porCajero: z.array(cajeroReporteSchema),
  porFormaPago: z.array(formaPagoReporteSchema),
  motivosNotasCredito: z.array(motivoReporteSchema),
});
export type Reporte = z.infer<typeof reporteSchema>;

/** IVA groups of formulario 104, and any other rate the month used. */
export const CATEGORIAS_IVA = ['15', '5', '0', 'no_objeto', 'exento', 'otra'] as const;

export const filaTributariaSchema = z.object({
  categoria: z.enum(CATEGORIAS_IVA),
  nombre: z.string(),
  codigoPorcentaje: z.string(),
  tarifa: z.number().int(),
  facturas: z.object({ baseCentavos: centavos, ivaCentavos: centavos }),
  notasCredito: z.object({ baseCentavos: centavos, ivaCentavos: centavos }),
  neto: z.object({ baseCentavos: centavos, ivaCentavos: centavos }),
});

const totalesTipo = z.object({
  cantidad: z.number().int(),
  subtotalCentavos: centavos,
  ivaCentavos: centavos,
  totalCentavos: centavos,
});

export const resumenTributarioSchema = z.object({
  mes: z.string(),
  desde: z.string(),
  hasta: z.string(),
  porIva: z.array(filaTributariaSchema),
  facturas: totalesTipo,
  notasCredito: totalesTipo,
  neto: z.object({ subtotalCentavos: centavos, ivaCentavos: centavos, totalCentavos: centavos }),
  /** Emitted in the month, not (yet) authorized: left out of every figure above. */
  sinAutorizar: z.object({
    cantidad: z.number().int(),
    totalCentavos: centavos,
    porEstado: z.record(z.string(), z.number().int()),
  }),
  aviso: z.string().nullable(),
});
export type ResumenTributario = z.infer<typeof resumenTributarioSchema>;

const mesSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use un mes AAAA-MM.');

export const REPORTES_EXPORTABLES = [
  'todos',
  'ventas_hora',
  'ventas_dia',
  'productos',
  'cajeros',
  'formas_pago',
  'notas_credito',
  'tributario',
] as const;

export const reportesCalls = {
  'reportes.generar': defineCall({
    description:
      'Ventas por hora y por día (con el periodo anterior), productos, cajeros, formas de pago y motivos de las notas de crédito.',
    input: z.strictObject({ filtro: filtroReportesSchema }),
    output: reporteSchema,
  }),
  'reportes.tributario': defineCall({
    description:
      'Resumen tributario del mes para el formulario 104: bases e IVA por tarifa, solo comprobantes autorizados.',
    input: z.strictObject({
      mes: mesSchema,
      puntoEmisionId: z.string().min(1).max(64).optional(),
    }),
    output: resumenTributarioSchema,
  }),
  'reportes.exportar': defineCall({
    description:
      'Exporta los reportes del periodo (y el resumen tributario de su mes) a XLSX o PDF.',
    input: z.strictObject({
      filtro: filtroReportesSchema,
      reporte: z.enum(REPORTES_EXPORTABLES).default('todos'),
      formato: z.enum(['xlsx', 'pdf']),
      /** Return the bytes for a browser download (the browser host). */
      descargar: z.boolean().default(false),
    }),
    output: exportacionSchema,
  }),
};
