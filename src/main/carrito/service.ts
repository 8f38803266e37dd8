/**
 * The cart in progress, kept in main per emission point (one per terminal), so that a reload of
 * the page or a restart of the app brings back the same cart and the same `ventaId`. If that
 * sale was charged and the answer never reached the screen, `obtener` says so: the checkout
 * shows it as done instead of charging it twice.
 */
import {
  type CarritoGuardado,
  type CarritoObtenido,
  carritoGuardadoSchema,
} from '../../shared/contract/carrito';
import { err, ok, type Result } from '../../shared/result';
import { productoCaja } from '../catalogo';
import { type Database, getActiveConfiguration, getProduct, getSetting, setSetting } from '../db';
import type { Clock } from '../log';

const clave = (puntoId: string): string => `carrito.${puntoId}`;

type Registrada = NonNullable<CarritoObtenido['registrada']>;

export type CarritoService = ReturnType<typeof createCarritoService>;

export const createCarritoService = (deps: { db: Database; clock: Clock }) => {
  const { db } = deps;
  const venta = db.sqlite.prepare<
    [string],
    {
      documentoId: string;
      estab: string;
      ptoEmi: string;
      secuencial: number;
      total: number;
      vuelto: number;
      estado: string;
    }
  >(
    `SELECT d.id AS documentoId, d.estab, d.pto_emi AS ptoEmi, d.secuencial, d.total_cents AS total,
            s.change_cents AS vuelto, d.status AS estado
     FROM sale s JOIN document d ON d.sale_id = s.id WHERE s.id = ? AND d.cod_doc = '01'`,
  );

  const punto = (): string | null => getActiveConfiguration(db)?.emissionPoint.id ?? null;

  const registrada = (ventaId: string): Registrada | null => {
    const v = venta.get(ventaId);
    return v === undefined
      ? null
      : {
          documentoId: v.documentoId,
          numero: `${v.estab}-${v.ptoEmi}-${String(v.secuencial).padStart(9, '0')}`,
          totalCentavos: v.total,
          vueltoCentavos: v.vuelto,
          estado: v.estado,
        };
  };

  const obtener = (): Result<CarritoObtenido | null> => {
    const id = punto();
    if (id === null) return ok(null);
    const guardado = getSetting(db, clave(id), carritoGuardadoSchema);
    // A cart written by another version is not worth failing the checkout over: start anew.
    if (!guardado.ok || guardado.value === undefined) return ok(null);
    const c = guardado.value;
    const lineas = c.lineas.flatMap((l) => {
      const p = getProduct(db, l.productoId);
      return p === undefined
        ? []
        : [
            {
              producto: productoCaja(p),
              cantidad: l.cantidad,
              descuentoCentavos: l.descuentoCentavos,
            },
          ];
    });
    return ok({
      ventaId: c.ventaId,
      comprador: c.comprador,
      lineas,
      pagos: c.pagos,
      registrada: registrada(c.ventaId),
    });
  };

  const guardar = (carrito: CarritoGuardado): Result<{ guardado: true }> => {
    const id = punto();
    if (id === null) {
      return err(
        'sin_punto_emision',
        'Este equipo no tiene un punto de emisión activo. Configúrelo en Ajustes.',
      );
    }
    // Also an empty cart: it keeps the id the next sale will have.
    setSetting(db, clave(id), carrito, deps.clock);
    return ok({ guardado: true });
  };

  return { obtener, guardar };
};
