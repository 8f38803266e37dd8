import * as z from 'zod';
import { defineCall } from './define';
import { aprobacionEnLineaSchema } from './sesion';

/** US bills and coins in use in Ecuador, largest first; `clave` names each in the count. */
export const DENOMINACIONES = [
  { clave: 'b100', etiqueta: 'Billete de $100', centavos: 10_000 },
  { clave: 'b50', etiqueta: 'Billete de $50', centavos: 5_000 },
  { clave: 'b20', etiqueta: 'Billete de $20', centavos: 2_000 },
  { clave: 'b10', etiqueta: 'Billete de $10', centavos: 1_000 },
  { clave: 'b5', etiqueta: 'Billete de $5', centavos: 500 },
  { clave: 'b1', etiqueta: 'Billete de $1', centavos: 100 },
  { clave: 'm100', etiqueta: 'Moneda de $1', centavos: 100 },
  { clave: 'm50', etiqueta: 'Moneda de 50 ¢', centavos: 50 },
  { clave: 'm25', etiqueta: 'Moneda de 25 ¢', centavos: 25 },
  { clave: 'm10', etiqueta: 'Moneda de 10 ¢', centavos: 10 },
  { clave: 'm5', etiqueta: 'Moneda de 5 ¢', centavos: 5 },
  { clave: 'm1', etiqueta: 'Moneda de 1 ¢', centavos: 1 },
] as const;
export type ClaveDenominacion = (typeof DENOMINACIONES)[number]['clave'];
export const CLAVES_DENOMINACION = DENOMINACIONES.map((d) => d.clave) as [
  ClaveDenominacion,
  ...ClaveDenominacion[],
];

/** Pieces counted per denomination; missing keys are zero. */
export const conteoSchema = z.partialRecord(
  z.enum(CLAVES_DENOMINACION),
  z.number().int().min(0).max(100_000),
);
export type Conteo = z.infer<typeof conteoSchema>;

/**
 * The cash a count adds up to, in cents.
 * @example totalConteo({ b20: 2, m25: 3 }) // 4075
 */
export const totalConteo = (conteo: Conteo): number =>
  DENOMINACIONES.reduce((acc, d) => acc + d.centavos * (conteo[d.clave] ?? 0), 0);

const centavos = z.number().int();
const centavosPositivos = z.number().int().positive().max(100_000_000);

export const movimientoSchema = z.object({
  id: z.string(),
  tipo: z.enum(['entrada', 'salida']),
  montoCentavos: centavos,
  motivo: z.string(),
  usuario: z.string(),
  en: z.string(),
});

/** Where the drawer's cash should stand: expected = fondo + ventas − devoluciones + entradas − salidas. */
export const efectivoSchema = z.object({
  fondoCentavos: centavos,
  ventasCentavos: centavos,
  devolucionesCentavos: centavos,
  entradasCentavos: centavos,
  salidasCentavos: centavos,
  esperadoCentavos: centavos,
});

export const turnoSchema = z.object({
  id: z.string(),
  /** 1, 2, 3…: the shift's place among this emission point's shifts, for people to read. */
  numero: z.number().int(),
  puntoEmision: z.string(),
  estado: z.enum(['open', 'closed']),
  abiertoPor: z.string(),
  abiertoEn: z.string(),
  cerradoPor: z.string().nullable(),
  cerradoEn: z.string().nullable(),
  efectivo: efectivoSchema,
  movimientos: z.array(movimientoSchema),
  facturas: z.object({ cantidad: z.number().int(), totalCentavos: centavos }),
  notasCredito: z.object({ cantidad: z.number().int(), totalCentavos: centavos }),
});
export type Turno = z.infer<typeof turnoSchema>;

