import { err } from '../../shared/result';
import type { Aprobaciones } from '../aprobaciones';
import type { AppUser } from '../db';
import type { HandlerGroup } from '../rpc';
import type { EmisionService } from './service';

export type VentasHandlersDeps = {
  emision: EmisionService;
  aprobaciones: Aprobaciones;
  /** The counter's logged-in user: nobody logged in sells nothing (issue 15). */
  usuarioActual: () => AppUser | null;
};

export const MENSAJE_SIN_SESION =
  'Nadie ha ingresado en esta caja: ingrese con su PIN para vender.';
export const MENSAJE_SIN_TURNO =
  'No hay un turno de caja abierto: ábralo con el fondo de caja para cobrar (cada venta va a un reporte Z).';

/** `ventas.*` calls: the checkout's running totals and the one-keystroke Cobrar. */
export const createVentasHandlers = (
  deps: VentasHandlersDeps,
): HandlerGroup<'ventas.calcular' | 'ventas.cobrar'> => ({
  'ventas.calcular': (carrito) => deps.emision.calcular(carrito),
  'ventas.cobrar': (input) => {
    if (deps.usuarioActual() === null) return err('sin_sesion', MENSAJE_SIN_SESION);
    if (!deps.emision.hayTurnoAbierto()) return err('sin_turno', MENSAJE_SIN_TURNO);
    const { aprobacion, ...carrito } = input;
    let aprobadoPor: AppUser | null = null;
    if (aprobacion !== undefined) {
      const usado = deps.aprobaciones.consumir(aprobacion.token, 'ventas.cobrar', input);
      if (!usado.ok) return usado;
      aprobadoPor = usado.value;
    }
    return deps.emision.cobrar(carrito, aprobadoPor);
  },
});
