/**
 * XAdES-BES enveloped signature of a comprobante, in the layout the SRI accepts (docs/sri.md §6).
 * The signature parts are built as strings already in canonical form, so their digests are
 * plain hashes of known bytes; only the comprobante itself may need parsing and C14N.
 */
import { createHash, randomUUID, sign as rsaSign } from 'node:crypto';
import { err, ok, type Result } from '../../shared/result';
import { canonicalize, parseXml } from './c14n';
import type { SigningIdentity } from './signingIdentity';
import { INVALID_XML_CHAR } from './xml10';

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const XADES_NS = 'http://uri.etsi.org/01903/v1.3.2#';
const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const RSA_SHA1 = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
const SHA1 = 'http://www.w3.org/2000/09/xmldsig#sha1';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties';

export type SignOptions = {
  /** Instant written in xades:SigningTime (shown in Ecuador time, -05:00). */
  signingTime: Date;
  /** Source of the Id suffix shared by the signature parts; defaults to a random UUID. */
  randomId?: () => string;
  /**
   * The XML is `fiscal/xml`'s output, canonical by construction (its guarantee, in
   * `src/main/fiscal/xml/index.ts`): the signer locates the root without checking every tag.
   * A batch (`firmar --out-dir` of JSON documents) saves that scan per document.
   */
  construido?: boolean;
};

const ECUADOR_OFFSET_MS = 5 * 3_600_000;
const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * SigningTime in Ecuador time (UTC−05:00, no daylight saving).
 * @example formatSigningTime(new Date('2024-04-18T19:34:32.878Z')) // '2024-04-18T14:34:32.878-05:00'
 */
export const formatSigningTime = (instant: Date): string => {
  const local = new Date(instant.getTime() - ECUADOR_OFFSET_MS);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `.${pad(local.getUTCMilliseconds(), 3)}-05:00`
  );
};

