/**
 * Scale labels against the store: the saved layout, and a scanned label turned into a catalogue
 * product with its quantity. Main prices the line from the catalogue, never from the renderer.
 */
import {
  type ConfiguracionBalanza,
  configuracionBalanzaSchema,
} from '../../shared/contract/balanza';
import { err, ok, type Result } from '../../shared/result';
import {
  type Database,
  deleteSetting,
  findProductByBarcode,
  findProductByCode,
  getSetting,
  type Product,
  setSetting,
} from '../db';
import type { Clock } from '../log';
import {
  cantidadParaPrecio,
  disenoDeConfiguracion,
  type EtiquetaBalanza,
  leerEtiqueta,
} from './etiquetaBalanza';

export const CLAVE_BALANZA = 'balanza.etiqueta';

/** The saved layout; null when the store does not use scale labels. */
export const leerConfiguracionBalanza = (db: Database): Result<ConfiguracionBalanza | null> => {
  const r = getSetting(db, CLAVE_BALANZA, configuracionBalanzaSchema);
  return r.ok ? ok(r.value ?? null) : r;
};

export const guardarConfiguracionBalanza = (
  db: Database,
  configuracion: ConfiguracionBalanza | null,
  clock: Clock,
): void => {
  if (configuracion === null) deleteSetting(db, CLAVE_BALANZA);
  else setSetting(db, CLAVE_BALANZA, configuracion, clock);
};

/**
 * The label's product: the one whose barcode is the label with a zero value (the in-store code
 * of the PLU), else the PLU as the product's code, as printed or without its leading zeros.
 */
const productoDeEtiqueta = (db: Database, etiqueta: EtiquetaBalanza): Product | undefined =>
  findProductByBarcode(db, etiqueta.codigoBase) ??
  findProductByCode(db, etiqueta.plu) ??
  findProductByCode(db, etiqueta.plu.replace(/^0+(?=\d)/, ''));

/**
 * A scanned code read as a scale label: `ok(null)` when it is not one (or labels are not used);
 * the product and its quantity in micros when it is; `err` with a Spanish message otherwise.
 * @example escanearEtiqueta(db, '2000123012505') // ok({ producto: tomate, cantidadMicros: 1_250_000 })
 */
export const escanearEtiqueta = (
  db: Database,
  codigo: string,
): Result<{ producto: Product; cantidadMicros: number } | null> => {
  const configuracion = leerConfiguracionBalanza(db);
  if (!configuracion.ok) return configuracion;
  if (configuracion.value === null) return ok(null);
  const leida = leerEtiqueta(codigo, disenoDeConfiguracion(configuracion.value));
  if (!leida.ok) return leida;
  if (leida.value === null) return ok(null);
  const etiqueta = leida.value;
  const producto = productoDeEtiqueta(db, etiqueta);
  if (producto === undefined) {
    return err(
      'plu_no_existe',
      `La etiqueta de balanza trae el PLU ${etiqueta.plu}, pero ningún producto del catálogo tiene ese código. Registre el PLU como código del producto (o la etiqueta con peso cero como su código de barras), o búsquelo por nombre.`,
      'codigo',
    );
  }
  switch (etiqueta.contenido) {
    case 'peso': {
      if (producto.unit === 'unidad') {
        return err(
          'etiqueta_balanza_unidad',
          `«${producto.description}» se vende por unidades, pero la etiqueta trae un peso. Revise el PLU en la balanza.`,
          'codigo',
        );
      }
      if (etiqueta.gramos === 0) {
        return err('etiqueta_balanza_vacia', 'La etiqueta de balanza trae peso cero.', 'codigo');
      }
      return ok({ producto, cantidadMicros: etiqueta.gramos * 1000 });
    }
    case 'precio': {
      const cantidad = cantidadParaPrecio(
        etiqueta.centavos,
        producto.unitPriceMicro,
        producto.unit,
      );
      return cantidad.ok ? ok({ producto, cantidadMicros: cantidad.value }) : cantidad;
    }
  }
};
