/**
 * XML 1.0 to the letter (issue 16, item 2): on random documents full of the characters that
 * XML 1.0 and 1.1 treat differently (U+0085, U+2028), line ends, references, CDATA and a few
 * not-well-formed fragments, our parser accepts exactly what libxml2 accepts, our canonical
 * form equals `xmllint --c14n` (inclusive C14N 1.0, as the signer uses), and what we sign is
 * accepted both by our verifier (the simulator's) and by xmlsec1. Deterministic seeds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadSigningIdentity,
  trySignComprobante,
  verifyComprobanteSignature,
} from '../../src/main/signing';
import { canonicalize, parseXml } from '../../src/main/signing/c14n';
import { modernP12 } from '../fixtures/certs';

const work = mkdtempSync(join(tmpdir(), 'mostrador-xml10-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TEXT = [
  'a',
  'Ñ',
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\r\u0085',
  '\u00a0',
  '\u007f',
  '€',
  '😀',
  '>',
  '"',
  "'",
  ']]',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&#xD;',
  '&#13;',
  '&#x2028;',
  '&#133;',
  '&#9;',
  '&#xA;',
];
const ATTRIBUTE = TEXT.filter((piece) => piece !== '"').concat(['&#x22;', '&lt;']);
/** Not well-formed in XML 1.0 (libxml2 refuses them); lone surrogates cannot reach xmllint as UTF-8. */
const BROKEN = ['\u0001', '\u000b', '\uFFFE', '&#0;', '&#x1;', '&#xFFFE;', '&', '&nbsp;', '<'];

const piece = (pool: string[], broken: boolean) =>
  broken
    ? fc.oneof(
        { weight: 30, arbitrary: fc.constantFrom(...pool) },
        { weight: 1, arbitrary: fc.constantFrom(...BROKEN) },
      )
    : fc.constantFrom(...pool);

const text = (broken: boolean) =>
  fc.array(piece(TEXT, broken), { maxLength: 6 }).map((parts) => parts.join(''));

const attributes = (broken: boolean) =>
  fc
    .uniqueArray(
      fc.tuple(
        fc.constantFrom('b', 'a', 'c2', 'p:k', 'xml:lang'),
        fc.array(piece(ATTRIBUTE, broken), { maxLength: 4 }).map((parts) => parts.join('')),
        fc.constantFrom('=', ' = ', '\n=\t'),
        fc.constantFrom(' ', '\n  ', '\r\n'),
      ),
      { selector: ([name]) => name, maxLength: 3 },
    )
    .map((list) =>
      list.map(([name, value, eq, space]) => `${space}${name}${eq}"${value}"`).join(''),
    );

type Options = { broken: boolean; comments: boolean };

const content = (options: Options, depth: number): fc.Arbitrary<string> => {
  const leaves: fc.Arbitrary<string>[] = [
    text(options.broken),
    text(false).map((inside) => `<![CDATA[${inside.replace(/&/g, '<&')}]]>`),
    fc.constantFrom('<?pi?>', '<?pi  x\u2028y ?>', '<?pi a\r\nb?>'),
  ];
  if (options.comments)
    leaves.push(text(false).map((inside) => `<!-- ${inside.replace(/-/g, '')} -->`));
  if (depth > 0) leaves.push(element(options, depth - 1));
  return fc.array(fc.oneof(...leaves), { maxLength: 4 }).map((parts) => parts.join(''));
};

const element = (options: Options, depth: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom('e', 'p:e', 'x'),
      fc.constantFrom('', ' xmlns="urn:d"', ' xmlns:p="urn:q"', ' xmlns=""'),
      attributes(options.broken),
      content(options, depth),
      fc.boolean(),
    )
    .map(([name, ns, attrs, inner, empty]) =>
      empty && inner === ''
        ? `<${name}${ns}${attrs}/>`
        : `<${name}${ns}${attrs}>${inner}</${name}>`,
    );

const documento = (options: Options) =>
  fc
    .tuple(
      fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.0"?>\r\n'),
      attributes(options.broken),
      content(options, 2),
      fc.constantFrom('', '\n', '\r\n<?fin x?>\n'),
    )
    .map(
      ([prolog, attrs, inner, tail]) =>
        `${prolog}<factura id="comprobante" xmlns:p="urn:p"${attrs}>0${inner}</factura>${tail}`,
    );

const xmllintC14n = (xml: string) => {
  const result = spawnSync('xmllint', ['--c14n', '-'], { input: xml });
  return { ok: result.status === 0, canonical: result.stdout.toString('utf8') };
};

describe('XML 1.0 al pie de la letra frente a libxml2', () => {
  it('acepta lo que xmllint acepta y canoniza igual que xmllint --c14n (300 casos)', () => {
    fc.assert(
      fc.property(documento({ broken: true, comments: false }), (xml) => {
        const ours = parseXml(xml);
        const reference = xmllintC14n(xml);
        expect(ours.ok, ours.ok ? 'aceptado por nosotros' : ours.error.message).toBe(reference.ok);
        if (ours.ok) expect(canonicalize(ours.value)).toBe(reference.canonical);
      }),
      { seed: 16, numRuns: 300 },
    );
  });

  it('lo firmado lo aceptan nuestro verificador y xmlsec1 (80 casos)', () => {
    const fixture = modernP12({ ruc: '0992345675001' });
    const loaded = loadSigningIdentity(fixture.p12, fixture.password, new Date());
    if (!loaded.ok) throw new Error(loaded.error.message);
    const ca = join(work, 'ca.pem');
    writeFileSync(ca, fixture.caPem);
    let counter = 0;
    fc.assert(
      fc.property(documento({ broken: false, comments: true }), (xml) => {
        const signed = trySignComprobante(xml, loaded.value, { signingTime: new Date() });
        if (!signed.ok) throw new Error(signed.error.message);
        const file = join(work, `${counter++}.xml`);
        writeFileSync(file, signed.value);
        const xmlsec = spawnSync(
          'xmlsec1',
          [
            '--verify',
            '--enabled-key-data',
            'x509',
            '--id-attr:id',
            'factura',
            '--id-attr:Id',
            'http://uri.etsi.org/01903/v1.3.2#:SignedProperties',
            '--id-attr:Id',
            'http://www.w3.org/2000/09/xmldsig#:KeyInfo',
            '--trusted-pem',
            ca,
            file,
          ],
          { encoding: 'utf8' },
        );
        expect(xmlsec.status, xmlsec.stderr).toBe(0);
        const ours = verifyComprobanteSignature(signed.value);
        expect(ours.ok, ours.ok ? '' : ours.error.message).toBe(true);
      }),
      { seed: 2028, numRuns: 80 },
    );
  });

  it('un documento firmado por otro según XML 1.0 (U+2028, U+0085) lo verificamos como xmlsec1', () => {
    const fixture = modernP12({ ruc: '0992345675001' });
    const loaded = loadSigningIdentity(fixture.p12, fixture.password, new Date());
    if (!loaded.ok) throw new Error(loaded.error.message);
    const xml = '<factura id="comprobante"><a b="x\u2028y">l\u0085m\u2028n</a></factura>';
    const signed = trySignComprobante(xml, loaded.value, { signingTime: new Date() });
    if (!signed.ok) throw new Error(signed.error.message);
    expect(signed.value).toContain('l\u0085m\u2028n');
    expect(verifyComprobanteSignature(signed.value).ok).toBe(true);
    // the same bytes with the characters turned into line feeds are another document
    const altered = signed.value.replace('l\u0085m\u2028n', 'l\nm\nn');
    expect(verifyComprobanteSignature(altered).ok).toBe(false);
  });
});
