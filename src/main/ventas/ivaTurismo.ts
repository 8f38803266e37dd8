/**
 * IVA 8 % at the counter (issue 16 item 9): a product marked «servicio turístico» is sold at
 * 8 % on the decreed holidays where the store is, at its own rate otherwise; a product whose
 * catalogue rate is 8 % is refused outside those days, with the rule named.
 */
import { err, ok, type Result } from '../../shared/result';
import { feriadoTurismo, motivoSinIva8, type UbicacionTienda } from '../fiscal';
import type { LineaResuelta } from './carrito';

export const CODIGO_IVA_TURISMO = '8';

/**
 * @example aplicarIvaTurismo(resueltas, '2026-01-02', { provincia: 'Pichincha', canton: 'Quito' }) // ok(lines of tourism services at code 8)
 */
export const aplicarIvaTurismo = (
  resueltas: readonly LineaResuelta[],
  fecha: string,
  tienda: UbicacionTienda,
): Result<LineaResuelta[]> => {
  const feriado = feriadoTurismo(fecha, tienda);
  const salida: LineaResuelta[] = [];
  for (const [i, r] of resueltas.entries()) {
    if (feriado !== null && r.producto.servicioTuristico === 1) {
      salida.push({
        ...r,
        borrador: {
          ...r.borrador,
          impuesto: { ...r.borrador.impuesto, codigoPorcentaje: CODIGO_IVA_TURISMO },
        },
      });
      continue;
    }
    if (r.borrador.impuesto.codigoPorcentaje === CODIGO_IVA_TURISMO) {
      return err(
        'iva_8_fuera_de_feriado',
        `«${r.producto.description}» tiene IVA 8 % en el catálogo. ${motivoSinIva8(fecha, tienda)}`,
        `lineas[${i}]`,
      );
    }
    salida.push(r);
  }
  return ok(salida);
};
