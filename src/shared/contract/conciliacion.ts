import * as z from 'zod';
import { ESTADOS_DOCUMENTO, type EstadoDocumento } from '../estados';
import { entregaCorreoSchema, filtroCorreoSchema } from './correo';
import { defineCall } from './define';
import { resultadoImpresionSchema } from './impresion';
import { aprobacionEnLineaSchema } from './sesion';

export { ESTADOS_DOCUMENTO, type EstadoDocumento } from '../estados';

/** How each status reads on screen and in exports. */
export const NOMBRES_ESTADO: Record<EstadoDocumento, string> = {
  DRAFT: 'Borrador',
  VALIDATED: 'Validado',
  NUMBER_RESERVED: 'Número reservado',
  XML_GENERATED: 'XML generado',
  SIGNED: 'Firmado',
  RECEPTION_PENDING: 'Por enviar',
  SUBMITTED_TO_SRI: 'Enviado al SRI',
  RECEIVED_BY_SRI: 'Recibido por el SRI',
  AUTHORIZATION_PENDING: 'Esperando autorización',
  AUTHORIZED: 'Autorizado',
  REJECTED: 'Rechazado',
  RECEPTION_RETRY_SCHEDULED: 'Reenvío programado',
  AUTHORIZATION_RETRY_SCHEDULED: 'Consulta programada',
  RECEPTION_UNKNOWN: 'Recepción sin confirmar',
  AUTHORIZATION_UNKNOWN: 'Autorización sin confirmar',
  MANUAL_REVIEW_REQUIRED: 'Revisión manual',
  FAILED_PERMANENT: 'Fallido',
  CANCELLATION_REQUESTED: 'Anulación solicitada',
  CANCELLED: 'Anulado',
  VOIDED_BY_NC: 'Anulado por nota de crédito',
};

/** @example nombreEstado('AUTHORIZED') // 'Autorizado' */
export const nombreEstado = (estado: string): string =>
  (NOMBRES_ESTADO as Record<string, string>)[estado] ?? estado;

/** Statuses a supervisor filters by at once. */
export const GRUPOS_ESTADO = {
  /** Still on their way to the SRI: the outbox works on them. */
  pendientes: [
    'SIGNED',
    'RECEPTION_PENDING',
    'SUBMITTED_TO_SRI',
    'RECEIVED_BY_SRI',
    'AUTHORIZATION_PENDING',
    'RECEPTION_RETRY_SCHEDULED',
    'AUTHORIZATION_RETRY_SCHEDULED',
    'RECEPTION_UNKNOWN',
    'AUTHORIZATION_UNKNOWN',
  ],
  /** Need a person: rejected by the SRI, in manual review, or given up. */
  con_error: ['REJECTED', 'MANUAL_REVIEW_REQUIRED', 'FAILED_PERMANENT'],
  /** The SRI authorized them (some were later voided or cancelled). */
  autorizados: ['AUTHORIZED', 'CANCELLATION_REQUESTED', 'CANCELLED', 'VOIDED_BY_NC'],
} as const satisfies Record<string, readonly EstadoDocumento[]>;
export type GrupoEstado = keyof typeof GRUPOS_ESTADO;
export const GRUPOS = ['pendientes', 'con_error', 'autorizados'] as const;

/** Statuses that stop a document on its way: the stuck-document banner counts them. */
export const ESTADOS_ATASCADOS = ['MANUAL_REVIEW_REQUIRED', 'REJECTED'] as const;

const fecha = z.iso.date('Use una fecha AAAA-MM-DD.');

/** What the list, the counts and the CSV export filter by. `desde`/`hasta` are fechaEmision. */
export const filtroDocumentosSchema = z
  .strictObject({
    desde: fecha,
    hasta: fecha,
    /** One status or a group of them. */
    estado: z.enum([...GRUPOS, ...ESTADOS_DOCUMENTO]).optional(),
    puntoEmisionId: z.string().min(1).max(64).optional(),
    codDoc: z.enum(['01', '04']).optional(),
    /** Buyer's cédula, RUC or passport, exactly. */
    comprador: z.string().trim().min(1).max(20).optional(),
    /** The buyer's e-mail: a delivery status, or `sin_correo` (issue 19). */
    correo: filtroCorreoSchema.optional(),
  })
  .refine((f) => f.desde <= f.hasta, {
    message: 'La fecha inicial es posterior a la final.',
    path: ['desde'],
  });
