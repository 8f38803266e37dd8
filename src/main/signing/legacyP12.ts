/**
 * The PKCS#12 files node:crypto alone cannot open (nativeP12 answers `null`): legacy PBEs (RC2-40,
 * 3DES) of older Ecuadorian p12s, non-ASCII passwords, unusual structures — through node-forge,
 * which only this module loads (docs/sri.md §6 "Certificate").
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { err, ok, type Result } from '../../shared/result';
import { installNativeKeyDerivation } from './nativeKdf';
import type { DecodedP12 } from './nativeP12';

// The MAC and PBKDF2 keys natively, not in forge's JavaScript (see nativeKdf).
installNativeKeyDerivation();

/**
 * The PKCS#12 MAC and legacy PBEs take the password as BMPString (forge converts the JS
 * string), but PBES2/PBKDF2 takes its UTF-8 bytes, which forge does not do: for a non-ASCII
 * password (e.g. with ñ) on a modern file, decrypt again with UTF-8 once the MAC has passed.
 */
const openPfx = (asn: forge.asn1.Asn1, password: string): forge.pkcs12.Pkcs12Pfx => {
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn, false, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range check
    if (/^[\x00-\x7f]*$/.test(password) || /MAC could not be verified/i.test(message)) throw error;
    const parts = asn.value as forge.asn1.Asn1[];
    const withoutMac = { ...asn, value: parts.slice(0, 2) };
    return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, forge.util.encodeUtf8(password));
  }
};

/**
 * Certificates and private keys of a p12 through forge, or the Spanish reason it cannot be read.
 * @example decodeLegacyP12(readFileSync('antiguo.p12'), clave) // ok({ certificates: [Buffer], keys: [KeyObject] })
 */
export const decodeLegacyP12 = (p12: Uint8Array, password: string): Result<DecodedP12> => {
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    const der = Buffer.from(p12.buffer, p12.byteOffset, p12.byteLength).toString('binary');
    const asn = forge.asn1.fromDer(der, false);
    pfx = openPfx(asn, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/MAC could not be verified|Invalid password/i.test(message)) {
      return err('p12_clave_incorrecta', 'La contraseña del certificado (.p12) es incorrecta.');
    }
    return err(
      'p12_corrupto',
      'El archivo .p12 está dañado o no es un certificado PKCS#12 válido.',
    );
  }
  const certificates: Buffer[] = [];
  const keys: KeyObject[] = [];
  try {
    const certBags = pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag ?? ''];
    for (const bag of certBags ?? []) {
      const asn = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
      if (asn !== undefined)
        certificates.push(Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary'));
    }
    for (const bagType of [forge.pki.oids.pkcs8ShroudedKeyBag, forge.pki.oids.keyBag]) {
      if (bagType === undefined) continue;
      for (const bag of pfx.getBags({ bagType })[bagType] ?? []) {
        if (bag.key) {
          keys.push(createPrivateKey(forge.pki.privateKeyToPem(bag.key)));
        } else if (bag.asn1 !== undefined) {
          // Non-RSA keys stay as PKCS#8; they never match an RSA signing certificate.
          const pkcs8 = Buffer.from(forge.asn1.toDer(bag.asn1).getBytes(), 'binary');
          keys.push(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
        }
      }
    }
  } catch {
    // A shrouded key that does not decrypt with a MAC-verified password: wrong password on a
    // p12 without MAC, or damaged contents.
    return err(
      'p12_corrupto',
      'No se pudo leer la clave privada del .p12: el archivo está dañado o la contraseña no corresponde.',
    );
  }
  return ok({ certificates, keys });
};
