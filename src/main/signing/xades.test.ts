import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { modernP12 } from '../../../test/fixtures/certs';
import { facturaArb, notaCreditoArb } from '../../../test/fixtures/fiscal';
import { EJEMPLOS_DIR, SRI_SAMPLES_DIR } from '../../../test/fixtures/paths';
import { calcularComprobante, comprobanteDesdeJson, construirXml } from '../fiscal';
import { canonicalize, parseXml } from './c14n';
import { loadSigningIdentity, type SigningIdentity } from './p12';
import { verifyComprobanteSignature } from './verify';
import {
  builtRoot,
  canonicalRoot,
  formatSigningTime,
  signComprobante,
  signParsed,
  trySignComprobante,
  trySignComprobanteOffThread,
} from './xades';

const samples = SRI_SAMPLES_DIR;
const sample = (file: string) => readFileSync(resolve(samples, file), 'utf8');
const declaration = '<?xml version="1.0" encoding="UTF-8"?>';

/** The shape the fiscal builder emits: declaration + canonical root, no whitespace between elements. */
const builderLike = (xml: string): string => {
  const parsed = parseXml(xml.replace(/>\s+</g, '><'));
  if (!parsed.ok || parsed.value.documentElement === null) throw new Error('muestra ilegible');
  return declaration + canonicalize(parsed.value.documentElement);
};

let identity: SigningIdentity;
const options = { signingTime: new Date('2024-04-18T19:34:32.878Z'), randomId: () => 'fijo-1' };

beforeAll(() => {
  const fixture = modernP12({ ruc: '1790016919001' });
  const loaded = loadSigningIdentity(fixture.p12, fixture.password, new Date());
  if (!loaded.ok) throw new Error(loaded.error.message);
  identity = loaded.value;
});

describe('formatSigningTime', () => {
  it('escribe la hora de Ecuador con milisegundos y -05:00', () => {
    expect(formatSigningTime(new Date('2024-04-18T19:34:32.878Z'))).toBe(
      '2024-04-18T14:34:32.878-05:00',
    );
  });

  it('pasa al día anterior antes de las 05:00 UTC', () => {
    expect(formatSigningTime(new Date('2024-01-01T03:00:00.005Z'))).toBe(
      '2023-12-31T22:00:00.005-05:00',
    );
  });
});

describe('canonicalRoot (vía rápida)', () => {
  it('reconoce la salida del constructor como ya canónica', () => {
    const xml = builderLike(sample('factura_V1.1.0_prueba_sin-firma.xml'));
    expect(canonicalRoot(xml)?.id).toBe('comprobante');
  });

  it('reconoce como canónica la salida real de construirXml (factura y nota de crédito)', () => {
    for (const file of ['factura.json', 'nota-credito.json']) {
      const json = JSON.parse(readFileSync(resolve(EJEMPLOS_DIR, file), 'utf8'));
      const comprobante = comprobanteDesdeJson(json);
      if (!comprobante.ok) throw new Error(comprobante.error.message);
      const xml = construirXml(comprobante.value);
      expect(canonicalRoot(xml)?.id).toBe('comprobante');
      const general = signParsed(xml, identity, options);
      expect(signComprobante(xml, identity, options)).toBe(general.ok ? general.value : '');
    }
  });

  it('en la salida de construirXml, la raíz hallada por su forma es la que da el recorrido completo', async () => {
    const borradores = [
      ...fc.sample(facturaArb, { numRuns: 40, seed: 16 }),
      ...fc.sample(notaCreditoArb, { numRuns: 20, seed: 17 }),
    ];
    for (const borrador of borradores) {
      const comprobante = calcularComprobante(borrador);
      if (!comprobante.ok) throw new Error(comprobante.error.message);
      const xml = construirXml(comprobante.value);
      const recorrido = canonicalRoot(xml);
      expect(recorrido).not.toBeNull();
      expect(builtRoot(xml)).toEqual(recorrido);
    }
    const [uno] = fc.sample(facturaArb, { numRuns: 1, seed: 18 });
    const comprobante = uno === undefined ? null : calcularComprobante(uno);
    if (comprobante === null || !comprobante.ok) throw new Error('sin factura generada');
    const xml = construirXml(comprobante.value);
    const fijo = { ...options, randomId: () => 'x1' };
    const construido = trySignComprobanteOffThread(xml, identity, { ...fijo, construido: true });
    if (!construido.ok) throw new Error(construido.error.message);
    expect(await construido.value).toBe(signComprobante(xml, identity, fijo));
    // not the builder's shape: the general path, same bytes as before
    expect(builtRoot('<factura id="comprobante"><a>1</a></factura>\n')).toBeNull();
  });

  it('descarta entradas que no están en forma canónica', () => {
    expect(canonicalRoot(sample('factura_V1.1.0_prueba_sin-firma.xml'))).toBeNull(); // CRLF, &#013;
    expect(
      canonicalRoot('<factura version="1.1.0" id="comprobante"><a>1</a></factura>'),
    ).toBeNull();
    expect(canonicalRoot('<factura id="comprobante"><a/></factura>')).toBeNull();
    expect(canonicalRoot('<factura id="comprobante"><a>x > y</a></factura>')).toBeNull();
    expect(canonicalRoot('<factura id="comprobante" xmlns="urn:x"><a>1</a></factura>')).toBeNull();
    expect(canonicalRoot('<factura id="comprobante"><a>1</b></factura>')).toBeNull();
    expect(canonicalRoot('<factura id="comprobante"><!-- c --></factura>')).toBeNull();
    expect(canonicalRoot('<!DOCTYPE f><factura id="comprobante"></factura>')).toBeNull();
  });
});