export type FiltroDocumentos = z.infer<typeof filtroDocumentosSchema>;

/** Keyset position: the last row of the previous page (never OFFSET over a large store). */
export const cursorSchema = z.strictObject({
  fechaEmision: fecha,
  id: z.string().min(1).max(64),
});
export type CursorDocumentos = z.infer<typeof cursorSchema>;

export const documentoFilaSchema = z.object({
  id: z.string(),
  codDoc: z.enum(['01', '04']),
  /** estab-ptoEmi-secuencial, as printed. */
  numero: z.string(),
  claveAcceso: z.string(),
  fechaEmision: z.string(),
  estado: z.string(),
  comprador: z.object({ identificacion: z.string(), razonSocial: z.string() }),
  totalCentavos: z.number().int(),
  ultimoMensajeSri: z.string().nullable(),
  creadoEn: z.string(),
  actualizadoEn: z.string(),
  /** The buyer's e-mail copy; null when none was ever queued (issue 19). */
  entrega: entregaCorreoSchema.nullable(),
  /** The latest print job of the document, in the cashier's words; null: never queued. */
  impresion: resultadoImpresionSchema.nullable(),
});
export type DocumentoFila = z.infer<typeof documentoFilaSchema>;

export const paginaDocumentosSchema = z.object({
  documentos: z.array(documentoFilaSchema),
  /** Pass it back to get the next page; null at the end. */
  siguiente: cursorSchema.nullable(),
});
export type PaginaDocumentos = z.infer<typeof paginaDocumentosSchema>;

export const conteosSchema = z.object({
  total: z.number().int(),
  porEstado: z.record(z.string(), z.number().int()),
  porGrupo: z.object({
    pendientes: z.number().int(),
    con_error: z.number().int(),
    autorizados: z.number().int(),
  }),
});
export type Conteos = z.infer<typeof conteosSchema>;

const centavos = z.number().int();

export const resumenIvaSchema = z.object({
  codigoPorcentaje: z.string(),
  /** Rate in hundredths of a percent (15 % = 1500). */
  tarifa: z.number().int(),
  facturas: z.object({ baseCentavos: centavos, ivaCentavos: centavos }),
  notasCredito: z.object({ baseCentavos: centavos, ivaCentavos: centavos }),
  /** Facturas minus notas de crédito. */
  neto: z.object({ baseCentavos: centavos, ivaCentavos: centavos }),
});

export const resumenPagoSchema = z.object({
  formaPago: z.string(),
  nombre: z.string(),
  facturasCentavos: centavos,
  notasCreditoCentavos: centavos,
  netoCentavos: centavos,
});

export const totalesTipoSchema = z.object({
  cantidad: z.number().int(),
  subtotalCentavos: centavos,
  ivaCentavos: centavos,
  totalCentavos: centavos,
});

export const resumenDiarioSchema = z.object({
  desde: z.string(),
  hasta: z.string(),
  facturas: totalesTipoSchema,
  notasCredito: totalesTipoSchema,
  neto: z.object({ subtotalCentavos: centavos, ivaCentavos: centavos, totalCentavos: centavos }),
  porIva: z.array(resumenIvaSchema),
  porFormaPago: z.array(resumenPagoSchema),
  /** Left out of the totals (their secuencial is used but they have no fiscal effect). */
  excluidos: z.object({ cantidad: z.number().int(), estados: z.array(z.string()) }),
  /** Documents of the range whose e-mail has not reached the buyer (pendiente or rechazado). */
  correosSinEntregar: z.number().int(),
});
export type ResumenDiario = z.infer<typeof resumenDiarioSchema>;