const escapeText = (text: string): string =>
  text.replace(/[&<>\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;',
  );
const escapeAttribute = (value: string): string =>
  value.replace(/[&<"\t\n\r]/g, (c) =>
    c === '&'
      ? '&amp;'
      : c === '<'
        ? '&lt;'
        : c === '"'
          ? '&quot;'
          : c === '\t'
            ? '&#x9;'
            : c === '\n'
              ? '&#xA;'
              : '&#xD;',
  );

const sha1Base64 = (data: string): string =>
  createHash('sha1').update(data, 'utf8').digest('base64');

/** What the signature must know about the comprobante it is inserted into. */
type Target = {
  /** Canonical form of the root element (the document reference's digest input). */
  digest: string;
  /** The root's id value (Reference URI). */
  id: string;
  /** Where the signature goes: just before the root's end tag. */
  insertAt: number;
  /**
   * Namespace declarations and xml:* attributes in scope at the root, which every
   * in-context canonical form of a signature part inherits.
   */
  inherited: { namespaces: Map<string, string>; xmlAttributes: [string, string][] };
};

// --- fast path: the fiscal builder's output is already canonical ---

const NAME = '[A-Za-z_][A-Za-z0-9_.-]*';
const ATTRIBUTE_VALUE = '[^"<&\\t\\n\\r\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]*';
const ATTRIBUTE_REF = '&(?:amp|lt|quot|#x9|#xA|#xD);';
const START_TAG = new RegExp(
  `<(${NAME})((?: ${NAME}="${ATTRIBUTE_VALUE}(?:${ATTRIBUTE_REF}${ATTRIBUTE_VALUE})*")*)>`,
  'y',
);
const END_TAG = new RegExp(`</(${NAME})>`, 'y');
const TEXT_CHARS = '[^<>&\\r\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]*';
const TEXT = new RegExp(`${TEXT_CHARS}(?:&(?:amp|lt|gt|#xD);${TEXT_CHARS})*`, 'y');
const ATTRIBUTE_NAMES = new RegExp(` (${NAME})="`, 'g');
const PROLOG =
  /^(?:<\?xml version="1\.[01]"(?: encoding="(?:UTF|utf)-8")?(?: standalone="(?:yes|no)")?\s*\?>)?\s*/;

const attributesCanonical = (attributes: string): boolean => {
  if (attributes === '') return true;
  let previous = '';
  for (const match of attributes.matchAll(ATTRIBUTE_NAMES)) {
    const name = match[1] as string;
    if (name === 'xmlns' || name <= previous) return false;
    previous = name;
  }
  return true;
};

/**
 * Finds the root when the whole element is already in C14N form (no namespaces, sorted
 * attributes, expanded empty elements, canonical escapes, no CR, comments, PIs or CDATA):
 * then its bytes are their own canonical form. Returns `null` whenever unsure.
 */
export const canonicalRoot = (xml: string): Target | null => {
  const prolog = PROLOG.exec(xml);
  let position = prolog === null ? 0 : prolog[0].length;
  const rootStart = position;
  const stack: string[] = [];
  let id: string | null = null;
  for (;;) {
    START_TAG.lastIndex = position;
    const start = START_TAG.exec(xml);
    if (start !== null) {
      const attributes = start[2] as string;
      if (!attributesCanonical(attributes)) return null;
      if (stack.length === 0) {
        if (position !== rootStart) return null;
        id = / id="([^"&]*)"/.exec(attributes)?.[1] ?? null;
      }
      stack.push(start[1] as string);
      position = START_TAG.lastIndex;
    } else {
      END_TAG.lastIndex = position;
      const end = END_TAG.exec(xml);
      if (end === null) return null;
      if (stack.pop() !== end[1]) return null;
      if (stack.length === 0) {
        const insertAt = position;
        if (id === null || !/^\s*$/.test(xml.slice(END_TAG.lastIndex))) return null;
        return {
          digest: xml.slice(rootStart, END_TAG.lastIndex),
          id,
          insertAt,
          inherited: { namespaces: new Map(), xmlAttributes: [] },
        };
      }
      position = END_TAG.lastIndex;
    }
    if (stack.length === 0) return null;
    TEXT.lastIndex = position;
    TEXT.exec(xml);
    position = TEXT.lastIndex;
  }
};

/**
 * The root of `fiscal/xml`'s output, found from its known shape (declaration, root, nothing
 * after it) instead of scanning it; `null` when the text does not have that shape.
 * @example builtRoot(construirXml(c))?.id // 'comprobante'
 */
export const builtRoot = (xml: string): Target | null => {
  const prolog = PROLOG.exec(xml);
  const rootStart = prolog === null ? 0 : prolog[0].length;
  const startTagEnd = xml.indexOf('>', rootStart);
  const insertAt = xml.lastIndexOf('</');
  const id = / id="([^"&]*)"/.exec(xml.slice(rootStart, startTagEnd))?.[1];
  if (startTagEnd === -1 || insertAt <= startTagEnd || id === undefined || !xml.endsWith('>')) {
    return null;
  }
  return {
    digest: xml.slice(rootStart),
    id,
    insertAt,
    inherited: { namespaces: new Map(), xmlAttributes: [] },
  };
};

// --- general path: any well-formed comprobante ---

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const locateEndTag = (xml: string, name: string): number => {
  const trailing = new RegExp(
    `^</${name.replace(/[.]/g, '\\.')}\\s*>(?:\\s|<!--[\\s\\S]*?-->|<\\?[\\s\\S]*?\\?>)*$`,
  );
  for (
    let at = xml.lastIndexOf(`</${name}`);
    at !== -1;
    at = xml.lastIndexOf(`</${name}`, at - 1)
  ) {
    if (trailing.test(xml.slice(at))) return at;
  }
  return -1;
};

