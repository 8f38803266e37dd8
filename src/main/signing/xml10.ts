/**
 * XML 1.0 (Fifth Edition) well-formedness for documents without a DTD, checked before
 * @xmldom/xmldom builds the tree: xmldom is lenient (it accepts U+0001, `&#0;`, lone
 * surrogates, `]]>` in text, unquoted attributes, a bare `&`) where libxml2, xmlsec1 and the SRI
 * refuse the document (35). Also tells a real document type declaration from the same text
 * inside a comment, CDATA section or character data.
 */

export type XmlProblem = {
  /** `doctype`: a real document type declaration; `mal_formado`: any other fault. */
  kind: 'doctype' | 'mal_formado';
  /** What is wrong, in Spanish, without the position. */
  detail: string;
  /** 1-based line of the fault, counted as XML 1.0 counts line ends (CRLF, CR or LF). */
  line: number;
  /** Innermost open element at the fault, `null` outside the root. */
  element: string | null;
};

/** Any code point outside XML 1.0's `Char` production (lone surrogates included). */
export const INVALID_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** XML 1.0 §2.11: only CRLF and a lone CR become LF (U+0085 and U+2028 stay, unlike XML 1.1). */
export const normalizeLineEndingsXml10 = (input: string): string =>
  input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;

const START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_SOURCE = `[${START}][${START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040]*`;
const NAME = new RegExp(NAME_SOURCE, 'uy');
const SPACE = /[ \t\r\n]+/y;
const REFERENCE = new RegExp(`&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(${NAME_SOURCE}));`, 'uy');
const XML_DECLARATION =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/y;
const PREDEFINED = new Set(['lt', 'gt', 'amp', 'apos', 'quot']);

class Fault extends Error {
  constructor(
    readonly at: number,
    readonly detail: string,
    readonly kind: XmlProblem['kind'] = 'mal_formado',
  ) {
    super(detail);
  }
}

