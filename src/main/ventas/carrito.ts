/**
 * From a checkout cart to the fiscal engine's `LineaBorrador`s: product data and the unit price
 * come from main's catalog. A different price sent by the renderer is an override that only a
 * supervisor's approval lets through (issue 15).
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
  formatMicros,
  type LineaBorrador,
  multiplicarACentavos,
  parseMicros,
} from '../fiscal';

export type ProductoVenta = {
  id: string;
  code: string;
  auxCode: string | null;
  description: string;
  ivaCodigoPorcentaje: string;
  unit: string;
  unitPriceMicro: number;
  maxDiscountBp: number;
  servicioTuristico: number;
  active: number;
};

export const createProductLookup = (sqlite: BetterSqlite3.Database) => {
  const byId = sqlite.prepare<[string], ProductoVenta>(
    `SELECT id, code, aux_code AS auxCode, description, iva_codigo_porcentaje AS ivaCodigoPorcentaje,
            unit, unit_price_micro AS unitPriceMicro, max_discount_bp AS maxDiscountBp,
            servicio_turistico AS servicioTuristico, active
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

export type LineaResuelta = {
  borrador: LineaBorrador;
  producto: ProductoVenta;
  /** The renderer asked for a price other than the catalog's (an override to approve). */
  precioDistinto: boolean;
};

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
    const pedido = linea.precioUnitarioMicros;
    const precioDistinto = pedido !== undefined && pedido !== producto.unitPriceMicro;
    resueltas.push({
      producto,
      precioDistinto,
      borrador: {
        codigoPrincipal: producto.code,
        ...(producto.auxCode === null ? {} : { codigoAuxiliar: producto.auxCode }),
        descripcion: producto.description,
        ...(producto.unit === 'unidad' ? {} : { unidadMedida: producto.unit }),
        cantidad: cantidad.value,
        precioUnitario: precioDistinto ? (pedido ?? 0) : producto.unitPriceMicro,
        descuento: linea.descuentoCentavos,
        impuesto: { codigo: CODIGO_IVA, codigoPorcentaje: producto.ivaCodigoPorcentaje },
      },
    });
  }
  return ok(resueltas);
};

/** What a supervisor approved on a line: kept in the audit log. */
export type Excepcion = {
  linea: number;
  productoId: string;
  precioCatalogoMicros: number;
  precioCobradoMicros: number;
  descuentoCentavos: number;
  descuentoMaximoCentavos: number;
};

/** The line's value at the catalog price: what the discount limit is a share of. */
const valorCatalogo = (r: LineaResuelta): number =>
  multiplicarACentavos(r.borrador.cantidad, r.producto.unitPriceMicro);

/**
 * Lines a cashier may not charge alone: a price other than the catalog's, or a discount beyond
 * the product's limit. Without an approver the first one is the Spanish error; with one, the
 * list to audit.
 */
export const verificarExcepciones = (
  resueltas: readonly LineaResuelta[],
  aprobado: boolean,
): Result<Excepcion[]> => {
  const excepciones: Excepcion[] = [];
  for (const [i, r] of resueltas.entries()) {
    const valor = valorCatalogo(r);
    const maximo = Math.floor((valor * r.producto.maxDiscountBp) / 10_000);
    const excede = r.borrador.descuento > maximo;
    if (!r.precioDistinto && !excede) continue;
    if (!aprobado) {
      if (r.precioDistinto) {
        return err(
          'precio_distinto',
          `El precio de «${r.producto.description}» en el catálogo es $${formatMicros(r.producto.unitPriceMicro)}; cobrarlo a $${formatMicros(r.borrador.precioUnitario)} necesita la aprobación de un supervisor.`,
          `lineas[${i}].precioUnitarioMicros`,
        );
      }
      const descuento = verificarDescuentos([r], [valor]);
      if (!descuento.ok) {
        return err(descuento.error.code, descuento.error.message, `lineas[${i}].descuentoCentavos`);
      }
    }
    excepciones.push({
      linea: i + 1,
      productoId: r.producto.id,
      precioCatalogoMicros: r.producto.unitPriceMicro,
      precioCobradoMicros: r.borrador.precioUnitario,
      descuentoCentavos: r.borrador.descuento,
      descuentoMaximoCentavos: maximo,
    });
  }
  return ok(excepciones);
};

/**
 * A cashier's discount stays within the product's limit (basis points of the line value);
 * beyond it a supervisor must approve the sale.
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
