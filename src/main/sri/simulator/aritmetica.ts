/**
 * The SRI's arithmetic check on reception (52 "ERROR EN DIFERENCIAS", docs/sri.md §4): lines against
 * `totalSinImpuestos`, the taxes against their bases and rates, `importeTotal` against the
 * subtotal, taxes and tip and against the payments; `valorModificacion` for notas de crédito.
 * Exact integer arithmetic (BigInt at 10⁻¹² for quantity × price). Sums must agree exactly;
 * a product or a tax value rounded by the emitter may differ by one cent (the SRI's tolerance
 * is unpublished; our builder is exact).
 */
import type { Element } from '@xmldom/xmldom';
import { hijo, hijos, textoHijo } from '../soap';

/** IVA codigoPorcentaje → rate in percent (docs/sri.md §4); 6/7 are 0 %. */
const TARIFAS_IVA: Record<string, bigint> = {
  '0': 0n,
  '2': 12n,
  '3': 14n,
  '4': 15n,
  '5': 5n,
  '6': 0n,
  '7': 0n,
  '8': 8n,
  '10': 13n,
};

/** A decimal string at `escala` decimals as an integer, or null (the XSD already checked it). */
const escalado = (texto: string | null, escala: number): bigint | null => {
  const limpio = (texto ?? '').trim();
  const partes = /^(-?)(\d+)(?:\.(\d+))?$/.exec(limpio);
  if (partes === null) return null;
  const decimales = partes[3] ?? '';
  if (decimales.length > escala && /[1-9]/.test(decimales.slice(escala))) return null;
  const valor = BigInt(`${partes[2]}${decimales.slice(0, escala).padEnd(escala, '0')}`);
  return partes[1] === '-' ? -valor : valor;
};

const centavos = (padre: Element, nombre: string): bigint | null =>
  escalado(textoHijo(padre, nombre), 2);

/** Half-up division of a non-negative numerator. */
const redondear = (numerador: bigint, divisor: bigint): bigint =>
  (numerador * 2n + divisor) / (divisor * 2n);

