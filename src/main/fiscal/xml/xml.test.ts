import { describe, expect, it } from 'vitest';
import { facturaJsonEjemplo } from '../../../../test/fixtures/fiscal';
import { comprobanteDesdeJson } from '../documentInput';
import { escaparAtributo, escaparTexto } from './escape';
import { construirXml, DECLARACION_XML, raizComprobante } from './index';

const ejemplo = () => {
  const r = comprobanteDesdeJson(facturaJsonEjemplo());
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('escapado canónico (C14N 1.0)', () => {
  it('escapa el texto como C14N: & < > y retorno de carro', () => {
    expect(escaparTexto('a & b < c > d "e" \'f\'\r')).toBe(
      'a &amp; b &lt; c &gt; d "e" \'f\'&#xD;',
    );
  });

  it('escapa los atributos como C14N: & < " tabulador, salto de línea y retorno', () => {
    expect(escaparAtributo('a & b < c > d "e"\t\n\r')).toBe(
      'a &amp; b &lt; c > d &quot;e&quot;&#x9;&#xA;&#xD;',
    );
  });
});

describe('XML de la factura', () => {
  it('empieza con la declaración y la raíz sin espacio de nombres, id antes que version', () => {
    const xml = construirXml(ejemplo());
    expect(
      xml.startsWith(
        `${DECLARACION_XML}<factura id="comprobante" version="1.1.0"><infoTributaria>`,
      ),
    ).toBe(true);
    expect(xml.endsWith('</infoAdicional></factura>')).toBe(true);
    expect(xml.slice(DECLARACION_XML.length)).toBe(raizComprobante(ejemplo()));
  });

  it('no tiene espacios entre elementos ni etiquetas autocerradas', () => {
    const raiz = raizComprobante(ejemplo());
    expect(raiz).not.toMatch(/>\s+</);
    expect(raiz).not.toMatch(/\/>/);
  });

  it('escapa los caracteres especiales en textos y atributos', () => {
    const doc = facturaJsonEjemplo();
    doc.buyer_name = 'Pérez & Hijos <S.A.>';
    doc.additional_info = [{ name: 'Nota "A"', value: 'x < y' }];
    const r = comprobanteDesdeJson(doc);
    if (!r.ok) throw new Error(r.error.message);
    const xml = construirXml(r.value);
    expect(xml).toContain(
      '<razonSocialComprador>Pérez &amp; Hijos &lt;S.A.&gt;</razonSocialComprador>',
    );
    expect(xml).toContain('<campoAdicional nombre="Nota &quot;A&quot;">x &lt; y</campoAdicional>');
  });

  it('produce los mismos bytes para la misma entrada', () => {
    expect(construirXml(ejemplo())).toBe(construirXml(ejemplo()));
  });

  it('escribe cantidades con hasta 6 decimales y dinero con exactamente 2', () => {
    const xml = construirXml(ejemplo());
    expect(xml).toContain(
      '<cantidad>1.50</cantidad><precioUnitario>4.123456</precioUnitario><descuento>0.50</descuento><precioTotalSinImpuesto>5.69</precioTotalSinImpuesto>',
    );
    expect(xml).toContain('<tarifa>15.00</tarifa>');
    expect(xml).toContain('<importeTotal>16.09</importeTotal><moneda>DOLAR</moneda>');
  });
});
