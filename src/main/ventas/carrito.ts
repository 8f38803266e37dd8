/**
 * From a checkout cart to the fiscal engine's `LineaBorrador`s: product data comes from the
 * catalog, the unit price is the one the cart carries (the price when it was scanned).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { CompradorCarrito, LineaCarrito } from '../../shared/contract/ventas';
import { descuentoMaximoCentavos } from '../../shared/dinero';
import { err, ok, type Result } from '../../shared/result';
import {
  CODIGO_IVA,
  CONSUMIDOR_FINAL,
  type Comprador,
  formatCentavos,
  type LineaBorrador,
  parseMicros,
} from '../fiscal';

export type ProductoVenta = {
  id: string;
  code: string;
  auxCode: string | null;
  description: string;
  ivaCodigoPorcentaje: string;
  unit: string;
  maxDiscountBp: number;
  servicioTuristico: number;
  active: number;
};

export const createProductLookup = (sqlite: BetterSqlite3.Database) => {
  const byId = sqlite.prepare<[string], ProductoVenta>(
    `SELECT id, code, aux_code AS auxCode, description, iva_codigo_porcentaje AS ivaCodigoPorcentaje,
            unit, max_discount_bp AS maxDiscountBp, servicio_turistico AS servicioTuristico, active
     FROM product WHERE id = ?`,
  );
  return (id: string): ProductoVenta | undefined => byId.get(id);
};

/** Buyer of the XML: the identified one, or consumidor final (docs/sri.md §5). */
export const compradorDe = (comprador: CompradorCarrito | null): Comprador =>
  comprador === null
    ? {
        tipoIdentificacion: CONSUMIDOR_FINAL.tipoIdentificacion,
        identificacion: CONSUMIDOR_FINAL.identificacion,
        razonSocial: CONSUMIDOR_FINAL.razonSocial,
      }
    : (Object.fromEntries(
        Object.entries(comprador).filter(([, value]) => value !== undefined && value !== ''),
      ) as Comprador);

export type LineaResuelta = { borrador: LineaBorrador; producto: ProductoVenta };

/**
 * @example lineasDesdeCarrito(carrito.lineas, buscarProducto) // ok([{ borrador: { descripcion: 'Arroz…', cantidad: 2000000, … } }])
 */
export const lineasDesdeCarrito = (
  lineas: readonly LineaCarrito[],
  buscar: (id: string) => ProductoVenta | undefined,
): Result<LineaResuelta[]> => {
  const resueltas: LineaResuelta[] = [];
  for (const [i, linea] of lineas.entries()) {
    const producto = buscar(linea.productoId);
    if (producto === undefined) {
      return err(
        'producto_no_existe',
        `La línea ${i + 1} tiene un producto que ya no está en el catálogo. Quítela y vuelva a escanearlo.`,
        `lineas[${i}].productoId`,
      );
    }
    const cantidad = parseMicros(linea.cantidad, `lineas[${i}].cantidad`);
    if (!cantidad.ok) return cantidad;
    if (producto.unit === 'unidad' && cantidad.value % 1_000_000 !== 0) {
      return err(
        'cantidad_fraccionada',
        `«${producto.description}» se vende por unidades: la cantidad debe ser entera.`,
        `lineas[${i}].cantidad`,
      );
    }
    resueltas.push({
      producto,
      borrador: {
        codigoPrincipal: producto.code,
        ...(producto.auxCode === null ? {} : { codigoAuxiliar: producto.auxCode }),
        descripcion: producto.description,
        ...(producto.unit === 'unidad' ? {} : { unidadMedida: producto.unit }),
        cantidad: cantidad.value,
        precioUnitario: linea.precioUnitarioMicros,
        descuento: linea.descuentoCentavos,
        impuesto: { codigo: CODIGO_IVA, codigoPorcentaje: producto.ivaCodigoPorcentaje },
      },
    });
  }
  return ok(resueltas);
};

/**
 * A cashier's discount stays within the product's limit (basis points of the line value);
 * beyond it a supervisor must authorize the sale.
 */
export const verificarDescuentos = (
  resueltas: readonly LineaResuelta[],
  subtotales: readonly number[],
): Result<void> => {
  for (const [i, { producto, borrador }] of resueltas.entries()) {
    const subtotal = subtotales[i] ?? 0;
    const maximo = descuentoMaximoCentavos(subtotal, producto.maxDiscountBp);
    if (borrador.descuento > maximo) {
      return err(
        'descuento_excede',
        maximo === 0
          ? `«${producto.description}» no admite descuento en caja.`
          : `El descuento de «${producto.description}» ($${formatCentavos(borrador.descuento)}) supera el máximo permitido ($${formatCentavos(maximo)}, ${producto.maxDiscountBp / 100} %).`,
        `lineas[${i}].descuentoCentavos`,
      );
    }
  }
  return ok(undefined);
};
