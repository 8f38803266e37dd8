/** The `notaCredito` XML, version 1.1.0, in XSD order and canonical form. */
import { fechaSri } from '../claveAcceso';
import type { ComprobanteNotaCredito } from '../documento';
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

const infoNotaCredito = (c: ComprobanteNotaCredito): string =>
  elemento('infoNotaCredito', [
    hoja('fechaEmision', fechaSri(c.fechaEmision)),
    hojaOpcional('dirEstablecimiento', c.establecimiento.direccion),
    hoja('tipoIdentificacionComprador', c.comprador.tipoIdentificacion),
    hoja('razonSocialComprador', c.comprador.razonSocial),
    hoja('identificacionComprador', c.comprador.identificacion),
    hojaOpcional('contribuyenteEspecial', c.emisor.contribuyenteEspecial),
    hoja('obligadoContabilidad', c.emisor.obligadoContabilidad ? 'SI' : 'NO'),
    hoja('codDocModificado', c.docModificado.codDoc),
    hoja('numDocModificado', c.docModificado.numero),
    hoja('fechaEmisionDocSustento', fechaSri(c.docModificado.fechaEmision)),
    hoja('totalSinImpuestos', formatCentavos(c.totales.totalSinImpuestos)),
    hoja('valorModificacion', formatCentavos(c.totales.importeTotal)),
    hoja('moneda', 'DOLAR'),
    totalConImpuestos(c.totales.impuestos),
    hoja('motivo', c.motivo),
  ]);

const detalles = (c: ComprobanteNotaCredito): string =>
  elemento(
    'detalles',
    c.lineas.map((l) =>
      elemento('detalle', [
        hojaOpcional('codigoInterno', l.codigoPrincipal),
        hojaOpcional('codigoAdicional', l.codigoAuxiliar),
        hoja('descripcion', l.descripcion),
        ...cantidadYPrecio(l),
        hoja('descuento', formatCentavos(l.descuento)),
        hoja('precioTotalSinImpuesto', formatCentavos(l.precioTotalSinImpuesto)),
        detallesAdicionales(l),
        elemento('impuestos', [impuestoDetalle(l.impuestoCalculado)]),
      ]),
    ),
  );

/**
 * The root `notaCredito` element alone, already C14N-canonical (what the signer digests).
 * @example raizNotaCredito(c) // '<notaCredito id="comprobante" version="1.1.0">…</notaCredito>'
 */
export const raizNotaCredito = (c: ComprobanteNotaCredito): string =>
  conAtributos(
    'notaCredito',
    { id: 'comprobante', version: c.version },
    [infoTributaria(c), infoNotaCredito(c), detalles(c), infoAdicional(c.infoAdicional)].join(''),
  );

/**
 * The unsigned nota de crédito document: XML declaration, line feed, canonical root.
 * @example construirXmlNotaCredito(c).includes('<codDocModificado>01</codDocModificado>') // true
 */
export const construirXmlNotaCredito = (c: ComprobanteNotaCredito): string =>
  `${DECLARACION_XML}${raizNotaCredito(c)}`;