const parsedTarget = (xml: string): Result<Target> => {
  const declared = /^\s*<\?xml[^?]*encoding=["']([^"']+)["']/.exec(xml)?.[1];
  if (declared !== undefined && declared.toUpperCase() !== 'UTF-8') {
    return err('xml_invalido', `El XML declara la codificación ${declared}; el SRI exige UTF-8.`);
  }
  const parsed = parseXml(xml);
  if (!parsed.ok) return parsed;
  const root = parsed.value.documentElement;
  if (root === null) return err('xml_invalido', 'El XML no tiene elemento raíz.');
  const id = root.getAttribute('id') ?? '';
  if (id === '') {
    return err('xml_invalido', `La raíz <${root.tagName}> no tiene el atributo id="comprobante".`);
  }
  for (let node = root.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1 && node.namespaceURI === DSIG_NS && node.localName === 'Signature') {
      return err('xml_ya_firmado', 'El comprobante ya está firmado.');
    }
  }
  const insertAt = locateEndTag(xml, root.tagName);
  if (insertAt === -1 || root.firstChild === null) {
    return err('xml_invalido', `No se encontró la etiqueta de cierre </${root.tagName}>.`);
  }
  const namespaces = new Map<string, string>();
  const xmlAttributes: [string, string][] = [];
  for (let i = 0; i < root.attributes.length; i++) {
    const attribute = root.attributes.item(i);
    if (attribute === null) continue;
    if (attribute.name === 'xmlns') namespaces.set('', attribute.value);
    else if (attribute.name.startsWith('xmlns:'))
      namespaces.set(attribute.name.slice(6), attribute.value);
    else if (attribute.namespaceURI === XML_NS)
      xmlAttributes.push([attribute.name, attribute.value]);
  }
  return ok({ digest: canonicalize(root), id, insertAt, inherited: { namespaces, xmlAttributes } });
};

// --- the signature ---

/** Start tag of a signature part as it appears in its in-context canonical form. */
const apexTag = (
  name: string,
  own: Record<string, string>,
  idValue: string,
  inherited: Target['inherited'],
): string => {
  const namespaces = new Map(inherited.namespaces);
  for (const [prefix, uri] of Object.entries(own)) namespaces.set(prefix, uri);
  let tag = `<${name}`;
  for (const prefix of [...namespaces.keys()].sort()) {
    const uri = namespaces.get(prefix) as string;
    if (prefix === '' && uri === '') continue;
    tag +=
      prefix === ''
        ? ` xmlns="${escapeAttribute(uri)}"`
        : ` xmlns:${prefix}="${escapeAttribute(uri)}"`;
  }
  tag += ` Id="${idValue}"`;
  for (const [attribute, value] of [...inherited.xmlAttributes].sort((a, b) =>
    a[0] < b[0] ? -1 : 1,
  )) {
    tag += ` ${attribute}="${escapeAttribute(value)}"`;
  }
  return `${tag}>`;
};

const digestReference = (
  id: string,
  uri: string,
  digest: string,
  kind: 'documento' | 'propiedades' | 'certificado',
): string =>
  `<ds:Reference Id="${id}"${kind === 'propiedades' ? ` Type="${SIGNED_PROPERTIES_TYPE}"` : ''} URI="${escapeAttribute(uri)}">` +
  (kind === 'documento'
    ? `<ds:Transforms><ds:Transform Algorithm="${ENVELOPED}"></ds:Transform></ds:Transforms>`
    : '') +
  `<ds:DigestMethod Algorithm="${SHA1}"></ds:DigestMethod><ds:DigestValue>${digest}</ds:DigestValue></ds:Reference>`;

/** Everything of a signature but its value: the canonical SignedInfo to sign, and the rest. */
type PreparedSignature = {
  signedInfo: Buffer;
  assemble: (signatureValue: Buffer) => string;
};

