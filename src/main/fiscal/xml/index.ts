/**
 * SRI XML builders.
 *
 * Canonical-form guarantee: everything after the XML declaration line is the root element
 * exactly as C14N 1.0 (inclusive, without comments) would serialise it — no namespace, the
 * attributes `id` and `version` in canonical (sorted) order, no self-closing tags, no
 * whitespace between elements, text escaped as `&amp; &lt; &gt; &#xD;` and attributes as
 * `&amp; &lt; &quot; &#x9; &#xA; &#xD;`, UTF-8 without normalisation. The signer may digest
 * `raizComprobante(c)` (or the document minus `DECLARACION_XML`) without re-canonicalising,
 * and insert `ds:Signature` right before the closing root tag. The same Comprobante always
 * gives the same bytes.
 */
import { assertNever } from '../../../shared/result';
import type { Comprobante } from '../documento';
import { construirXmlFactura, raizFactura } from './factura';
import { construirXmlNotaCredito, raizNotaCredito } from './notaCredito';

export { DECLARACION_XML, escaparAtributo, escaparTexto } from './escape';
export { construirXmlFactura, raizFactura } from './factura';
export { construirXmlNotaCredito, raizNotaCredito } from './notaCredito';

/**
 * The unsigned XML document of any comprobante.
 * @example construirXml(comprobante) // '<?xml version="1.0" encoding="UTF-8"?>\n<factura id="comprobante" version="1.1.0">…'
 */
export const construirXml = (c: Comprobante): string => {
  switch (c.tipo) {
    case 'factura':
      return construirXmlFactura(c);
    case 'notaCredito':
      return construirXmlNotaCredito(c);
    default:
      return assertNever(c);
  }
};

/**
 * The canonical root element alone (no declaration), the bytes the signer digests.
 * @example raizComprobante(comprobante).startsWith('<factura id="comprobante"') // true
 */
export const raizComprobante = (c: Comprobante): string => {
  switch (c.tipo) {
    case 'factura':
      return raizFactura(c);
    case 'notaCredito':
      return raizNotaCredito(c);
    default:
      return assertNever(c);
  }
};
