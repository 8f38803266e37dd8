/** Conciliación: every document with its SRI status, the day's totals and the operator's actions. */
export {
  type AccionesDeps,
  type Autorizar,
  type Credenciales,
  createAcciones,
  type MarcaManual,
  type OutboxOperador,
} from './acciones';
export { type ConsultasConciliacion, createConsultas, ESTADOS_SIN_EFECTO } from './consultas';
export { BOM, type CampoCsv, campoCsv, centavosATexto, lineaCsv, SEPARADOR } from './csv';
export {
  type ConciliacionHandlersDeps,
  createConciliacionHandlers,
  MAXIMO_FILAS_CSV,
} from './handlers';