export const reporteZSchema = z.object({
  turno: turnoSchema,
  porIva: z.array(
    z.object({
      codigoPorcentaje: z.string(),
      tarifa: z.number().int(),
      baseCentavos: centavos,
      ivaCentavos: centavos,
    }),
  ),
  porFormaPago: z.array(
    z.object({
      formaPago: z.string(),
      nombre: z.string(),
      facturasCentavos: centavos,
      notasCreditoCentavos: centavos,
    }),
  ),
  conteo: z.array(
    z.object({
      clave: z.string(),
      etiqueta: z.string(),
      cantidad: z.number().int(),
      subtotalCentavos: centavos,
    }),
  ),
  contadoCentavos: centavos,
  /** Propinas of the shift's facturas (inside their totals and payments; staff's money). */
  propinasCentavos: centavos.optional(),
  /** Counted minus expected: negative is a shortage. */
  diferenciaCentavos: centavos,
  /** Printed lines (the same text the ESC/POS and PDF copies carry). */
  lineas: z.array(z.string()),
});
export type ReporteZ = z.infer<typeof reporteZSchema>;

export const estadoCajaSchema = z.object({
  turno: turnoSchema.nullable(),
  /** Documents still waiting to reach the SRI (warn before closing). */
  pendientesSri: z.number().int(),
  /** Whoever is at the counter, or null when nobody logged in. */
  usuario: z.string().nullable(),
  /**
   * Largest difference between counted and expected cash a cashier may close with alone;
   * beyond it a supervisor authorizes the close. Set by the store (`caja.fijarTolerancia`).
   */
  toleranciaCentavos: z.number().int(),
});

/** Without a store setting: one dollar either way. */
export const TOLERANCIA_CIERRE_PREDETERMINADA = 100;

const turnoId = z.strictObject({ turnoId: z.string().min(1).max(64) });

export const cajaCalls = {
  'caja.estado': defineCall({
    description: 'El turno abierto de este punto de emisión, con sus totales y movimientos.',
    input: z.strictObject({}),
    output: estadoCajaSchema,
  }),
  'caja.abrir': defineCall({
    description: 'Abre el turno con el fondo de caja.',
    input: z.strictObject({ fondoCentavos: z.number().int().min(0).max(100_000_000) }),
    output: turnoSchema,
  }),
  'caja.movimiento': defineCall({
    description: 'Entrada o salida de efectivo con motivo; la salida necesita al supervisor.',
    input: z.strictObject({
      tipo: z.enum(['entrada', 'salida']),
      montoCentavos: centavosPositivos,
      motivo: z.string().trim().min(3, 'Escriba el motivo.').max(300),
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: turnoSchema,
  }),
  'caja.cerrar': defineCall({
    description: 'Cierra el turno con el efectivo contado por denominación e imprime el reporte Z.',
    input: z.strictObject({
      conteo: conteoSchema,
      /** Close even though documents are still on their way to the SRI. */
      aunConPendientes: z.boolean().default(false),
      /** A supervisor's PIN: needed when the difference is beyond the store's tolerance. */
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: z.object({
      reporte: reporteZSchema,
      /** Print job of the Z report, or why it could not be queued. */
      impresion: z.union([
        z.object({ trabajoId: z.number().int() }),
        z.object({ error: z.string() }),
      ]),
    }),
  }),
  'caja.fijarTolerancia': defineCall({
    description:
      'Fija la diferencia de efectivo con la que un cajero puede cerrar sin supervisor; la fija un administrador.',
    input: z.strictObject({
      toleranciaCentavos: z.number().int().min(0).max(100_000),
      autorizacion: aprobacionEnLineaSchema,
    }),
    output: z.object({ toleranciaCentavos: z.number().int() }),
  }),
  'caja.reporteZ': defineCall({
    description: 'El reporte Z de un turno cerrado.',
    input: turnoId,
    output: reporteZSchema,
  }),
  'caja.reporteZPdf': defineCall({
    description: 'El reporte Z en PDF (base64) para guardarlo o imprimirlo.',
    input: turnoId,
    output: z.object({ nombreArchivo: z.string(), pdfBase64: z.string() }),
  }),
  'caja.imprimirReporteZ': defineCall({
    description: 'Vuelve a poner el reporte Z en la cola de impresión.',
    input: turnoId,
    output: z.object({ trabajoId: z.number().int() }),
  }),
};
