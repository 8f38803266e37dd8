/**
 * Labels printed by a counter scale: EAN-13 codes in the store-internal range 20–29 carrying a
 * PLU and either the weight or the price (`2X PPPPP WWWWW C`, `2X PPPPP $$$$$ C`). Pure: the
 * catalogue lookup and the pricing stay in the caller, which owns the database.
 */
import type { ConfiguracionBalanza, PresetBalanza } from '../../shared/contract/balanza';
import { multiplicarACentavos } from '../../shared/dinero';
import { err, ok, type Result } from '../../shared/result';

/** Where the PLU and the value sit in the 12 digits before the check digit. */
export type DisenoEtiqueta = {
  /** Leading digits that mark a scale label, e.g. `['20', '21']` (each 1 or 2 digits, starting with 2). */
  prefijos: readonly string[];
  /** Digits of the PLU, right after the prefix. */
  digitosPlu: number;
  /** Digits of the weight or price, right after the PLU; the check digit follows. */
  digitosValor: number;
  /** What the value is: grams (kg with 3 decimals) or cents. */
  contenido: 'peso' | 'precio';
};

const PREFIJOS_INTERNOS = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'];

/** See `PRESETS_BALANZA`: every preset is the usual layout, as no brand default was confirmed. */
export const disenoDePreset = (
  _preset: PresetBalanza,
  contenido: DisenoEtiqueta['contenido'],
): DisenoEtiqueta => ({ prefijos: PREFIJOS_INTERNOS, digitosPlu: 5, digitosValor: 5, contenido });

export const disenoDeConfiguracion = (c: ConfiguracionBalanza): DisenoEtiqueta =>
  c.tipo === 'preset' ? disenoDePreset(c.preset, c.contenido) : c;

/**
 * `codigoBase`: the same label with a zero value (and its check digit), the in-store barcode a
 * catalogue may carry for the PLU instead of using the PLU as the product's code.
 */
export type EtiquetaBalanza =
  | { plu: string; codigoBase: string; contenido: 'peso'; gramos: number }
  | { plu: string; codigoBase: string; contenido: 'precio'; centavos: number };

/** GS1 check digit of the first 12 digits of an EAN-13. */
export const digitoControlEan13 = (doce: string): number => {
  let suma = 0;
  for (const [i, c] of [...doce].entries()) suma += Number(c) * (i % 2 === 0 ? 1 : 3);
  return (10 - (suma % 10)) % 10;
};

/**
 * Reads a scanned code as a scale label. `ok(null)`: not a label of this layout (a normal
 * barcode); `err`: it is one but unreadable (wrong check digit).
 * @example leerEtiqueta('2000123012506', disenoDePreset('cas', 'peso')) // ok({ plu: '00123', codigoBase: '2000123000008', contenido: 'peso', gramos: 1250 })
 */
export const leerEtiqueta = (
  codigo: string,
  diseno: DisenoEtiqueta,
): Result<EtiquetaBalanza | null> => {
  if (!/^\d{13}$/.test(codigo)) return ok(null);
  // Longest prefix first, so `2` does not shadow `20` in a custom layout.
  const prefijo = [...diseno.prefijos]
    .sort((a, b) => b.length - a.length)
    .find((p) => codigo.startsWith(p));
  if (prefijo === undefined) return ok(null);
  if (digitoControlEan13(codigo.slice(0, 12)) !== Number(codigo[12])) {
    return err(
      'etiqueta_balanza_invalida',
      `La etiqueta de balanza «${codigo}» no pasa el dígito verificador: se leyó mal. Vuelva a escanearla o escriba el peso a mano.`,
      'codigo',
    );
  }
  const inicioValor = prefijo.length + diseno.digitosPlu;
  const plu = codigo.slice(prefijo.length, inicioValor);
  const finValor = inicioValor + diseno.digitosValor;
  const valor = Number(codigo.slice(inicioValor, finValor));
  const base = `${codigo.slice(0, inicioValor)}${'0'.repeat(diseno.digitosValor)}${codigo.slice(finValor, 12)}`;
  const codigoBase = `${base}${digitoControlEan13(base)}`;
  return ok(
    diseno.contenido === 'peso'
      ? { plu, codigoBase, contenido: 'peso', gramos: valor }
      : { plu, codigoBase, contenido: 'precio', centavos: valor },
  );
};

/**
 * The quantity (in micros) whose line value is exactly the label's price: kg with 3 decimals
 * when one exists (what a scale weighs), else 6 decimals; units must stay whole.
 * @example cantidadParaPrecio(225, 1_800_000, 'kg') // ok(1_250_000): 1.250 kg × $1.80 = $2.25
 */
export const cantidadParaPrecio = (
  centavos: number,
  precioUnitarioMicros: number,
  unidad: string,
): Result<number> => {
  const sinPrecio = err(
    'etiqueta_balanza_precio',
    `Ninguna cantidad da exactamente $${(centavos / 100).toFixed(2)} al precio del catálogo. Revise el precio en la balanza.`,
    'codigo',
  );
  if (centavos <= 0 || precioUnitarioMicros <= 0) return sinPrecio;
  const pasos = unidad === 'unidad' ? [1_000_000] : [1000, 1];
  for (const paso of pasos) {
    // The exact quotient in steps, then its neighbours: line values round half-up to cents.
    const aproximado = (BigInt(centavos) * 10_000n * 1_000_000n) / BigInt(precioUnitarioMicros);
    const base = Number(aproximado / BigInt(paso));
    for (const n of [base, base + 1, base - 1]) {
      const cantidad = n * paso;
      if (cantidad > 0 && multiplicarACentavos(cantidad, precioUnitarioMicros) === centavos) {
        return ok(cantidad);
      }
    }
  }
  return sinPrecio;
};
