/**
 * Inclusive Canonical XML 1.0 without comments (http://www.w3.org/TR/2001/REC-xml-c14n-20010315)
 * over an @xmldom/xmldom tree, for a whole document or the subtree of one element, optionally
 * minus one excluded subtree (the enveloped-signature transform).
 */
import { createRequire } from 'node:module';
import type * as XmlDom from '@xmldom/xmldom';
import type { Document, Element, Node } from '@xmldom/xmldom';
import { err, ok, type Result } from '../../shared/result';
import { checkWellFormed, describeXmlProblem, normalizeLineEndingsXml10 } from './xml10';

// Loaded on first parse: our builder's output is signed without parsing (xades.canonicalRoot), so
// `firmar` of JSON documents never needs it and does not pay ~10 ms to evaluate it at start.
const load = createRequire(import.meta.url);
let xmldom: typeof XmlDom | undefined;

const XMLNS_URI = 'http://www.w3.org/2000/xmlns/';
const XML_URI = 'http://www.w3.org/XML/1998/namespace';

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PI = 7;
const DOCUMENT = 9;

/**
 * Parses XML for signing or verification exactly as XML 1.0 says (U+0085 and U+2028 stay as
 * they are, as libxml2, xmlsec1 and the SRI keep them): anything not well-formed or a DTD makes
 * it a `Result` error, since a DTD can change attribute values that C14N would then render.
 * @example parseXml('<a x="1"/>') // { ok: true, value: Document }
 */
export const parseXml = (xml: string): Result<Document> => {
  const problem = checkWellFormed(xml);
  if (problem !== null) {
    return problem.kind === 'doctype'
      ? err('xml_invalido', 'El XML contiene una declaración DOCTYPE, que no se admite.')
      : err('xml_invalido', `El XML no está bien formado (${describeXmlProblem(problem)}).`);
  }
  const problems: string[] = [];
  xmldom ??= load('@xmldom/xmldom') as typeof XmlDom;
  const parser = new xmldom.DOMParser({
    normalizeLineEndings: normalizeLineEndingsXml10,
    onError: (level, message) => {
      if (level !== 'warning') problems.push(message);
    },
  });
  let document: Document;
  try {
    document = parser.parseFromString(xml, 'text/xml');
  } catch (error) {
    return err(
      'xml_invalido',
      `El XML no está bien formado: ${error instanceof Error ? error.message.split('\n')[0] : ''}`.trim(),
    );
  }
  if (problems.length > 0 || document.documentElement === null) {
    return err(
      'xml_invalido',
      `El XML no está bien formado: ${(problems[0] ?? 'sin elemento raíz').split('\n')[0]}`,
    );
  }
  return ok(document);
};

