/**
 * The modern PKCS#12 of today's Ecuadorian CAs (RFC 7292 with PBES2: PBKDF2 + AES-CBC, HMAC-SHA
 * MAC) opened with node:crypto alone. node-forge spends ~20 ms of every `firmar` and every start
 * re-parsing the certificates and deriving forge key objects; this reads the bags directly.
 * Anything else — legacy RC2/3DES PBEs, a MAC that does not verify, a non-ASCII password, an
 * unexpected structure — answers `null`, and the caller opens the file with forge as before, so
 * its errors and its handling of old files stay exactly the same.
 */
import {
  createDecipheriv,
  createHmac,
  createPrivateKey,
  type KeyObject,
  pbkdf2Sync,
} from 'node:crypto';
import { nativePkcs12Key } from './nativeKdf';

/** A DER element: its tag, where its header begins (`at`) and its contents (`start`–`end`). */
type Tlv = { tag: number; at: number; start: number; end: number };

/** One DER element at `at` (definite lengths only; BER's indefinite form throws). */
const readTlv = (der: Buffer, at: number): Tlv => {
  const tag = der[at];
  let length = der[at + 1];
  if (tag === undefined || length === undefined) throw new Error('DER truncado');
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4) throw new Error('longitud DER no admitida');
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + (der[start + i] as number);
    start += bytes;
  }
  const end = start + length;
  if (end > der.length) throw new Error('DER truncado');
  return { tag, at, start, end };
};

/** The children of a constructed element. */
const children = (der: Buffer, parent: Tlv): Tlv[] => {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = readTlv(der, at);
    out.push(child);
    at = child.end;
  }
  return out;
};

const must = (tlv: Tlv | undefined, tag: number): Tlv => {
  if (tlv === undefined || tlv.tag !== tag) throw new Error('estructura PKCS#12 inesperada');
  return tlv;
};

const SEQUENCE = 0x30;
const OCTET_STRING = 0x04;
const OID = 0x06;
const INTEGER = 0x02;
const EXPLICIT_0 = 0xa0;
const IMPLICIT_0 = 0x80;

const oidOf = (der: Buffer, tlv: Tlv | undefined): string => {
  const bytes = der.subarray(must(tlv, OID).start, (tlv as Tlv).end);
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

const integerOf = (der: Buffer, tlv: Tlv | undefined): number => {
  const { start, end } = must(tlv, INTEGER);
  if (end - start > 6) throw new Error('entero demasiado grande');
  let value = 0;
  for (let i = start; i < end; i++) value = value * 256 + (der[i] as number);
  return value;
};

const bytesOf = (der: Buffer, tlv: Tlv): Buffer => der.subarray(tlv.start, tlv.end);

const DATA = '1.2.840.113549.1.7.1';
const ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const X509_CERTIFICATE = '1.2.840.113549.1.9.22.1';

const DIGESTS: Record<string, { name: string; length: number; block: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', length: 20, block: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', length: 32, block: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', length: 48, block: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', length: 64, block: 128 },
};
const PRFS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
};

/** PBES2 (RFC 8018 §6.2) decryption of `ciphertext` under the AlgorithmIdentifier `algorithm`. */
const pbes2Decrypt = (
  der: Buffer,
  algorithm: Tlv,
  ciphertext: Buffer,
  password: string,
): Buffer => {
  const [oid, params] = children(der, must(algorithm, SEQUENCE));
  if (oidOf(der, oid) !== PBES2) throw new Error('PBE no admitido');
  const [kdf, scheme] = children(der, must(params, SEQUENCE));
  const [kdfOid, kdfParams] = children(der, must(kdf, SEQUENCE));
  if (oidOf(der, kdfOid) !== PBKDF2) throw new Error('KDF no admitida');
  const [salt, iterations, ...rest] = children(der, must(kdfParams, SEQUENCE));
  let prf = 'sha1';
  let keyLength: number | null = null;
  for (const item of rest) {
    if (item.tag === INTEGER) keyLength = integerOf(der, item);
    else {
      const name = PRFS[oidOf(der, children(der, must(item, SEQUENCE))[0])];
      if (name === undefined) throw new Error('PRF no admitida');
      prf = name;
    }
  }
  const [cipherOid, iv] = children(der, must(scheme, SEQUENCE));
  const cipher = CIPHERS[oidOf(der, cipherOid)];
  if (cipher === undefined || (keyLength !== null && keyLength !== cipher.keyLength)) {
    throw new Error('cifrado no admitido');
  }
  const key = pbkdf2Sync(
    Buffer.from(password, 'utf8'),
    bytesOf(der, must(salt, OCTET_STRING)),
    integerOf(der, iterations),
    cipher.keyLength,
    prf,
  );
  const decipher = createDecipheriv(cipher.name, key, bytesOf(der, must(iv, OCTET_STRING)));
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
};

