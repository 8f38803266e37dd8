/**
 * The checkout's catalogue calls: the scanner lookup, the product search over the FTS5 index,
 * and the buyer lookup, search and inline creation, validated with the fiscal engine.
 */
import type { z } from 'zod';
import type {
  CompradorGuardado,
  catalogoCalls,
  ProductoCaja,
} from '../../shared/contract/catalogo';
import { err, ok, type Result } from '../../shared/result';
import {
  type Buyer,
  type Database,
  findBuyerByIdentificacion,
  findProductByBarcode,
  findProductByCode,
  type IdGenerator,
  type Product,
  searchBuyers,
  searchProducts,
  upsertBuyer,
} from '../db';
import { esCodigoPorcentajeIva, TARIFAS_IVA, validarIdentificacion } from '../fiscal';
import type { Clock, Logger } from '../log';
import { escanearEtiqueta } from './balanza';

type CatalogoCalls = typeof catalogoCalls;

/** One handler per `catalogo.*` call; assignable to the app's `HandlerGroup`. */
export type CatalogoHandlers = {
  [K in keyof CatalogoCalls]: (
    input: z.output<CatalogoCalls[K]['input']>,
  ) => Result<z.output<CatalogoCalls[K]['output']>>;
};

export type CatalogoDeps = { db: Database; clock: Clock; ids: IdGenerator; logger: Logger };

/** @example productoCaja(findProductByBarcode(db, '7861234567895')) // { codigo: 'ARZ-001', tarifaIva: 0, … } */
export const productoCaja = (p: Product): ProductoCaja => ({
  id: p.id,
  codigo: p.code,
  codigoAuxiliar: p.auxCode,
  descripcion: p.description,
  precioUnitarioMicros: p.unitPriceMicro,
  ivaCodigoPorcentaje: p.ivaCodigoPorcentaje,
  tarifaIva: esCodigoPorcentajeIva(p.ivaCodigoPorcentaje)
    ? TARIFAS_IVA[p.ivaCodigoPorcentaje].tarifa
    : 0,
  unidad: p.unit,
  pesable: p.isWeighed,
  descuentoMaximoBp: p.maxDiscountBp,
  codigosBarras: p.barcodes,
});

const compradorGuardado = (b: Buyer): CompradorGuardado => ({
  id: b.id,
  tipoIdentificacion: b.tipoIdentificacion,
  identificacion: b.identificacion,
  razonSocial: b.razonSocial,
  email: b.email,
  telefono: b.telefono,
  direccion: b.direccion,
});

/** A field left empty at the counter keeps what the buyer already had on file. */
const siEscrito = <K extends string>(key: K, value: string | undefined) =>
  value === undefined || value.trim() === '' ? {} : ({ [key]: value.trim() } as Record<K, string>);

/**
 * Handlers of the `catalogo.*` calls.
 * @example const handlers = { ...createCatalogoHandlers({ db, clock, ids, logger }) };
 */
export const createCatalogoHandlers = (deps: CatalogoDeps): CatalogoHandlers => {
  const { db } = deps;
  return {
    'catalogo.escanear': ({ codigo }) => {
      // A scanner gives the barcode; a cashier typing may give the product's own code.
      const exacto = findProductByBarcode(db, codigo) ?? findProductByCode(db, codigo);
      // A code the catalogue knows wins; otherwise it may be a scale label (prefix 20–29).
      const etiqueta = exacto === undefined ? escanearEtiqueta(db, codigo) : ok(null);
      if (!etiqueta.ok) return etiqueta;
      const producto = exacto ?? etiqueta.value?.producto;
      if (producto === undefined) return ok({ producto: null, cantidadMicros: null });
      if (!producto.active) {
        return err(
          'producto_inactivo',
          `«${producto.description}» está desactivado en el catálogo y no se puede vender. Pida a un supervisor que lo active en Ajustes.`,
          'codigo',
        );
      }
      return ok({
        producto: productoCaja(producto),
        cantidadMicros: etiqueta.value?.cantidadMicros ?? null,
      });
    },

    'catalogo.buscar': ({ texto, limite }) =>
      ok({ productos: searchProducts(db, texto, { limit: limite }).map(productoCaja) }),

    'catalogo.comprador': ({ tipoIdentificacion, identificacion }) => {
      const validada = validarIdentificacion(tipoIdentificacion, identificacion, '');
      const validacion = validada.ok
        ? { valida: true, mensaje: null, advertencias: validada.value.advertencias }
        : { valida: false, mensaje: validada.error.message, advertencias: [] };
      // An invalid number cannot be a stored buyer worth offering.
      const encontrado = validada.ok ? findBuyerByIdentificacion(db, identificacion) : undefined;
      return ok({
        validacion,
        comprador: encontrado === undefined ? null : compradorGuardado(encontrado),
      });
    },

    'catalogo.buscarCompradores': ({ texto, limite }) =>
      ok({
        compradores: searchBuyers(db, texto, limite)
          .filter((b) => b.tipoIdentificacion !== '07')
          .map(compradorGuardado),
      }),

    'catalogo.guardarComprador': (input) => {
      const validada = validarIdentificacion(
        input.tipoIdentificacion,
        input.identificacion,
        input.razonSocial,
        'identificacion',
      );
      if (!validada.ok) return validada;
      const guardado = upsertBuyer(
        db,
        {
          tipoIdentificacion: input.tipoIdentificacion,
          identificacion: input.identificacion,
          razonSocial: input.razonSocial,
          ...siEscrito('email', input.email),
          ...siEscrito('telefono', input.telefono),
          ...siEscrito('direccion', input.direccion),
        },
        { clock: deps.clock, ids: deps.ids },
      );
      deps.logger.info('Comprador guardado desde la caja', { compradorId: guardado.id });
      return ok({
        comprador: compradorGuardado(guardado),
        advertencias: validada.value.advertencias,
      });
    },
  };
};
