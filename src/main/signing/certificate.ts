/**
 * X.509 pieces the XAdES signature and the certificate summary need, read from the DER bytes
 * themselves (never from a re-encoded or OpenSSL-formatted copy), with node:crypto and a small
 * DER reader (no ASN.1 library to load).
 */
import { createHash, type KeyObject, X509Certificate } from 'node:crypto';
import {
  BOOLEAN,
  children,
  contents,
  EXPLICIT_0,
  EXPLICIT_3,
  element,
  must,
  OCTET_STRING,
  oidOf,
  readWhole,
  SEQUENCE,
  type Tlv,
} from './der';

/** What the renderer and the CLI may show about a certificate (docs/architecture.md §7). */
export type CertificateSummary = {
  /** Holder named in the certificate (subject CN, else O). */
  titular: string;
  /** RUC carried by the certificate (CA extension or subject), if any. */
  ruc: string | null;
  /** Company name for company certificates (BCE / Security Data `…3.10` extension, else O). */
  razonSocial: string | null;
  /** Issuing CA (issuer CN, else O). */
  emisor: string;
  /** Serial number in decimal. */
  serie: string;
  /** ISO 8601 instants. */
  validoDesde: string;
  validoHasta: string;
  /** Whole days from `now` until expiry (negative once expired). */
  diasRestantes: number;
};

/** Everything about the leaf certificate that the signature embeds, computed once. */
export type CertificateFacts = {
  der: Buffer;
  base64: string;
  /** SHA-1 of the DER, base64 (xades:CertDigest). */
  sha1Base64: string;
  /** ds:X509IssuerName in the form the SRI's Java validator accepts (docs/sri.md §6). */
  issuerName: string;
  /** ds:X509SerialNumber: the serial as a decimal big integer. */
  serialDecimal: string;
  /** RSAKeyValue from this certificate's public key: unsigned big-endian, base64. */
  modulusBase64: string;
  exponentBase64: string;
  notBefore: Date;
  notAfter: Date;
  /** keyUsage present and with digitalSignature; `null` when the extension is absent. */
  digitalSignature: boolean | null;
  isCa: boolean;
  publicKey: KeyObject;
  x509: X509Certificate;
  summaryParts: Omit<CertificateSummary, 'diasRestantes'>;
};

const OID_KEYWORDS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.11': 'OU',
  '2.5.4.10': 'O',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.6': 'C',
  '2.5.4.9': 'STREET',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '2.5.4.5': 'SERIALNUMBER',
  '1.2.840.113549.1.9.1': 'EMAILADDRESS',
};

/**
 * RUC extensions of the Ecuadorian CAs: Banco Central (37947), Security Data (37746),
 * Uanataca (47286.102), ANF AC (18332), Consejo de la Judicatura (43745).
 */
const RUC_EXTENSION_OIDS = [
  '1.3.6.1.4.1.37947.3.11',
  '1.3.6.1.4.1.37746.3.11',
  '1.3.6.1.4.1.47286.102.3.11',
  '1.3.6.1.4.1.18332.3.11',
  '1.3.6.1.4.1.43745.1.1.2',
];
const RAZON_SOCIAL_EXTENSION_OIDS = [
  '1.3.6.1.4.1.37947.3.10',
  '1.3.6.1.4.1.37746.3.10',
  '1.3.6.1.4.1.47286.102.3.10',
  '1.3.6.1.4.1.18332.3.10',
];

/** Primitive universal string tags: UTF8, Printable, Teletex, IA5, Visible, Universal, BMP. */
const STRING_TAGS = new Set([0x0c, 0x13, 0x14, 0x16, 0x1a, 0x1c, 0x1e]);

/** An element of a DER buffer. */
type Node = { der: Buffer; tlv: Tlv };

/** Decodes an ASN.1 string value; `null` for non-string types. */
const decodeString = ({ der, tlv }: Node): string | null => {
  if (!STRING_TAGS.has(tlv.tag)) return null;
  const raw = Buffer.from(contents(der, tlv));
  switch (tlv.tag) {
    case 0x0c:
      return raw.toString('utf8');
    case 0x1e:
      return raw.swap16().toString('utf16le');
    case 0x1c: {
      let out = '';
      for (let i = 0; i + 3 < raw.length; i += 4) out += String.fromCodePoint(raw.readUInt32BE(i));
      return out;
    }
    default:
      // Printable/IA5/Visible/Teletex: ASCII in practice; latin1 keeps any byte readable.
      return raw.toString('latin1');
  }
};