const dinero = (c: bigint): string => {
  const negativo = c < 0n;
  const abs = negativo ? -c : c;
  return `${negativo ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
};

const distinto = (a: bigint, b: bigint, tolerancia = 0n): boolean =>
  (a > b ? a - b : b - a) > tolerancia;

type Clave = string;
type Totales = Map<Clave, bigint>;

/** Per-line checks; returns Σ precioTotalSinImpuesto and the bases per tax, or a problem. */
const revisarLineas = (raiz: Element): { suma: bigint; bases: Totales } | { problema: string } => {
  let suma = 0n;
  const bases: Totales = new Map();
  const detalles = hijos(hijo(raiz, 'detalles') ?? raiz, 'detalle');
  for (const [i, linea] of detalles.entries()) {
    const n = i + 1;
    const cantidad = escalado(textoHijo(linea, 'cantidad'), 6);
    const precio = escalado(textoHijo(linea, 'precioUnitario'), 6);
    const descuento = centavos(linea, 'descuento') ?? 0n;
    const total = centavos(linea, 'precioTotalSinImpuesto');
    if (cantidad === null || precio === null || total === null) {
      return {
        problema: `detalle ${n}: cantidad, precioUnitario o precioTotalSinImpuesto ilegible.`,
      };
    }
    // cantidad × precio at 10⁻¹², rounded half-up to cents
    const bruto = redondear(cantidad * precio, 10n ** 10n);
    if (distinto(bruto - descuento, total, 1n)) {
      return {
        problema: `detalle ${n}: precioTotalSinImpuesto ${dinero(total)} no es cantidad × precioUnitario − descuento = ${dinero(bruto - descuento)}.`,
      };
    }
    suma += total;
    for (const impuesto of hijos(hijo(linea, 'impuestos') ?? linea, 'impuesto')) {
      const clave = `${textoHijo(impuesto, 'codigo')?.trim()}/${textoHijo(impuesto, 'codigoPorcentaje')?.trim()}`;
      const base = centavos(impuesto, 'baseImponible') ?? 0n;
      bases.set(clave, (bases.get(clave) ?? 0n) + base);
    }
  }
  return { suma, bases };
};

/** The tax totals: each base against Σ lines, each IVA value against base × rate. */
const revisarImpuestos = (
  totalConImpuestos: Element | null,
  bases: Totales,
): { valores: bigint } | { problema: string } => {
  let valores = 0n;
  if (totalConImpuestos === null) return { valores };
  for (const total of hijos(totalConImpuestos, 'totalImpuesto')) {
    const codigo = textoHijo(total, 'codigo')?.trim() ?? '';
    const porcentaje = textoHijo(total, 'codigoPorcentaje')?.trim() ?? '';
    const base = centavos(total, 'baseImponible');
    const valor = centavos(total, 'valor');
    if (base === null || valor === null) {
      return { problema: `totalImpuesto ${codigo}/${porcentaje}: baseImponible o valor ilegible.` };
    }
    const descuentoAdicional = centavos(total, 'descuentoAdicional') ?? 0n;
    const deLineas = bases.get(`${codigo}/${porcentaje}`);
    if (deLineas !== undefined && distinto(deLineas - descuentoAdicional, base)) {
      return {
        problema: `totalImpuesto ${codigo}/${porcentaje}: baseImponible ${dinero(base)} no es la suma de las líneas ${dinero(deLineas - descuentoAdicional)}.`,
      };
    }
    const tarifa = codigo === '2' ? TARIFAS_IVA[porcentaje] : undefined;
    if (tarifa !== undefined && base >= 0n) {
      const esperado = redondear(base * tarifa, 100n);
      if (distinto(valor, esperado, 1n)) {
        return {
          problema: `totalImpuesto IVA ${porcentaje}: valor ${dinero(valor)} no es ${tarifa} % de ${dinero(base)} (${dinero(esperado)}).`,
        };
      }
    }
    valores += valor;
  }
  return { valores };
};

/**
 * First arithmetic difference of a factura or nota de crédito, or `null`.
 * @example problemaAritmetico(raiz, 'factura') // 'importeTotal 2.54 no es totalSinImpuestos + impuestos + propina = 2.53.'
 */
export const problemaAritmetico = (
  raiz: Element,
  tipo: 'factura' | 'notaCredito',
): string | null => {
  const info = hijo(raiz, tipo === 'factura' ? 'infoFactura' : 'infoNotaCredito');
  if (info === null) return null;
  const lineas = revisarLineas(raiz);
  if ('problema' in lineas) return lineas.problema;
  const totalSinImpuestos = centavos(info, 'totalSinImpuestos');
  if (totalSinImpuestos === null) return 'totalSinImpuestos ilegible.';
  if (distinto(lineas.suma, totalSinImpuestos)) {
    return `totalSinImpuestos ${dinero(totalSinImpuestos)} no es la suma de los detalles ${dinero(lineas.suma)}.`;
  }
  const impuestos = revisarImpuestos(hijo(info, 'totalConImpuestos'), lineas.bases);
  if ('problema' in impuestos) return impuestos.problema;
  if (tipo === 'notaCredito') {
    const valorModificacion = centavos(info, 'valorModificacion');
    const esperado = totalSinImpuestos + impuestos.valores;
    if (valorModificacion === null || distinto(valorModificacion, esperado)) {
      return `valorModificacion ${valorModificacion === null ? 'ilegible' : dinero(valorModificacion)} no es totalSinImpuestos + impuestos = ${dinero(esperado)}.`;
    }
    return null;
  }
  const importeTotal = centavos(info, 'importeTotal');
  const propina = centavos(info, 'propina') ?? 0n;
  const esperado = totalSinImpuestos + impuestos.valores + propina;
  if (importeTotal === null || distinto(importeTotal, esperado)) {
    return `importeTotal ${importeTotal === null ? 'ilegible' : dinero(importeTotal)} no es totalSinImpuestos + impuestos + propina = ${dinero(esperado)}.`;
  }
  const pagos = hijo(info, 'pagos');
  if (pagos !== null) {
    let suma = 0n;
    for (const pago of hijos(pagos, 'pago')) suma += centavos(pago, 'total') ?? 0n;
    if (distinto(suma, importeTotal)) {
      return `la suma de los pagos ${dinero(suma)} no es importeTotal ${dinero(importeTotal)}.`;
    }
  }
  return null;
};
