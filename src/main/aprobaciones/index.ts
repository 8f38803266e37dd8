/** Single-use, input-bound approvals of sensitive actions by a supervisor or administrador. */

export { aceptarAprobacionesDeUnSoloUso, llamadasConCampo, MENSAJE_PIN_EN_LINEA } from './enLinea';
export { createAprobacionesHandlers } from './handlers';
export { huellaDe, huellaDeEntrada, jsonCanonico } from './huella';
export { ROL_APROBACION, rolParaAprobar } from './reglas';
export {
  type Aprobaciones,
  type AprobacionesDeps,
  createAprobaciones,
  VIGENCIA_APROBACION_MS,
} from './service';
