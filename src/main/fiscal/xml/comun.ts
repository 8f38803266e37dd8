/** Pieces shared by the factura and nota de crédito builders. */
import type { CampoAdicional, Comprobante, Linea } from '../documento';
import { formatCentavos, formatMicros } from '../money';
import { formatTarifa, type ImpuestoCalculado } from '../taxes';
import { conAtributos, elemento, escaparTexto, hoja, hojaOpcional } from './escape';

/**
 * `infoTributaria`, in XSD order.
 * @example infoTributaria(comprobante) // '<infoTributaria><ambiente>1</ambiente>…</infoTributaria>'
 */
export const infoTributaria = (c: Comprobante): string =>
  elemento('infoTributaria', [
    hoja('ambiente', c.ambiente),
    hoja('tipoEmision', '1'),
    hoja('razonSocial', c.emisor.razonSocial),
    hojaOpcional('nombreComercial', c.emisor.nombreComercial),
    hoja('ruc', c.emisor.ruc),
    hoja('claveAcceso', c.claveAcceso),
    hoja('codDoc', c.codDoc),
    hoja('estab', c.establecimiento.codigo),
    hoja('ptoEmi', c.puntoEmision),
    hoja('secuencial', c.secuencial),
    hoja('dirMatriz', c.emisor.dirMatriz),
    hojaOpcional('agenteRetencion', c.emisor.agenteRetencion),
    hojaOpcional('contribuyenteRimpe', c.emisor.contribuyenteRimpe),
  ]);

/**
 * The `impuesto` of a detail line (tarifa included, as both XSDs allow).
 * @example impuestoDetalle(linea.impuestoCalculado) // '<impuesto><codigo>2</codigo>…</impuesto>'
 */
export const impuestoDetalle = (i: ImpuestoCalculado): string =>
  elemento('impuesto', [
    hoja('codigo', i.codigo),
    hoja('codigoPorcentaje', i.codigoPorcentaje),
    hoja('tarifa', formatTarifa(i.tarifa)),
    hoja('baseImponible', formatCentavos(i.baseImponible)),
    hoja('valor', formatCentavos(i.valor)),
  ]);

/**
 * `totalConImpuestos`: one `totalImpuesto` per (codigo, codigoPorcentaje), without `tarifa`
 * (the nota de crédito XSD has none; the SRI samples of factura omit it too).
 * @example totalConImpuestos(c.totales.impuestos) // '<totalConImpuestos>…</totalConImpuestos>'
 */
export const totalConImpuestos = (impuestos: readonly ImpuestoCalculado[]): string =>
  elemento(
    'totalConImpuestos',
    impuestos.map((i) =>
      elemento('totalImpuesto', [
        hoja('codigo', i.codigo),
        hoja('codigoPorcentaje', i.codigoPorcentaje),
        hoja('baseImponible', formatCentavos(i.baseImponible)),
        hoja('valor', formatCentavos(i.valor)),
      ]),
    ),
  );

/**
 * `detallesAdicionales` (≤ 3 `detAdicional`), or nothing.
 * @example detallesAdicionales(linea) // '<detallesAdicionales><detAdicional nombre="Lote" valor="A1"></detAdicional></detallesAdicionales>'
 */
export const detallesAdicionales = (linea: Linea): string =>
  linea.detallesAdicionales.length === 0
    ? ''
    : elemento(
        'detallesAdicionales',
        linea.detallesAdicionales.map((d) =>
          conAtributos('detAdicional', { nombre: d.nombre, valor: d.valor }, ''),
        ),
      );

/**
 * Quantity and unit price with up to 6 decimals.
 * @example cantidadYPrecio(linea) // ['<cantidad>1.50</cantidad>', '<precioUnitario>4.123456</precioUnitario>']
 */
export const cantidadYPrecio = (linea: Linea): string[] => [
  hoja('cantidad', formatMicros(linea.cantidad)),
  hoja('precioUnitario', formatMicros(linea.precioUnitario)),
];

/**
 * `infoAdicional` with its `campoAdicional` (≤ 15), or nothing when empty.
 * @example infoAdicional([{ nombre: 'Correo', valor: 'a@b.ec' }]) // '<infoAdicional><campoAdicional nombre="Correo">a@b.ec</campoAdicional></infoAdicional>'
 */
export const infoAdicional = (campos: readonly CampoAdicional[]): string =>
  campos.length === 0
    ? ''
    : elemento(
        'infoAdicional',
        campos.map((c) =>
          conAtributos('campoAdicional', { nombre: c.nombre }, escaparTexto(c.valor)),
        ),
      );
