/**
 * Which calls take a single-use approval and the lowest role that may give it. Main decides
 * this; the renderer's `rolMinimo` only filters the names shown in the dialog. The domain checks
 * its own role again when the approval arrives, so a rule here can only be stricter.
 */
import type { CallName } from '../../shared/contract';
import type { Rol } from '../db';

export const ROL_APROBACION = {
  // A price override or a discount beyond the product's limit.
  'ventas.cobrar': 'supervisor',
  'notasCredito.emitir': 'supervisor',
  'caja.movimiento': 'supervisor',
  // Closing a shift whose counted cash differs beyond the store's tolerance.
  'caja.cerrar': 'supervisor',
  'caja.fijarTolerancia': 'administrador',
  'conciliacion.marcar': 'supervisor',
  // Only for a document a supervisor put in manual review: the approval that put it there.
  'conciliacion.reintentar': 'supervisor',
  'actualizaciones.instalar': 'supervisor',
  'ajustes.guardarImpresora': 'supervisor',
  'ajustes.eliminarImpresora': 'supervisor',
  'ajustes.guardarLogo': 'supervisor',
  'ajustes.guardarEmisor': 'administrador',
  'ajustes.guardarPuntoEmision': 'administrador',
  'ajustes.cambiarAmbiente': 'administrador',
  'ajustes.fijarSecuencial': 'administrador',
  'certificado.importar': 'administrador',
  'certificado.eliminar': 'administrador',
  'certificado.confirmarOtroRuc': 'administrador',
  'ajustes.guardarLocal': 'administrador',
  'ajustes.marcarServicioTuristico': 'administrador',
  'ajustes.guardarEtiquetaBalanza': 'administrador',
  'respaldos.elegirCarpeta': 'administrador',
  'respaldos.restaurar': 'administrador',
  'respaldos.cancelarRestauracion': 'administrador',
  'actualizaciones.configurar': 'administrador',
  'usuarios.crear': 'administrador',
  'usuarios.cambiarPin': 'administrador',
  'usuarios.desactivar': 'administrador',
  'factio.guardarClave': 'administrador',
  'factio.eliminarClave': 'administrador',
  'factio.configurar': 'administrador',
  'factio.aceptarCambioEmisor': 'administrador',
  'correo.configurar': 'administrador',
  'correo.eliminar': 'administrador',
  'correo.probar': 'administrador',
} as const satisfies Partial<Record<CallName, Rol>>;

/** @example rolParaAprobar('ventas.cobrar') // 'supervisor' */
export const rolParaAprobar = (accion: CallName): Rol | null =>
  (ROL_APROBACION as Partial<Record<CallName, Rol>>)[accion] ?? null;
