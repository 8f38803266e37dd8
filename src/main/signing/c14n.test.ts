import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRI_SAMPLES_DIR } from '../../../test/fixtures/paths';
import { canonicalize, parseXml } from './c14n';
import { primerByteNoUtf8 } from './xml10';

const samples = SRI_SAMPLES_DIR;

const parse = (xml: string) => {
  const result = parseXml(xml);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

/** xmllint's --c14n is inclusive C14N 1.0 (it keeps comments, so oracle inputs have none). */
const xmllintC14n = (xml: string): string =>
  execFileSync('xmllint', ['--c14n', '-'], { input: xml }).toString('utf8');

// W3C C14N 1.0 §3.1 (PIs, comments, outside of document element)
const pisYComentarios =
  '<?xml version="1.0"?>\n\n<?xml-stylesheet   href="doc.xsl"\n   type="text/xsl"   ?>\n\n<doc>Hello, world!<!-- Comment 1 --></doc>\n\n<?pi-without-data     ?>\n\n<!-- Comment 2 -->\n\n<!-- Comment 3 -->';

const w3cExamples: Record<string, string> = {
  pis: pisYComentarios.replace(/<!--[^>]*-->/g, ''),
  // §3.2 whitespace in document content
  espacios:
    '<doc>\n   <clean>   </clean>\n   <dirty>   A   B   </dirty>\n   <mixed>\n      A\n      <clean>   </clean>\n      B\n      <dirty>   A   B   </dirty>\n      C\n   </mixed>\n</doc>',
  // §3.3 start and end tags (without the DTD-defaulted attributes)
  etiquetas:
    '<doc>\n   <e1   />\n   <e2   ></e2>\n   <e3   name = "elem3"   id="elem3"   />\n   <e4   name="elem4"   id="elem4"   ></e4>\n   <e5 a:attr="out" b:attr="sorted" attr2="all" attr="I\'m"\n      xmlns:b="http://www.ietf.org"\n      xmlns:a="http://www.w3.org"\n      xmlns="http://example.org"/>\n   <e6 xmlns="" xmlns:a="http://www.w3.org">\n      <e7 xmlns="http://www.ietf.org">\n         <e8 xmlns="" xmlns:a="http://www.w3.org">\n            <e9 xmlns="" xmlns:a="http://www.ietf.org"/>\n         </e8>\n      </e7>\n   </e6>\n</doc>',
  // §3.4 character modifications and character references (no DTD)
  caracteres:
    '<doc>\n   <text>First line&#x0d;&#10;Second line</text>\n   <value>&#x32;</value>\n   <compute><![CDATA[value>"0" && value<"10" ?"valid":"error"]]></compute>\n   <compute expr=\'value>"0" &amp;&amp; value&lt;"10" ?"valid":"error"\'>valid</compute>\n   <norm attr=\' &apos;   &#x20;&#13;&#xa;&#9;   &apos; \'/>\n</doc>',
  // §3.7 document subsets are covered below; UTF-8 content (§3.6)
  utf8: '<?xml version="1.0" encoding="UTF-8"?>\r\n<doc>Ñañez &amp; Cía. — «precio» &#169;</doc>\r\n',
  xmlLangYSaltosCrlf: '<a xml:lang="es"\r\n b="x\r\ny">\r\n<b>línea\r\notra\r</b></a>',
};

describe('canonicalize (documento completo)', () => {
  for (const [name, xml] of Object.entries(w3cExamples)) {
    it(`coincide con xmllint --c14n en el ejemplo «${name}»`, () => {
      expect(canonicalize(parse(xml))).toBe(xmllintC14n(xml));
    });
  }

  it('produce la forma canónica sin comentarios del ejemplo 3.1 del W3C', () => {
    expect(canonicalize(parse(pisYComentarios))).toBe(
      '<?xml-stylesheet href="doc.xsl"\n   type="text/xsl"   ?>\n<doc>Hello, world!</doc>\n<?pi-without-data?>',
    );
  });

  it('produce la forma canónica publicada del ejemplo 3.3 del W3C', () => {
    const canonical = canonicalize(parse(w3cExamples.etiquetas as string));
    expect(canonical).toContain(
      '<e5 xmlns="http://example.org" xmlns:a="http://www.w3.org" xmlns:b="http://www.ietf.org" attr="I\'m" attr2="all" b:attr="sorted" a:attr="out"></e5>',
    );
    expect(canonical).toContain('<e6 xmlns:a="http://www.w3.org">');
    expect(canonical).toContain('<e8 xmlns="">');
    expect(canonical).toContain('<e9 xmlns:a="http://www.ietf.org"></e9>');
  });

  for (const file of [
    'factura_V1.1.0_prueba_sin-firma.xml',
    'notaCredito_V1.1.0_prueba_sin-firma.xml',
    'factura_V1.1.0_ejemplo-ficha-SRI_sin-firma.xml',
    'factura_V1.1.0_prueba_firmada-XAdES-BES.xml',
  ]) {
    it(`coincide con xmllint --c14n en la muestra ${file}`, () => {
      const xml = readFileSync(resolve(samples, file), 'utf8');
      expect(canonicalize(parse(xml))).toBe(xmllintC14n(xml));
    });
  }
});

describe('canonicalize (subárbol en contexto)', () => {
  it('lleva al ápice los xmlns heredados y los xml:* de los ancestros', () => {
    const document = parse(
      '<a xmlns:x="urn:x" xmlns="urn:d" xmlns:y="urn:y" xml:lang="es"><b xml:space="preserve" y:k="1"><c z="2" x:w="3"/></b></a>',
    );
    const c = document.getElementsByTagName('c').item(0);
    if (c === null) throw new Error('sin c');
    expect(canonicalize(c)).toBe(
      '<c xmlns="urn:d" xmlns:x="urn:x" xmlns:y="urn:y" z="2" xml:lang="es" xml:space="preserve" x:w="3"></c>',
    );
  });

  it('no repite en los descendientes los xmlns ya emitidos en el ápice', () => {
    const document = parse(
      '<r><ds:S xmlns:ds="urn:ds"><ds:O><xa:P xmlns:xa="urn:xa" Id="p"><xa:Q><ds:D>1</ds:D></xa:Q></xa:P></ds:O></ds:S></r>',
    );
    const p = document.getElementsByTagName('xa:P').item(0);
    if (p === null) throw new Error('sin P');
    expect(canonicalize(p)).toBe(
      '<xa:P xmlns:ds="urn:ds" xmlns:xa="urn:xa" Id="p"><xa:Q><ds:D>1</ds:D></xa:Q></xa:P>',
    );
  });

  it('omite el subárbol excluido (transformación enveloped-signature) sin tocar el resto', () => {
    const document = parse(
      '<f id="c">\n  <x>1</x>\n<ds:S xmlns:ds="urn:ds"><ds:V>z</ds:V></ds:S></f>',
    );
    const root = document.documentElement;
    const signature = document.getElementsByTagName('ds:S').item(0);
    if (root === null || signature === null) throw new Error('sin nodos');
    expect(canonicalize(root, { exclude: signature })).toBe('<f id="c">\n  <x>1</x>\n</f>');
  });
});

describe('parseXml', () => {
  it('rechaza XML mal formado con un error en español en vez de lanzar', () => {
    const result = parseXml('<a><b></a>');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('xml_invalido');
  });

  it('rechaza un DOCTYPE (podría añadir atributos por defecto que la firma no vería)', () => {
    expect(parseXml('<!DOCTYPE a [<!ATTLIST a b CDATA "x">]><a/>').ok).toBe(false);
  });

  it('rechaza texto que no es XML', () => {
    expect(parseXml('esto no es xml').ok).toBe(false);
  });

  it('acepta el texto <!DOCTYPE dentro de un comentario, una sección CDATA o un texto', () => {
    for (const xml of [
      '<!-- <!DOCTYPE a> --><a/>',
      '<a><!-- <!DOCTYPE x [<!ENTITY e "1">]> --></a>',
      '<a><![CDATA[<!DOCTYPE a>]]></a>',
      '<a b="&lt;!DOCTYPE a&gt;">&lt;!DOCTYPE a&gt;</a>',
      '<?pi <!DOCTYPE a>?><a/>',
    ]) {
      expect(parseXml(xml).ok, xml).toBe(true);
    }
  });

  it('rechaza una declaración de tipo de documento real, también después de un comentario', () => {
    for (const xml of [
      '<!DOCTYPE a><a/>',
      '<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE a SYSTEM "a.dtd"><a/>',
    ]) {
      const result = parseXml(xml);
      expect(result.ok ? '' : result.error.message).toMatch(/DOCTYPE/);
    }
  });

  it('rechaza lo que XML 1.0 no admite y nombra la línea y el elemento', () => {
    const casos: [string, RegExp][] = [
      ['<a>\n<b>x]]>y</b></a>', /línea 2, elemento <b>.*\]\]>/],
      ['<a>\u0001</a>', /elemento <a>.*U\+0001/],
      ['<a>\uFFFE</a>', /U\+FFFE/],
      ['<a>&#0;</a>', /&#0;/],
      ['<a>\uD800x</a>', /U\+D800/],
      ['<a>\uDC00</a>', /U\+DC00/],
      ['<a b=1/>', /comillas/],
      ['<a>&</a>', /&amp;/],
      ['<a b="\u0002"/>', /U\+0002/],
    ];
    for (const [xml, message] of casos) {
      const result = parseXml(xml);
      expect(result.ok, JSON.stringify(xml)).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(message);
    }
  });

  it('conserva U+0085 y U+2028 como XML 1.0 (no son saltos de línea)', () => {
    const document = parse('<a b="x\u2028y\u0085">1\u20282\u00853\r\n4\r5</a>');
    expect(canonicalize(document)).toBe('<a b="x\u2028y\u0085">1\u20282\u00853\n4\n5</a>');
  });
});

describe('primerByteNoUtf8', () => {
  it('señala sustitutos codificados, formas largas, bytes sueltos y secuencias cortadas', () => {
    expect(primerByteNoUtf8(Buffer.from('aÑ€😀', 'utf8'))).toBe(-1);
    expect(primerByteNoUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(primerByteNoUtf8(Buffer.from([0xc0, 0xaf]))).toBe(0);
    expect(primerByteNoUtf8(Buffer.from([0x61, 0x80]))).toBe(1);
    expect(primerByteNoUtf8(Buffer.from([0xe2, 0x82]))).toBe(0);
    expect(primerByteNoUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
  });
});