const escapeText = (text: string): string =>
  /[&<>\r]/.test(text)
    ? text.replace(/[&<>\r]/g, (c) =>
        c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;',
      )
    : text;

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};
const escapeAttribute = (value: string): string =>
  /[&<"\t\n\r]/.test(value)
    ? value.replace(/[&<"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c)
    : value;

type Attribute = { namespaceURI: string; localName: string; name: string; value: string };

const isNamespaceDeclaration = (attribute: { namespaceURI: string | null; name: string }) =>
  attribute.namespaceURI === XMLNS_URI ||
  attribute.name === 'xmlns' ||
  attribute.name.startsWith('xmlns:');

const declaredPrefix = (name: string): string => (name === 'xmlns' ? '' : name.slice(6));

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const compareAttributes = (a: Attribute, b: Attribute): number =>
  byCodeUnits(a.namespaceURI, b.namespaceURI) || byCodeUnits(a.localName, b.localName);

/** Namespace declarations in scope at `element`, nearest first wins (apex of a subset). */
const inScopeNamespaces = (element: Element): Map<string, string> => {
  const scope = new Map<string, string>();
  for (
    let node: Node | null = element;
    node !== null && node.nodeType === ELEMENT;
    node = node.parentNode
  ) {
    const attributes = (node as Element).attributes;
    for (let i = 0; i < attributes.length; i++) {
      const attribute = attributes.item(i);
      if (attribute === null || !isNamespaceDeclaration(attribute)) continue;
      const prefix = declaredPrefix(attribute.name);
      if (!scope.has(prefix)) scope.set(prefix, attribute.value);
    }
  }
  return scope;
};

/** xml:* attributes an apex inherits from ancestors outside the subset (C14N 1.0 §2.4). */
const inheritedXmlAttributes = (element: Element): Attribute[] => {
  const found = new Map<string, Attribute>();
  for (
    let node = element.parentNode;
    node !== null && node.nodeType === ELEMENT;
    node = node.parentNode
  ) {
    const attributes = (node as Element).attributes;
    for (let i = 0; i < attributes.length; i++) {
      const attribute = attributes.item(i);
      if (attribute === null || attribute.namespaceURI !== XML_URI) continue;
      const localName = attribute.localName ?? attribute.name.slice(4);
      if (!found.has(localName) && !element.hasAttributeNS(XML_URI, localName)) {
        found.set(localName, {
          namespaceURI: XML_URI,
          localName,
          name: attribute.name,
          value: attribute.value,
        });
      }
    }
  }
  return [...found.values()];
};

const renderElement = (
  element: Element,
  rendered: ReadonlyMap<string, string>,
  apex: boolean,
  exclude: Node | null,
  out: string[],
): void => {
  const namespaces: [string, string][] = [];
  const attributes: Attribute[] = apex ? inheritedXmlAttributes(element) : [];
  let nextRendered: Map<string, string> | null = null;
  const consider = (prefix: string, uri: string): void => {
    if (prefix === 'xml') return;
    const current = rendered.get(prefix) ?? '';
    if (current === uri) return;
    namespaces.push([prefix, uri]);
    nextRendered ??= new Map(rendered);
    nextRendered.set(prefix, uri);
  };
  if (apex) {
    for (const [prefix, uri] of inScopeNamespaces(element)) consider(prefix, uri);
  }
  const own = element.attributes;
  for (let i = 0; i < own.length; i++) {
    const attribute = own.item(i);
    if (attribute === null) continue;
    if (isNamespaceDeclaration(attribute)) {
      if (!apex) consider(declaredPrefix(attribute.name), attribute.value);
      continue;
    }
    attributes.push({
      namespaceURI: attribute.namespaceURI ?? '',
      localName: attribute.localName ?? attribute.name,
      name: attribute.name,
      value: attribute.value,
    });
  }
  namespaces.sort((a, b) => byCodeUnits(a[0], b[0]));
  if (attributes.length > 1) attributes.sort(compareAttributes);
  let tag = `<${element.tagName}`;
  for (const [prefix, uri] of namespaces) {
    tag +=
      prefix === ''
        ? ` xmlns="${escapeAttribute(uri)}"`
        : ` xmlns:${prefix}="${escapeAttribute(uri)}"`;
  }
  for (const attribute of attributes)
    tag += ` ${attribute.name}="${escapeAttribute(attribute.value)}"`;
  out.push(`${tag}>`);
  renderChildren(element, nextRendered ?? rendered, exclude, out);
  out.push(`</${element.tagName}>`);
};

const renderPi = (node: Node): string => {
  const data = (node as unknown as { data: string }).data;
  return data === '' ? `<?${node.nodeName}?>` : `<?${node.nodeName} ${data}?>`;
};

const renderChildren = (
  parent: Node,
  rendered: ReadonlyMap<string, string>,
  exclude: Node | null,
  out: string[],
): void => {
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (child === exclude) continue;
    switch (child.nodeType) {
      case ELEMENT:
        renderElement(child as Element, rendered, false, exclude, out);
        break;
      case TEXT:
      case CDATA:
        out.push(escapeText((child as unknown as { data: string }).data));
        break;
      case PI:
        out.push(renderPi(child));
        break;
      default:
        // comments (without-comments variant), document type: not in the canonical form
        break;
    }
  }
};

/**
 * Canonical form of a document or of the subtree rooted at an element (in-context: the apex
 * carries every namespace declaration it inherits), without the `exclude` subtree.
 * @example canonicalize(parseXml('<a b="2" a="1"/>').value) // '<a a="1" b="2"></a>'
 */
export const canonicalize = (
  node: Document | Element,
  options: { exclude?: Node | null } = {},
): string => {
  const exclude = options.exclude ?? null;
  const out: string[] = [];
  if (node.nodeType === DOCUMENT) {
    const root = (node as Document).documentElement;
    let afterRoot = false;
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      if (child === exclude) continue;
      if (child.nodeType === ELEMENT) {
        renderElement(child as Element, new Map(), true, exclude, out);
        afterRoot = true;
      } else if (child.nodeType === PI && child.nodeName !== 'xml') {
        // xmldom exposes the XML declaration as a PI; it is not part of the canonical form
        out.push(afterRoot ? `\n${renderPi(child)}` : `${renderPi(child)}\n`);
      }
    }
    if (root === null) return '';
  } else {
    renderElement(node as Element, new Map(), true, exclude, out);
  }
  return out.join('');
};
