/**
 * The modern PKCS#12 of today's Ecuadorian CAs (RFC 7292 with PBES2: PBKDF2 + AES-CBC, HMAC-SHA
 * MAC) opened with node:crypto alone, without loading node-forge at all (its code alone costs
 * ~20 ms of every `firmar`, and re-parsing the certificates as much again).
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
import {
  children,
  EXPLICIT_0,
  IMPLICIT_0,
  INTEGER,
  integerOf,
  must,
  OCTET_STRING,
  oidOf,
  readTlv,
  SEQUENCE,
  type Tlv,
} from './der';
import { pkcs12Key } from './pkcs12Kdf';

/** What a .p12 holds: certificates (DER, in file order) and private keys. */
export type DecodedP12 = { certificates: Buffer[]; keys: KeyObject[] };

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
  const key = pkcs12Key(
    password,
    bytesOf(der, must(salt, OCTET_STRING)),
    3,
    iterations === undefined ? 1 : integerOf(der, iterations),
    hash.length,
    { name: hash.name, u: hash.length, v: hash.block },
  );
  const expected = bytesOf(der, must(digest, OCTET_STRING));
  return createHmac(hash.name, key).update(content).digest().equals(expected);
};

/**
 * Certificates (exact DER bytes, in file order) and private keys (shrouded ones first, then
 * plain ones, as forge lists them) of a modern p12, or `null` when forge must open it.
 * @example decodeModernP12(readFileSync('firma.p12'), clave) // { certificates: [Buffer], keys: [KeyObject] }
 */
export const decodeModernP12 = (p12: Uint8Array, password: string): DecodedP12 | null => {
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
