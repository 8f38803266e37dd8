/** Single-use, input-bound approvals of sensitive actions by a supervisor or administrador. */

export { createAprobacionesHandlers } from './handlers';
export { huellaDe, huellaDeEntrada, jsonCanonico } from './huella';
export { rolParaAprobar } from './reglas';
export {
  type Aprobaciones,
  type AprobacionesDeps,
  createAprobaciones,
  VIGENCIA_APROBACION_MS,
} from './service';
