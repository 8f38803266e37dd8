/** The buyer's copy of each authorized document by e-mail (issue 19). */
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
  MENSAJE_TLS,
  registrarCorreo,
} from './envio';
export { construirMensaje, type DocumentoAutorizado, xmlAutorizado } from './mensaje';