describe('signComprobante', () => {
  it('da exactamente el mismo resultado por la vía rápida y por la vía general', () => {
    for (const file of [
      'factura_V1.1.0_prueba_sin-firma.xml',
      'notaCredito_V1.1.0_prueba_sin-firma.xml',
    ]) {
      const xml = builderLike(sample(file));
      const general = signParsed(xml, identity, options);
      expect(general.ok).toBe(true);
      expect(signComprobante(xml, identity, options)).toBe(general.ok ? general.value : '');
    }
  });

  it('inserta ds:Signature como último hijo sin tocar un solo byte del documento', () => {
    const xml = sample('factura_V1.1.0_prueba_sin-firma.xml');
    const signed = signComprobante(xml, identity, options);
    const at = signed.indexOf('<ds:Signature');
    expect(signed.slice(0, at)).toBe(xml.slice(0, at));
    expect(signed.slice(signed.indexOf('</ds:Signature>') + '</ds:Signature>'.length)).toBe(
      xml.slice(at),
    );
    expect(xml.slice(at)).toMatch(/^<\/factura>\s*$/);
  });

  it('produce la estructura XAdES-BES de las muestras del SRI', () => {
    const signed = signComprobante(
      builderLike(sample('factura_V1.1.0_prueba_sin-firma.xml')),
      identity,
      options,
    );
    expect(signed).toContain(
      '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="Signature-fijo-1"><ds:SignedInfo Id="SignedInfo-fijo-1">',
    );
    expect(signed).toContain(
      '<ds:Reference Id="DocumentRef-fijo-1" URI="#comprobante"><ds:Transforms>',
    );
    expect(signed).toContain(
      '<ds:Reference Id="SignedPropertiesRef-fijo-1" Type="http://uri.etsi.org/01903#SignedProperties" URI="#SignedProperties-fijo-1">',
    );
    expect(signed).toContain('<ds:Reference Id="CertificateRef-fijo-1" URI="#Certificate-fijo-1">');
    expect(signed).toContain(
      '<ds:KeyInfo Id="Certificate-fijo-1"><ds:X509Data><ds:X509Certificate>',
    );
    expect(signed).toContain(
      `<ds:Modulus>${identity.modulusBase64}</ds:Modulus><ds:Exponent>AQAB</ds:Exponent>`,
    );
    expect(signed).toContain(
      '<xades:SigningTime>2024-04-18T14:34:32.878-05:00</xades:SigningTime>',
    );
    expect(signed).toContain(`<ds:X509IssuerName>${identity.issuerName}</ds:X509IssuerName>`);
    expect(signed).toContain(`<ds:X509SerialNumber>${identity.serialNumber}</ds:X509SerialNumber>`);
    expect(signed).toContain('<xades:DataObjectFormat ObjectReference="#DocumentRef-fijo-1">');
    expect(signed).toMatch(/<\/ds:Object><\/ds:Signature><\/factura>$/);
  });

  it('firma documentos que nuestro verificador acepta, también los CRLF de prueba', () => {
    for (const file of [
      'factura_V1.1.0_prueba_sin-firma.xml',
      'notaCredito_V1.1.0_prueba_sin-firma.xml',
    ]) {
      const checked = verifyComprobanteSignature(signComprobante(sample(file), identity, options));
      expect(checked).toMatchObject({
        ok: true,
        value: { signingTime: '2024-04-18T14:34:32.878-05:00' },
      });
    }
  });

  it('firma en contexto una raíz que declara espacios de nombres', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<factura xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="comprobante" version="1.1.0"><a>1</a></factura>\n';
    const checked = verifyComprobanteSignature(signComprobante(xml, identity, options));
    expect(checked.ok).toBe(true);
  });

  it('devuelve errores en español para entradas que no son un comprobante firmable', () => {
    expect(trySignComprobante('<factura><a>', identity, options)).toMatchObject({
      ok: false,
      error: { code: 'xml_invalido' },
    });
    expect(
      trySignComprobante('<factura version="1"><a>1</a></factura>', identity, options),
    ).toMatchObject({
      ok: false,
      error: { code: 'xml_invalido' },
    });
    const signed = signComprobante(
      sample('factura_V1.1.0_prueba_sin-firma.xml'),
      identity,
      options,
    );
    expect(trySignComprobante(signed, identity, options)).toMatchObject({
      ok: false,
      error: { code: 'xml_ya_firmado' },
    });
    expect(() => signComprobante('no es xml', identity, options)).toThrow(/XML/);
  });
});

