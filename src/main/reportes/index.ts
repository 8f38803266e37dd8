export {
  type ConsultasReportes,
  createConsultasReportes,
  ESTADOS_AUTORIZADOS,
  ESTADOS_SIN_AUTORIZAR,
  piezasDeRango,
} from './consultas';
export { type Encabezado, reportePdf, reporteXlsx } from './exportar';
export { createReportesHandlers, permitido, type ReportesHandlersDeps } from './handlers';
export { type Tabla, tablasDeReporte } from './tablas';
