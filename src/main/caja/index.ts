/** Caja: the cash shift (float, cash in/out, count by denomination) and its Z report. */
export { createCajaHandlers } from './handlers';
export { dolares, lineasReporteZ, reporteZPdf } from './reporteZ';
export { type CajaDeps, type CajaService, type Credenciales, createCajaService } from './service';
