/** SRI simulator: the two offline web services on 127.0.0.1 with checks and scripted faults. */
export {
  describirFallas,
  type Falla,
  normalizarRegla,
  type OperacionSri,
  parsearFallas,
  type ReglaFalla,
  type ReglaFallaEntrada,
  USO_FALLAS,
} from './faults';
export {
  ARCHIVO_SIMULADOR,
  contarAutorizaciones,
  type EntradaLogAutorizacion,
  type EventoRegistro,
  leerRegistroSimulador,
} from './registro';
export {
  type SriSimulator,
  type SriSimulatorOptions,
  startSriSimulator,
  type VerificadorFirma,
} from './server';