/** RFC 2253 §2.4 escaping of an attribute value. */
const escapeRfc2253 = (value: string): string => {
  let out = value.replace(/[,+"\\<>;]/g, (c) => `\\${c}`);
  if (out.startsWith('#') || out.startsWith(' ')) out = `\\${out}`;
  if (out.endsWith(' ') && out.length > 1) out = `${out.slice(0, -1)}\\ `;
  return out;
};

type NameAttribute = { oid: string; value: Node };

const nameRdns = ({ der, tlv }: Node): NameAttribute[][] =>
  children(der, must(tlv, SEQUENCE)).map((set) =>
    children(der, set).map((pair) => {
      const [oidNode, value] = children(der, must(pair, SEQUENCE));
      if (oidNode === undefined || value === undefined) throw new Error('Nombre X.500 mal formado');
      return { oid: oidOf(der, oidNode), value: { der, tlv: value } };
    }),
  );

/**
 * X509IssuerName as Java's X500Principal parses it back to the same name (docs/sri.md §6):
 * RFC 2253 order, `,` without spaces, known keywords, `OID=#derhex` for the rest. `name` is the
 * DER of an X.500 Name.
 * @example formatX500Name(issuerDer) // 'CN=AC BANCO CENTRAL DEL ECUADOR,O=BANCO CENTRAL DEL ECUADOR,C=EC'
 */
export const formatX500Name = (name: Buffer): string =>
  formatName({ der: name, tlv: readWhole(name) });

const formatName = (name: Node): string =>
  nameRdns(name)
    .reverse()
    .map((rdn) =>
      rdn
        .map(({ oid, value }) => {
          const keyword = OID_KEYWORDS[oid];
          const text = keyword === undefined ? null : decodeString(value);
          if (keyword === undefined || text === null) {
            return `${oid}=#${element(value.der, value.tlv).toString('hex')}`;
          }
          return `${keyword}=${escapeRfc2253(text)}`;
        })
        .join('+'),
    )
    .join(',');

const firstAttribute = (name: Node, oid: string): string | null => {
  for (const rdn of nameRdns(name)) {
    for (const attribute of rdn) {
      if (attribute.oid === oid) return decodeString(attribute.value);
    }
  }
  return null;
};

/** Extension payloads are sometimes a DER string, sometimes bare text: accept both. */
const extensionText = (octets: Buffer): string => {
  try {
    const text = decodeString({ der: octets, tlv: readWhole(octets) });
    if (text !== null) return text;
  } catch {
    // bare text, not DER
  }
  return octets.toString('latin1');
};

const RUC_PATTERN = /(?<!\d)\d{10}00[1-9](?!\d)/;
const findRuc = (text: string | null): string | null => text?.match(RUC_PATTERN)?.[0] ?? null;

type TbsParts = {
  serial: Buffer;
  issuer: Node;
  subject: Node;
  /** Each extension's extnValue (the contents of its OCTET STRING). */
  extensions: Map<string, { critical: boolean; value: Buffer }>;
};

const readTbs = (der: Buffer): TbsParts => {
  const [tbs] = children(der, must(readWhole(der), SEQUENCE));
  if (tbs === undefined || tbs.tag !== SEQUENCE) throw new Error('Certificado sin TBS');
  const fields = children(der, tbs);
  const index = fields[0]?.tag === EXPLICIT_0 ? 1 : 0;
  const serial = fields[index];
  const issuer = fields[index + 2];
  const subject = fields[index + 4];
  if (serial === undefined || issuer === undefined || subject === undefined) {
    throw new Error('Certificado incompleto');
  }
  const extensions = new Map<string, { critical: boolean; value: Buffer }>();
  for (const field of fields.slice(index + 6)) {
    if (field.tag !== EXPLICIT_3) continue;
    const list = children(der, field)[0];
    for (const extension of list === undefined ? [] : children(der, must(list, SEQUENCE))) {
      const parts = children(der, must(extension, SEQUENCE));
      const oidNode = parts[0];
      const valueNode = parts[parts.length - 1];
      if (oidNode === undefined || valueNode === undefined || parts.length < 2) continue;
      const flag = parts.length === 3 ? parts[1] : undefined;
      const critical =
        flag !== undefined &&
        flag.tag === BOOLEAN &&
        flag.end - flag.start === 1 &&
        der[flag.start] === 0xff;
      extensions.set(oidOf(der, oidNode), {
        critical,
        value: contents(der, must(valueNode, OCTET_STRING)),
      });
    }
  }
  return {
    serial: contents(der, serial),
    issuer: { der, tlv: issuer },
    subject: { der, tlv: subject },
    extensions,
  };
};

const readKeyUsage = (octets: Buffer | undefined): boolean | null => {
  if (octets === undefined) return null;
  // BIT STRING: first byte = unused bits; digitalSignature is bit 0, the MSB of the next byte.
  const bits = contents(octets, readWhole(octets));
  return bits.length >= 2 && ((bits[1] as number) & 0x80) !== 0;
};

const readIsCa = (octets: Buffer | undefined): boolean => {
  if (octets === undefined) return false;
  const first = children(octets, must(readWhole(octets), SEQUENCE))[0];
  return first?.tag === BOOLEAN && first.end - first.start === 1 && octets[first.start] === 0xff;
};

const base64FromBase64Url = (value: string): string =>
  Buffer.from(value, 'base64url').toString('base64');

/**
 * Reads the certificate once; throws on bytes that are not an X.509 certificate (callers map it).
 * @example readCertificate(der).serialDecimal // '351528550960585927571275087853777147364671302413'
 */
export const readCertificate = (der: Buffer): CertificateFacts => {
  const x509 = new X509Certificate(der);
  const tbs = readTbs(der);
  const publicKey = x509.publicKey;
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || jwk.n === undefined || jwk.e === undefined) {
    throw new Error('La clave del certificado no es RSA');
  }
  const serialHex = tbs.serial.toString('hex');
  const issuerName = formatName(tbs.issuer);
  const titular =
    firstAttribute(tbs.subject, '2.5.4.3') ?? firstAttribute(tbs.subject, '2.5.4.10') ?? '';
  const organization = firstAttribute(tbs.subject, '2.5.4.10');
  let ruc: string | null = null;
  for (const oid of RUC_EXTENSION_OIDS) {
    const extension = tbs.extensions.get(oid);
    if (extension !== undefined) ruc ??= findRuc(extensionText(extension.value));
  }
  // Some CAs put the RUC in the subject (serialNumber, organizationIdentifier "VATEC-…", UID).
  ruc ??=
    findRuc(firstAttribute(tbs.subject, '2.5.4.5')) ??
    findRuc(firstAttribute(tbs.subject, '2.5.4.97')) ??
    findRuc(firstAttribute(tbs.subject, '0.9.2342.19200300.100.1.1'));
  let razonSocial: string | null = null;
  for (const oid of RAZON_SOCIAL_EXTENSION_OIDS) {
    const extension = tbs.extensions.get(oid);
    if (extension !== undefined) razonSocial ??= extensionText(extension.value).trim() || null;
  }
  razonSocial ??= organization;
  const notBefore = new Date(x509.validFrom);
  const notAfter = new Date(x509.validTo);
  const serialDecimal = BigInt(`0x${serialHex || '0'}`).toString(10);
  return {
    der,
    base64: der.toString('base64'),
    sha1Base64: createHash('sha1').update(der).digest('base64'),
    issuerName,
    serialDecimal,
    modulusBase64: base64FromBase64Url(jwk.n),
    exponentBase64: base64FromBase64Url(jwk.e),
    notBefore,
    notAfter,
    digitalSignature: readKeyUsage(tbs.extensions.get('2.5.29.15')?.value),
    isCa: readIsCa(tbs.extensions.get('2.5.29.19')?.value),
    publicKey,
    x509,
    summaryParts: {
      titular,
      ruc,
      razonSocial,
      emisor: firstAttribute(tbs.issuer, '2.5.4.3') ?? firstAttribute(tbs.issuer, '2.5.4.10') ?? '',
      serie: serialDecimal,
      validoDesde: notBefore.toISOString(),
      validoHasta: notAfter.toISOString(),
    },
  };
};

const DAY_MS = 86_400_000;

/**
 * Summary with the days left counted from `now`.
 * @example summarize(facts, new Date()).diasRestantes // 364
 */
export const summarize = (facts: CertificateFacts, now: Date): CertificateSummary => ({
  ...facts.summaryParts,
  diasRestantes: Math.floor((facts.notAfter.getTime() - now.getTime()) / DAY_MS),
});