/** RFC 7292 §5.1 MAC of the authenticated safe, checked in constant time by comparison of HMACs. */
const macVerifies = (der: Buffer, macData: Tlv, content: Buffer, password: string): boolean => {
  const [mac, salt, iterations] = children(der, must(macData, SEQUENCE));
  const [algorithm, digest] = children(der, must(mac, SEQUENCE));
  const [digestOid] = children(der, must(algorithm, SEQUENCE));
  const hash = DIGESTS[oidOf(der, digestOid)];
  if (hash === undefined) return false;
  const key = Buffer.from(
    nativePkcs12Key(
      password,
      bytesOf(der, must(salt, OCTET_STRING)).toString('binary'),
      3,
      iterations === undefined ? 1 : integerOf(der, iterations),
      hash.length,
      { algorithm: hash.name, digestLength: hash.length, blockLength: hash.block },
    ).getBytes(),
    'binary',
  );
  const expected = bytesOf(der, must(digest, OCTET_STRING));
  return createHmac(hash.name, key).update(content).digest().equals(expected);
};

/**
 * Certificates (exact DER bytes, in file order) and private keys (shrouded ones first, then
 * plain ones, as forge lists them) of a modern p12, or `null` when forge must open it.
 * @example decodeModernP12(readFileSync('firma.p12'), clave) // { certificates: [Buffer], keys: [KeyObject] }
 */
export const decodeModernP12 = (
  p12: Uint8Array,
  password: string,
): { certificates: Buffer[]; keys: KeyObject[] } | null => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range check
  if (!/^[\x00-\x7f]*$/.test(password)) return null;
  try {
    const der = Buffer.from(p12.buffer, p12.byteOffset, p12.byteLength);
    const pfx = readTlv(der, 0);
    if (pfx.tag !== SEQUENCE || pfx.end !== der.length) return null;
    const [version, authSafe, macData] = children(der, pfx);
    if (integerOf(der, version) !== 3 || macData === undefined) return null;
    const [contentType, explicit] = children(der, must(authSafe, SEQUENCE));
    if (oidOf(der, contentType) !== DATA) return null;
    const safeDer = bytesOf(der, must(children(der, must(explicit, EXPLICIT_0))[0], OCTET_STRING));
    if (!macVerifies(der, macData, safeDer, password)) return null;

    const shrouded: KeyObject[] = [];
    const plain: KeyObject[] = [];
    const certificates: Buffer[] = [];
    for (const info of children(safeDer, readTlv(safeDer, 0))) {
      const [type, wrapped] = children(safeDer, must(info, SEQUENCE));
      const inner = children(safeDer, must(wrapped, EXPLICIT_0))[0];
      let contents: Buffer;
      switch (oidOf(safeDer, type)) {
        case DATA:
          contents = bytesOf(safeDer, must(inner, OCTET_STRING));
          break;
        case ENCRYPTED_DATA: {
          const [, encryptedContentInfo] = children(safeDer, must(inner, SEQUENCE));
          const [dataType, algorithm, encrypted] = children(
            safeDer,
            must(encryptedContentInfo, SEQUENCE),
          );
          if (oidOf(safeDer, dataType) !== DATA) return null;
          contents = pbes2Decrypt(
            safeDer,
            algorithm as Tlv,
            bytesOf(safeDer, must(encrypted, IMPLICIT_0)),
            password,
          );
          break;
        }
        default:
          return null;
      }
      for (const bag of children(contents, readTlv(contents, 0))) {
        const [bagId, bagValue] = children(contents, must(bag, SEQUENCE));
        const value = children(contents, must(bagValue, EXPLICIT_0))[0] as Tlv;
        switch (oidOf(contents, bagId)) {
          case CERT_BAG: {
            const [certType, certValue] = children(contents, must(value, SEQUENCE));
            if (oidOf(contents, certType) !== X509_CERTIFICATE) return null;
            const octets = children(contents, must(certValue, EXPLICIT_0))[0];
            certificates.push(Buffer.from(bytesOf(contents, must(octets, OCTET_STRING))));
            break;
          }
          case SHROUDED_KEY_BAG: {
            const [algorithm, encrypted] = children(contents, must(value, SEQUENCE));
            const pkcs8 = pbes2Decrypt(
              contents,
              algorithm as Tlv,
              bytesOf(contents, must(encrypted, OCTET_STRING)),
              password,
            );
            shrouded.push(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
            break;
          }
          case KEY_BAG:
            plain.push(
              createPrivateKey({
                key: Buffer.from(contents.subarray(value.at, value.end)),
                format: 'der',
                type: 'pkcs8',
              }),
            );
            break;
          default:
            return null;
        }
      }
    }
    return { certificates, keys: [...shrouded, ...plain] };
  } catch {
    return null;
  }
};