const prepareSignature = (
  target: Target,
  identity: SigningIdentity,
  options: SignOptions,
): PreparedSignature => {
  const suffix = (options.randomId ?? randomUUID)();
  if (!/^[A-Za-z0-9_.-]+$/.test(suffix)) {
    throw new Error(`Identificador de firma no válido: ${suffix}`);
  }
  const ds = { ds: DSIG_NS };
  const dsXades = { ds: DSIG_NS, xades: XADES_NS };

  const keyInfoId = `Certificate-${suffix}`;
  const keyInfoBody =
    `<ds:X509Data><ds:X509Certificate>${identity.certificateBase64}</ds:X509Certificate></ds:X509Data>` +
    `<ds:KeyValue><ds:RSAKeyValue><ds:Modulus>${identity.modulusBase64}</ds:Modulus>` +
    `<ds:Exponent>${identity.exponentBase64}</ds:Exponent></ds:RSAKeyValue></ds:KeyValue></ds:KeyInfo>`;
  const keyInfoDigest = sha1Base64(
    apexTag('ds:KeyInfo', ds, keyInfoId, target.inherited) + keyInfoBody,
  );

  const propertiesId = `SignedProperties-${suffix}`;
  const propertiesBody =
    '<xades:SignedSignatureProperties>' +
    `<xades:SigningTime>${formatSigningTime(options.signingTime)}</xades:SigningTime>` +
    '<xades:SigningCertificate><xades:Cert><xades:CertDigest>' +
    `<ds:DigestMethod Algorithm="${SHA1}"></ds:DigestMethod>` +
    `<ds:DigestValue>${identity.certificateSha1Base64}</ds:DigestValue></xades:CertDigest>` +
    `<xades:IssuerSerial><ds:X509IssuerName>${escapeText(identity.issuerName)}</ds:X509IssuerName>` +
    `<ds:X509SerialNumber>${identity.serialNumber}</ds:X509SerialNumber></xades:IssuerSerial>` +
    '</xades:Cert></xades:SigningCertificate></xades:SignedSignatureProperties>' +
    '<xades:SignedDataObjectProperties>' +
    `<xades:DataObjectFormat ObjectReference="#DocumentRef-${suffix}">` +
    '<xades:Description>Firma digital</xades:Description><xades:MimeType>text/xml</xades:MimeType>' +
    '<xades:Encoding>UTF-8</xades:Encoding></xades:DataObjectFormat>' +
    '</xades:SignedDataObjectProperties></xades:SignedProperties>';
  const propertiesDigest = sha1Base64(
    apexTag('xades:SignedProperties', dsXades, propertiesId, target.inherited) + propertiesBody,
  );

  const signedInfoId = `SignedInfo-${suffix}`;
  const signedInfoBody =
    `<ds:CanonicalizationMethod Algorithm="${C14N}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${RSA_SHA1}"></ds:SignatureMethod>` +
    digestReference(
      `DocumentRef-${suffix}`,
      `#${target.id}`,
      sha1Base64(target.digest),
      'documento',
    ) +
    digestReference(
      `SignedPropertiesRef-${suffix}`,
      `#${propertiesId}`,
      propertiesDigest,
      'propiedades',
    ) +
    digestReference(`CertificateRef-${suffix}`, `#${keyInfoId}`, keyInfoDigest, 'certificado') +
    '</ds:SignedInfo>';
  return {
    signedInfo: Buffer.from(
      apexTag('ds:SignedInfo', ds, signedInfoId, target.inherited) + signedInfoBody,
      'utf8',
    ),
    assemble: (signatureValue) =>
      `<ds:Signature xmlns:ds="${DSIG_NS}" Id="Signature-${suffix}">` +
      `<ds:SignedInfo Id="${signedInfoId}">${signedInfoBody}` +
      `<ds:SignatureValue Id="SignatureValue-${suffix}">${signatureValue.toString('base64')}</ds:SignatureValue>` +
      `<ds:KeyInfo Id="${keyInfoId}">${keyInfoBody}` +
      `<ds:Object Id="SignatureObject-${suffix}">` +
      `<xades:QualifyingProperties xmlns:xades="${XADES_NS}" Target="#Signature-${suffix}">` +
      `<xades:SignedProperties Id="${propertiesId}">${propertiesBody}` +
      '</xades:QualifyingProperties></ds:Object></ds:Signature>',
  };
};