describe('trySignComprobanteOffThread', () => {
  it('da los mismos bytes que la firma síncrona, por la vía rápida y por la general', async () => {
    for (const xml of [
      builderLike(sample('factura_V1.1.0_prueba_sin-firma.xml')),
      sample('notaCredito_V1.1.0_prueba_sin-firma.xml'),
      `\ufeff${sample('factura_V1.1.0_prueba_sin-firma.xml')}`,
    ]) {
      const offThread = trySignComprobanteOffThread(xml, identity, options);
      if (!offThread.ok) throw new Error(offThread.error.message);
      expect(await offThread.value).toBe(signComprobante(xml, identity, options));
    }
  });

  it('rechaza sin firmar lo que no es un comprobante firmable, con los mismos errores', () => {
    const signed = signComprobante(
      sample('factura_V1.1.0_prueba_sin-firma.xml'),
      identity,
      options,
    );
    for (const xml of ['<factura><a>', signed]) {
      expect(trySignComprobanteOffThread(xml, identity, options)).toEqual(
        trySignComprobante(xml, identity, options),
      );
    }
  });
});

describe('vía rápida: solidez', () => {
  const names = fc.constantFrom('a', 'b', 'detalle', 'x.y', 'c_1');
  const text = fc.string({
    unit: fc.constantFrom(
      'a',
      'ñ',
      ' ',
      '\n',
      '\t',
      '&amp;',
      '&lt;',
      '&gt;',
      '&#xD;',
      '&#13;',
      '\r',
      '>',
      '"',
      "'",
      '&quot;',
      '😀',
    ),
  });
  const attributes = fc.uniqueArray(
    fc.tuple(fc.constantFrom('id', 'version', 'nombre', 'z', 'a'), text),
    {
      selector: ([name]) => name,
      maxLength: 3,
    },
  );
  type Tree = {
    name: string;
    attributes: [string, string][];
    children: (Tree | string)[];
    selfClose: boolean;
  };
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
    node: fc.record({
      name: names,
      attributes,
      children: fc.array(fc.oneof({ depthSize: 'small' }, text, tie('node')), { maxLength: 3 }),
      selfClose: fc.boolean(),
    }),
  })).node;
  const quote = fc.constantFrom('"', "'");
  const render = (node: Tree, q: string, sorted: boolean): string => {
    const attrs = (
      sorted ? [...node.attributes].sort((x, y) => (x[0] < y[0] ? -1 : 1)) : node.attributes
    )
      .map(
        ([name, value]) =>
          ` ${name}=${q}${value.replace(/</g, '&lt;').replace(new RegExp(q, 'g'), q === '"' ? '&quot;' : '&apos;')}${q}`,
      )
      .join('');
    if (node.children.length === 0 && node.selfClose) return `<${node.name}${attrs}/>`;
    const inner = node.children
      .map((child) =>
        typeof child === 'string' ? child.replace(/</g, '&lt;') : render(child, q, sorted),
      )
      .join('');
    return `<${node.name}${attrs}>${inner}</${node.name}>`;
  };

  it('solo toma la vía rápida cuando los bytes ya son la forma canónica', () => {
    fc.assert(
      fc.property(tree, quote, fc.boolean(), (root, q, sorted) => {
        const xml =
          declaration +
          render(
            {
              ...root,
              attributes: [['id', 'comprobante'], ...root.attributes.filter(([n]) => n !== 'id')],
            },
            q,
            sorted,
          );
        const parsed = parseXml(xml);
        const fast = canonicalRoot(xml);
        if (!parsed.ok || parsed.value.documentElement === null) {
          expect(fast).toBeNull();
          return;
        }
        const canonical = canonicalize(parsed.value.documentElement);
        if (fast !== null) expect(fast.digest).toBe(canonical);
        // and canonical input is always recognised
        expect(canonicalRoot(declaration + canonical)?.digest).toBe(canonical);
      }),
      { numRuns: 300 },
    );
  });
});
