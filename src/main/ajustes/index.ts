/** Ajustes: issuer, emission point, SRI ambiente, numbering, printers, logo, first administrador. */
export { exigirAutorizacion, hayUsuariosActivos } from './autorizacion';
export { type AjustesDeps, createAjustesHandlers, createCertificadoAutorizado } from './handlers';
export { LOGO_SETTING, leerLogo } from './impresoras';
export { tiendaConfig } from './tienda';
