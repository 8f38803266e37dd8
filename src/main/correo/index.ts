/** The buyer's copy of each authorized document by e-mail (issue 19). */
export {
  type AjusteCorreo,
  CORREO_PASSWORD_ACCOUNT,
  type CorreoAjustes,
  createCorreoAjustes,
  type EnviarPrueba,
} from './ajustes';
export { parseSmtpUrl, type SmtpConfig } from './config';
export {
  type CorreoPayload,
  createEntregaRepo,
  type EntregaRepo,
  type EstadoEntrega,
  encolarCorreo,
} from './entrega';
export {
  type Correo,
  type CorreoDeps,
  clasificarFallo,
  MENSAJE_CREDENCIALES,
  MENSAJE_ESPERA_FACTIO,
  MENSAJE_SIN_SERVIDOR,
  MENSAJE_TLS,
  registrarCorreo,
  type ViaFactio,
} from './envio';
export { type CorreoCallName, createCorreoHandlers } from './handlers';
export { construirMensaje, type DocumentoAutorizado, xmlAutorizado } from './mensaje';
export { createReenvio, type Reenvio } from './reenvio';
export { eleccionFactio } from './viaFactio';
