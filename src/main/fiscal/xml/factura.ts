/** The `factura` XML, versions 1.1.0 (default) and 2.1.0, in XSD order and canonical form. */

import { fechaSri } from '../claveAcceso';
import type { ComprobanteFactura } from '../documento';
import { formatCentavos } from '../money';
import {
  cantidadYPrecio,
  detallesAdicionales,
  impuestoDetalle,
  infoAdicional,
  infoTributaria,
  totalConImpuestos,
} from './comun';
import { conAtributos, DECLARACION_XML, elemento, hoja, hojaOpcional } from './escape';

const infoFactura = (c: ComprobanteFactura): string =>
  elemento('infoFactura', [
    hoja('fechaEmision', fechaSri(c.fechaEmision)),
    hojaOpcional('dirEstablecimiento', c.establecimiento.direccion),
    hojaOpcional('contribuyenteEspecial', c.emisor.contribuyenteEspecial),
    hoja('obligadoContabilidad', c.emisor.obligadoContabilidad ? 'SI' : 'NO'),
    hoja('tipoIdentificacionComprador', c.comprador.tipoIdentificacion),
    hojaOpcional('guiaRemision', c.guiaRemision),
    hoja('razonSocialComprador', c.comprador.razonSocial),
    hoja('identificacionComprador', c.comprador.identificacion),
    hojaOpcional('direccionComprador', c.comprador.direccion),
    hoja('totalSinImpuestos', formatCentavos(c.totales.totalSinImpuestos)),
    hoja('totalDescuento', formatCentavos(c.totales.totalDescuento)),
    totalConImpuestos(c.totales.impuestos),
    hoja('propina', formatCentavos(c.totales.propina)),
    hoja('importeTotal', formatCentavos(c.totales.importeTotal)),
    hoja('moneda', 'DOLAR'),
    elemento(
      'pagos',
      c.pagos.map((p) =>
        elemento('pago', [
          hoja('formaPago', p.formaPago),
          hoja('total', formatCentavos(p.total)),
          hojaOpcional('plazo', p.plazo === undefined ? undefined : String(p.plazo)),
          hojaOpcional('unidadTiempo', p.unidadTiempo),
        ]),
      ),
    ),
  ]);

const detalles = (c: ComprobanteFactura): string =>
  elemento(
    'detalles',
    c.lineas.map((l) =>
      elemento('detalle', [
        hojaOpcional('codigoPrincipal', l.codigoPrincipal),
        hojaOpcional('codigoAuxiliar', l.codigoAuxiliar),
        hoja('descripcion', l.descripcion),
        hojaOpcional('unidadMedida', l.unidadMedida),
        ...cantidadYPrecio(l),
        hoja('descuento', formatCentavos(l.descuento)),
        hoja('precioTotalSinImpuesto', formatCentavos(l.precioTotalSinImpuesto)),
        detallesAdicionales(l),
        elemento('impuestos', [impuestoDetalle(l.impuestoCalculado)]),
      ]),
    ),
  );

/**
 * The root `factura` element alone, already C14N-canonical (what the signer digests).
 * @example raizFactura(c) // '<factura id="comprobante" version="1.1.0">…</factura>'
 */
export const raizFactura = (c: ComprobanteFactura): string =>
  conAtributos(
    'factura',
    { id: 'comprobante', version: c.version },
    [infoTributaria(c), infoFactura(c), detalles(c), infoAdicional(c.infoAdicional)].join(''),
  );

/**
 * The unsigned factura document: XML declaration, line feed, canonical root.
 * @example construirXmlFactura(c).startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<factura id="comprobante"') // true
 */
export const construirXmlFactura = (c: ComprobanteFactura): string =>
  `${DECLARACION_XML}${raizFactura(c)}`;