const lineAt = (xml: string, at: number): number => {
  let line = 1;
  for (let i = 0; i < at && i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 10 || (c === 13 && xml.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
};

const describeChar = (text: string): string => {
  const code = text.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
};

/**
 * First well-formedness fault of `xml` as XML 1.0 without a DTD, or `null`.
 * @example checkWellFormed('<a>x]]>y</a>') // { kind: 'mal_formado', line: 1, element: 'a', … }
 */
export const checkWellFormed = (xml: string): XmlProblem | null => {
  const stack: string[] = [];
  try {
    scanDocument(xml, stack);
    return null;
  } catch (error) {
    if (!(error instanceof Fault)) throw error;
    return {
      kind: error.kind,
      detail: error.detail,
      line: lineAt(xml, error.at),
      element: stack.at(-1) ?? null,
    };
  }
};

/** Where the whole problem reads well in Spanish: "línea 3, elemento <cantidad>: …". */
export const describeXmlProblem = (problem: XmlProblem): string =>
  `línea ${problem.line}${problem.element === null ? '' : `, elemento <${problem.element}>`}: ${problem.detail}`;

const checkChars = (xml: string, from: number, to: number): void => {
  const segment = xml.slice(from, to);
  const bad = INVALID_XML_CHAR.exec(segment);
  if (bad !== null) {
    throw new Fault(
      from + bad.index,
      `el carácter ${describeChar(bad[0])} no está permitido en XML 1.0`,
    );
  }
};

const readName = (xml: string, at: number, what: string): string => {
  NAME.lastIndex = at;
  const match = NAME.exec(xml);
  if (match === null) throw new Fault(at, `se esperaba el nombre de ${what}`);
  return match[0];
};

const skipSpace = (xml: string, at: number): number => {
  SPACE.lastIndex = at;
  return SPACE.test(xml) ? SPACE.lastIndex : at;
};

const isXmlChar = (code: number): boolean =>
  code === 0x9 ||
  code === 0xa ||
  code === 0xd ||
  (code >= 0x20 && code <= 0xd7ff) ||
  (code >= 0xe000 && code <= 0xfffd) ||
  (code >= 0x10000 && code <= 0x10ffff);

/** A reference at `at` (which holds `&`); returns the position after it. */
const readReference = (xml: string, at: number): number => {
  REFERENCE.lastIndex = at;
  const match = REFERENCE.exec(xml);
  if (match === null) {
    throw new Fault(at, '"&" sin escapar: escriba &amp;');
  }
  const [, decimal, hex, name] = match;
  if (name !== undefined) {
    if (!PREDEFINED.has(name)) throw new Fault(at, `la entidad &${name}; no está declarada`);
  } else {
    const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
    if (!isXmlChar(code)) {
      throw new Fault(at, `la referencia ${match[0]} no es un carácter permitido en XML 1.0`);
    }
  }
  return REFERENCE.lastIndex;
};

const readComment = (xml: string, at: number): number => {
  const body = at + 4;
  const end = xml.indexOf('-->', body);
  if (end === -1) throw new Fault(at, 'comentario sin cerrar');
  const dashes = xml.indexOf('--', body);
  if (dashes !== end) throw new Fault(dashes, 'un comentario no puede contener "--"');
  checkChars(xml, body, end);
  return end + 3;
};

const readPi = (xml: string, at: number): number => {
  const target = readName(xml, at + 2, 'la instrucción de procesamiento');
  if (target.toLowerCase() === 'xml') {
    throw new Fault(at, 'la declaración XML solo puede ir al principio del documento');
  }
  const afterTarget = at + 2 + target.length;
  if (xml.startsWith('?>', afterTarget)) return afterTarget + 2;
  const body = skipSpace(xml, afterTarget);
  if (body === afterTarget)
    throw new Fault(afterTarget, 'instrucción de procesamiento mal formada');
  const end = xml.indexOf('?>', body);
  if (end === -1) throw new Fault(at, 'instrucción de procesamiento sin cerrar');
  checkChars(xml, body, end);
  return end + 2;
};

/** Comments, PIs and white space outside the root element. */
const skipMisc = (xml: string, at: number): number => {
  let position = at;
  for (;;) {
    position = skipSpace(xml, position);
    if (xml.startsWith('<!--', position)) position = readComment(xml, position);
    else if (xml.startsWith('<?', position)) position = readPi(xml, position);
    else return position;
  }
};

const DOUBLE_QUOTED_END = /["<&]/g;
const SINGLE_QUOTED_END = /['<&]/g;

/** A start tag at `at`; pushes its name unless empty; returns the position after it. */
const readStartTag = (xml: string, at: number, stack: string[]): number => {
  const name = readName(xml, at + 1, 'elemento');
  stack.push(name);
  let position = at + 1 + name.length;
  const seen = new Set<string>();
  for (;;) {
    const afterSpace = skipSpace(xml, position);
    if (xml.startsWith('/>', afterSpace)) {
      stack.pop();
      return afterSpace + 2;
    }
    if (xml.charAt(afterSpace) === '>') return afterSpace + 1;
    if (afterSpace === position) {
      throw new Fault(position, `etiqueta <${name}> mal formada (falta un espacio, ">" o "/>")`);
    }
    const attribute = readName(xml, afterSpace, 'atributo');
    if (seen.has(attribute)) throw new Fault(afterSpace, `atributo ${attribute} repetido`);
    seen.add(attribute);
    position = skipSpace(xml, afterSpace + attribute.length);
    if (xml.charAt(position) !== '=') {
      throw new Fault(position, `al atributo ${attribute} le falta "="`);
    }
    position = skipSpace(xml, position + 1);
    const quote = xml.charAt(position);
    if (quote !== '"' && quote !== "'") {
      throw new Fault(position, `el valor del atributo ${attribute} debe ir entre comillas`);
    }
    position++;
    for (;;) {
      const stopAt = quote === '"' ? DOUBLE_QUOTED_END : SINGLE_QUOTED_END;
      stopAt.lastIndex = position;
      const next = stopAt.exec(xml);
      if (next === null) throw new Fault(position, `valor del atributo ${attribute} sin cerrar`);
      checkChars(xml, position, next.index);
      position = next.index;
      const c = xml.charAt(position);
      if (c === quote) break;
      if (c === '<') throw new Fault(position, `"<" sin escapar en el atributo ${attribute}`);
      position = readReference(xml, position);
    }
    position++;
  }
};

const readEndTag = (xml: string, at: number, stack: string[]): number => {
  const name = readName(xml, at + 2, 'elemento');
  const close = skipSpace(xml, at + 2 + name.length);
  if (xml.charAt(close) !== '>')
    throw new Fault(close, `etiqueta de cierre </${name}> mal formada`);
  const open = stack.at(-1);
  if (open !== name) {
    throw new Fault(at, `la etiqueta de cierre </${name}> no corresponde a <${open ?? ''}>`);
  }
  stack.pop();
  return close + 1;
};

const TEXT_END = /[<&]|\]\]>/g;

const scanDocument = (xml: string, stack: string[]): void => {
  let position = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (xml.startsWith('<?xml', position) && /[ \t\r\n?]/.test(xml.charAt(position + 5))) {
    XML_DECLARATION.lastIndex = position;
    if (!XML_DECLARATION.test(xml)) throw new Fault(position, 'declaración XML mal formada');
    position = XML_DECLARATION.lastIndex;
  }
  position = skipMisc(xml, position);
  if (xml.startsWith('<!DOCTYPE', position)) {
    throw new Fault(
      position,
      'el XML contiene una declaración DOCTYPE, que no se admite',
      'doctype',
    );
  }
  if (xml.charAt(position) !== '<' || xml.startsWith('<!', position)) {
    throw new Fault(position, 'falta el elemento raíz');
  }
  position = readStartTag(xml, position, stack);
  while (stack.length > 0) {
    if (position >= xml.length)
      throw new Fault(position, `falta la etiqueta de cierre </${stack.at(-1)}>`);
    if (xml.charAt(position) === '<') {
      if (xml.startsWith('</', position)) position = readEndTag(xml, position, stack);
      else if (xml.startsWith('<!--', position)) position = readComment(xml, position);
      else if (xml.startsWith('<![CDATA[', position)) {
        const end = xml.indexOf(']]>', position + 9);
        if (end === -1) throw new Fault(position, 'sección CDATA sin cerrar');
        checkChars(xml, position + 9, end);
        position = end + 3;
      } else if (xml.startsWith('<?', position)) position = readPi(xml, position);
      else if (xml.startsWith('<!', position))
        throw new Fault(position, 'declaración no permitida dentro del documento');
      else position = readStartTag(xml, position, stack);
    } else if (xml.charAt(position) === '&') {
      position = readReference(xml, position);
    } else {
      TEXT_END.lastIndex = position;
      const end = TEXT_END.exec(xml);
      const stop = end === null ? xml.length : end.index;
      checkChars(xml, position, stop);
      if (end !== null && end[0] === ']]>')
        throw new Fault(stop, '"]]>" no puede aparecer en el texto');
      position = stop;
    }
  }
  position = skipMisc(xml, position);
  if (position < xml.length) {
    throw new Fault(position, 'hay contenido después del elemento raíz');
  }
};

/**
 * Offset of the first byte that is not valid UTF-8 (overlong forms, encoded surrogates such as
 * a lone U+D800 written as ED A0 80, code points past U+10FFFF, truncated sequences), or -1.
 * Reading such a file as text would silently turn it into U+FFFD; the SRI refuses it (35).
 * @example primerByteNoUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80])) // 1
 */
export const primerByteNoUtf8 = (bytes: Uint8Array): number => {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let largo: number;
    let minimo: number;
    if (b >= 0xc2 && b <= 0xdf) [largo, minimo] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [largo, minimo] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [largo, minimo] = [4, 0x10000];
    else return i;
    if (i + largo > bytes.length) return i;
    let codigo = b & (0xff >> (largo + 1));
    for (let k = 1; k < largo; k++) {
      const c = bytes[i + k] as number;
      if ((c & 0xc0) !== 0x80) return i;
      codigo = (codigo << 6) | (c & 0x3f);
    }
    if (codigo < minimo || codigo > 0x10ffff || (codigo >= 0xd800 && codigo <= 0xdfff)) return i;
    i += largo;
  }
  return -1;
};
