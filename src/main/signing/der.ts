/**
 * A small reader of DER (X.690) for the few structures signing needs — PKCS#12 bags, X.509
 * names and extensions — over the original bytes, so no ASN.1 library has to load.
 */

/** A DER element: its tag, where its header begins (`at`) and its contents (`start`–`end`). */
export type Tlv = { tag: number; at: number; start: number; end: number };

export const SEQUENCE = 0x30;
export const SET = 0x31;
export const BOOLEAN = 0x01;
export const INTEGER = 0x02;
export const BIT_STRING = 0x03;
export const OCTET_STRING = 0x04;
export const OID = 0x06;
export const EXPLICIT_0 = 0xa0;
export const EXPLICIT_3 = 0xa3;
export const IMPLICIT_0 = 0x80;

/**
 * One DER element at `at` (definite lengths only; BER's indefinite form throws), within `limit`.
 * @example readTlv(Buffer.from('0403616263', 'hex'), 0) // { tag: 4, at: 0, start: 2, end: 5 }
 */
export const readTlv = (der: Buffer, at: number, limit = der.length): Tlv => {
  const tag = der[at];
  let length = der[at + 1];
  if (tag === undefined || length === undefined || at + 2 > limit) throw new Error('DER truncado');
  // high tag numbers (0x1f) never occur in these structures: refuse rather than misread them
  if ((tag & 0x1f) === 0x1f) throw new Error('etiqueta DER no admitida');
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4) throw new Error('longitud DER no admitida');
    length = 0;
    for (let i = 0; i < bytes; i++) {
      const byte = der[start + i];
      if (byte === undefined) throw new Error('DER truncado');
      length = length * 256 + byte;
    }
    start += bytes;
  }
  const end = start + length;
  if (end > limit) throw new Error('DER truncado');
  return { tag, at, start, end };
};

/** The one element that `der` holds from its first byte to its last (nothing after it). */
export const readWhole = (der: Buffer): Tlv => {
  const tlv = readTlv(der, 0);
  if (tlv.end !== der.length) throw new Error('bytes sobrantes tras el elemento DER');
  return tlv;
};

/** The children of a constructed element. */
export const children = (der: Buffer, parent: Tlv): Tlv[] => {
  if ((parent.tag & 0x20) === 0) throw new Error('elemento DER primitivo');
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = readTlv(der, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
};

/** `tlv` when it has `tag`; throws otherwise (also when it is missing). */
export const must = (tlv: Tlv | undefined, tag: number): Tlv => {
  if (tlv === undefined || tlv.tag !== tag) throw new Error('estructura DER inesperada');
  return tlv;
};

/** The contents of an element. */
export const contents = (der: Buffer, tlv: Tlv): Buffer => der.subarray(tlv.start, tlv.end);

/** The whole element, header included. */
export const element = (der: Buffer, tlv: Tlv): Buffer => der.subarray(tlv.at, tlv.end);

/**
 * Dotted form of an OBJECT IDENTIFIER (first byte split as 40·X + Y, as node-forge does).
 * @example oidOf(Buffer.from('0603550403', 'hex'), readTlv(Buffer.from('0603550403', 'hex'), 0)) // '2.5.4.3'
 */
export const oidOf = (der: Buffer, tlv: Tlv | undefined): string => {
  const bytes = contents(der, must(tlv, OID));
  const first = bytes[0] ?? 0;
  const parts = [Math.floor(first / 40), first % 40];
  let value = 0;
  for (let i = 1; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
};

/** A small non-negative INTEGER (iteration counts, versions). */
export const integerOf = (der: Buffer, tlv: Tlv | undefined): number => {
  const { start, end } = must(tlv, INTEGER);
  if (end - start > 6) throw new Error('entero demasiado grande');
  let value = 0;
  for (let i = start; i < end; i++) value = value * 256 + (der[i] as number);
  return value;
};