export const atascadosSchema = z.object({
  /** Documents a person must look at now. */
  total: z.number().int(),
  revisionManual: z.number().int(),
  rechazados: z.number().int(),
  /** Pending longer than `minutos`. */
  demorados: z.number().int(),
  minutos: z.number().int(),
  /** The oldest of them, to jump to. */
  masAntiguo: z
    .object({ id: z.string(), numero: z.string(), estado: z.string(), desde: z.string() })
    .nullable(),
});
export type Atascados = z.infer<typeof atascadosSchema>;

export const puntoEmisionSchema = z.object({
  id: z.string(),
  /** `001-002`. */
  codigo: z.string(),
  descripcion: z.string(),
});

const idDocumento = z.strictObject({ id: z.string().min(1).max(64) });

export const conciliacionCalls = {
  'conciliacion.listar': defineCall({
    description: 'Una página de documentos filtrados, del más reciente al más antiguo.',
    input: z.strictObject({
      filtro: filtroDocumentosSchema,
      cursor: cursorSchema.nullable().default(null),
      limite: z.number().int().min(1).max(500).default(100),
    }),
    output: paginaDocumentosSchema,
  }),
  'conciliacion.conteos': defineCall({
    description: 'Cuántos documentos hay en cada estado con los filtros dados (sin el de estado).',
    input: z.strictObject({ filtro: filtroDocumentosSchema }),
    output: conteosSchema,
  }),
  'conciliacion.resumen': defineCall({
    description:
      'Totales por tarifa de IVA y por forma de pago: facturas menos notas de crédito, al centavo.',
    input: z.strictObject({
      desde: fecha,
      hasta: fecha,
      puntoEmisionId: z.string().min(1).max(64).optional(),
    }),
    output: resumenDiarioSchema,
  }),
  'conciliacion.atascados': defineCall({
    description:
      'Documentos que una persona debe revisar: revisión manual, rechazados o demorados.',
    input: z.strictObject({ minutos: z.number().int().min(1).max(1440).default(15) }),
    output: atascadosSchema,
  }),
  'conciliacion.puntosEmision': defineCall({
    description: 'Puntos de emisión para el filtro.',
    input: z.strictObject({}),
    output: z.array(puntoEmisionSchema),
  }),
  'conciliacion.reintentar': defineCall({
    description:
      'Vuelve a poner en la cola un documento en revisión manual (consulta antes de reenviar).',
    input: z.strictObject({
      id: z.string().min(1).max(64),
      /**
       * A document a supervisor put in manual review (`conciliacion.marcar`) is retried with the
       * same approval that put it there (issue 15 §12); one the SRI path put there, without.
       */
      autorizacion: aprobacionEnLineaSchema.optional(),
    }),
    output: z.object({ estado: z.string() }),
  }),
  'conciliacion.consultarAutorizacion': defineCall({
    description: 'Consulta la autorización de un documento pendiente ahora, sin esperar su turno.',
    input: idDocumento,
    output: z.object({ estado: z.string() }),
  }),
  'conciliacion.marcar': defineCall({
    description:
      'Un supervisor pasa un documento a revisión manual o lo da por fallido, con motivo.',
    input: z.strictObject({
      id: z.string().min(1).max(64),
      accion: z.enum(['revision_manual', 'fallo_definitivo']),
      motivo: z.string().trim().min(5, 'Explique el motivo (al menos 5 caracteres).').max(500),
      autorizacion: aprobacionEnLineaSchema,
    }),
    output: z.object({ estado: z.string() }),
  }),
  'conciliacion.reimprimir': defineCall({
    description: 'Encola una reimpresión del RIDE de un documento.',
    input: idDocumento,
    output: z.object({ trabajoId: z.number().int() }),
  }),
  'conciliacion.exportarCsv': defineCall({
    description: 'Los documentos filtrados en CSV para Excel (UTF-8 con BOM, separador «;»).',
    input: z.strictObject({ filtro: filtroDocumentosSchema }),
    output: z.object({ nombreArchivo: z.string(), contenido: z.string(), filas: z.number().int() }),
  }),
};