const buildSignature = (
  target: Target,
  identity: SigningIdentity,
  options: SignOptions,
): string => {
  const prepared = prepareSignature(target, identity, options);
  return prepared.assemble(rsaSign('sha1', prepared.signedInfo, identity.privateKey));
};

const insert = (xml: string, target: Target, signature: string): string =>
  xml.slice(0, target.insertAt) + signature + xml.slice(target.insertAt);

const withoutBom = (xml: string): string => (xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml);

/**
 * Signs any well-formed comprobante through the DOM and C14N (the general path).
 * @example signParsed(crlfXml, identity, { signingTime: new Date() }) // { ok: true, value: '<?xml…' }
 */
export const signParsed = (
  xml: string,
  identity: SigningIdentity,
  options: SignOptions,
): Result<string> => {
  const input = withoutBom(xml);
  const target = parsedTarget(input);
  if (!target.ok) return target;
  return ok(insert(input, target.value, buildSignature(target.value, identity, options)));
};

/**
 * Signs a comprobante, returning a Result for input that is not a well-formed comprobante
 * (CLI files, imports). Canonical input (our builder's output) skips parsing entirely.
 * @example trySignComprobante(xml, identity, { signingTime: new Date() })
 */
export const trySignComprobante = (
  xml: string,
  identity: SigningIdentity,
  options: SignOptions,
): Result<string> => {
  const input = withoutBom(xml);
  // the fast path's patterns do not exclude U+FFFE/U+FFFF or lone surrogates: the parser refuses them
  const fast = INVALID_XML_CHAR.test(input) ? null : canonicalRoot(input);
  if (fast === null) return signParsed(input, identity, options);
  return ok(insert(input, fast, buildSignature(fast, identity, options)));
};

/**
 * `trySignComprobante` with the RSA operation on libuv's thread pool, so a batch (`firmar
 * --out-dir`) prepares the next document on the main thread while this one is signed on another
 * core. Same bytes as the synchronous form (RSA PKCS#1 v1.5 is deterministic); a malformed
 * comprobante is refused before anything is queued.
 * @example const signed = trySignComprobanteOffThread(xml, identity, { signingTime: new Date() });
 * if (signed.ok) await signed.value // '<?xml…<ds:Signature…'
 */
export const trySignComprobanteOffThread = (
  xml: string,
  identity: SigningIdentity,
  options: SignOptions,
): Result<Promise<string>> => {
  const input = withoutBom(xml);
  const fast = options.construido === true ? builtRoot(input) : canonicalRoot(input);
  const target = fast === null ? parsedTarget(input) : ok(fast);
  if (!target.ok) return target;
  const prepared = prepareSignature(target.value, identity, options);
  return ok(
    new Promise<string>((resolve, reject) => {
      rsaSign('sha1', prepared.signedInfo, identity.privateKey, (error, signatureValue) => {
        if (error !== null) reject(error);
        else resolve(insert(input, target.value, prepared.assemble(signatureValue)));
      });
    }),
  );
};

/**
 * XAdES-BES signature of a comprobante built by `fiscal/` (docs/sri.md §6): `ds:Signature` becomes
 * the root's last child, nothing else changes. Throws only if the XML is not a comprobante
 * (a bug for builder output; use `trySignComprobante` for outside input).
 * @example const signed = signComprobante(xml, identity, { signingTime: clock.now() });
 */
export const signComprobante = (
  xml: string,
  identity: SigningIdentity,
  options: SignOptions,
): string => {
  const signed = trySignComprobante(xml, identity, options);
  if (!signed.ok) throw new Error(signed.error.message);
  return signed.value;
};
