/**
 * Full XAdES-BES check of a signed comprobante, independent of how it was produced: reference
 * digests (enveloped transform, in-context C14N), the SignedInfo signature with the embedded
 * certificate's key, CertDigest and serial, RSAKeyValue. Never throws: garbage in, error out.
 */
import { createHash, type KeyObject, verify as rsaVerify, X509Certificate } from 'node:crypto';
import type { Document, Element, Node } from '@xmldom/xmldom';
import { err, ok, type Result } from '../../shared/result';
import { canonicalize, parseXml } from './c14n';
import { DSIG_NS, XADES_NS } from './xades';

export type VerifiedSignature = {
  /** The signer's certificate as embedded in KeyInfo. */
  certificateDer: Buffer;
  /** xades:SigningTime exactly as written. */
  signingTime: string;
};

const C14N_ALGORITHMS = new Set([
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
]);
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const DIGESTS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
};
const SIGNATURES: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'sha1',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'sha256',
};

class Invalid extends Error {}

const invalid = (message: string): never => {
  throw new Invalid(message);
};

const children = (parent: Node, ns: string, localName: string): Element[] => {
  const found: Element[] = [];
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (
      child.nodeType === 1 &&
      child.namespaceURI === ns &&
      (child as Element).localName === localName
    ) {
      found.push(child as Element);
    }
  }
  return found;
};

const child = (parent: Node, ns: string, localName: string, what: string): Element =>
  children(parent, ns, localName)[0] ?? invalid(`Falta ${what} en la firma.`);

const text = (element: Element): string => (element.textContent ?? '').trim();

const base64Bytes = (value: string): Buffer => Buffer.from(value.replace(/\s+/g, ''), 'base64');

const lastElementChild = (element: Element): Element | null => {
  for (let node = element.lastChild; node !== null; node = node.previousSibling) {
    if (node.nodeType === 1) return node as Element;
  }
  return null;
};

const elementsById = (document: Document): Map<string, Element[]> => {
  const index = new Map<string, Element[]>();
  const all = document.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const element = all.item(i);
    if (element === null) continue;
    for (const name of ['id', 'Id', 'ID']) {
      const value = element.getAttribute(name);
      if (value !== null && value !== '') index.set(value, [...(index.get(value) ?? []), element]);
    }
  }
  return index;
};

const contains = (ancestor: Node, node: Node): boolean => {
  for (let current: Node | null = node; current !== null; current = current.parentNode) {
    if (current === ancestor) return true;
  }
  return false;
};

const unsignedBase64 = (value: string): string => {
  const bytes = base64Bytes(value);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.subarray(start).toString('base64');
};

const checkKeyValue = (keyInfo: Element, publicKey: KeyObject): void => {
  const keyValue = children(keyInfo, DSIG_NS, 'KeyValue')[0];
  if (keyValue === undefined) return;
  const rsa = child(keyValue, DSIG_NS, 'RSAKeyValue', 'RSAKeyValue');
  const jwk = publicKey.export({ format: 'jwk' });
  const modulus = Buffer.from(jwk.n ?? '', 'base64url').toString('base64');
  const exponent = Buffer.from(jwk.e ?? '', 'base64url').toString('base64');
  if (
    unsignedBase64(text(child(rsa, DSIG_NS, 'Modulus', 'Modulus'))) !== modulus ||
    unsignedBase64(text(child(rsa, DSIG_NS, 'Exponent', 'Exponent'))) !== exponent
  ) {
    invalid('La clave RSA declarada en KeyInfo no es la del certificado.');
  }
};

const verifyDocument = (document: Document): VerifiedSignature => {
  const root = document.documentElement ?? invalid('El XML no tiene elemento raíz.');
  const signature = lastElementChild(root);
  if (
    signature === null ||
    signature.namespaceURI !== DSIG_NS ||
    signature.localName !== 'Signature'
  ) {
    invalid('El comprobante no está firmado: ds:Signature no es el último hijo de la raíz.');
  }
  const sig = signature as Element;
  const signedInfo = child(sig, DSIG_NS, 'SignedInfo', 'SignedInfo');
  const c14nMethod = child(signedInfo, DSIG_NS, 'CanonicalizationMethod', 'CanonicalizationMethod');
  if (!C14N_ALGORITHMS.has(c14nMethod.getAttribute('Algorithm') ?? '')) {
    invalid('Método de canonicalización no admitido en SignedInfo.');
  }
  const signatureMethod = child(signedInfo, DSIG_NS, 'SignatureMethod', 'SignatureMethod');
  const signatureHash =
    SIGNATURES[signatureMethod.getAttribute('Algorithm') ?? ''] ??
    invalid('Algoritmo de firma no admitido (se espera RSA-SHA1).');

  const ids = elementsById(document);
  let coversRoot = false;
  let signedProperties: Element | null = null;
  const references = children(signedInfo, DSIG_NS, 'Reference');
  if (references.length === 0) invalid('SignedInfo no tiene referencias.');
  for (const reference of references) {
    const uri = reference.getAttribute('URI') ?? '';
    if (!uri.startsWith('#')) invalid(`Referencia no admitida: «${uri}».`);
    const targets = ids.get(uri.slice(1)) ?? [];
    if (targets.length !== 1) invalid(`La referencia «${uri}» no apunta a un único elemento.`);
    const target = targets[0] as Element;
    let enveloped = false;
    const transforms = children(reference, DSIG_NS, 'Transforms')[0];
    if (transforms !== undefined) {
      for (const transform of children(transforms, DSIG_NS, 'Transform')) {
        const algorithm = transform.getAttribute('Algorithm') ?? '';
        if (algorithm === ENVELOPED) enveloped = true;
        else if (!C14N_ALGORITHMS.has(algorithm))
          invalid(`Transformación no admitida: ${algorithm}.`);
      }
    }
    const digestMethod = child(reference, DSIG_NS, 'DigestMethod', 'DigestMethod');
    const hash =
      DIGESTS[digestMethod.getAttribute('Algorithm') ?? ''] ??
      invalid('Algoritmo de resumen no admitido.');
    const canonical = canonicalize(target, { exclude: enveloped ? sig : null });
    const digest = createHash(hash).update(canonical, 'utf8').digest('base64');
    if (digest !== text(child(reference, DSIG_NS, 'DigestValue', 'DigestValue'))) {
      invalid(
        `El resumen de la referencia «${uri}» no coincide: el contenido firmado fue alterado.`,
      );
    }
    if (target === root) {
      if (!enveloped)
        invalid('La referencia al comprobante no usa la transformación enveloped-signature.');
      coversRoot = true;
    }
    if (
      target.namespaceURI === XADES_NS &&
      target.localName === 'SignedProperties' &&
      contains(sig, target)
    ) {
      signedProperties = target;
    }
  }
  if (!coversRoot) invalid('La firma no cubre el comprobante (falta la referencia a la raíz).');
  if (signedProperties === null) invalid('La firma no cubre xades:SignedProperties.');

  const keyInfo = child(sig, DSIG_NS, 'KeyInfo', 'KeyInfo');
  const x509Data = child(keyInfo, DSIG_NS, 'X509Data', 'X509Data');
  const certificateDer = base64Bytes(
    text(child(x509Data, DSIG_NS, 'X509Certificate', 'X509Certificate')),
  );
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificateDer);
  } catch {
    return invalid('El certificado incluido en la firma no se puede leer.');
  }
  checkKeyValue(keyInfo, certificate.publicKey);
  const signatureValue = base64Bytes(text(child(sig, DSIG_NS, 'SignatureValue', 'SignatureValue')));
  const signedInfoBytes = Buffer.from(canonicalize(signedInfo), 'utf8');
  if (!rsaVerify(signatureHash, signedInfoBytes, certificate.publicKey, signatureValue)) {
    invalid('El valor de la firma no corresponde a SignedInfo con la clave del certificado.');
  }

  const properties = signedProperties as Element;
  const signed = child(
    properties,
    XADES_NS,
    'SignedSignatureProperties',
    'SignedSignatureProperties',
  );
  const signingTime = text(child(signed, XADES_NS, 'SigningTime', 'SigningTime'));
  const cert = child(
    child(signed, XADES_NS, 'SigningCertificate', 'SigningCertificate'),
    XADES_NS,
    'Cert',
    'Cert',
  );
  const certDigest = child(cert, XADES_NS, 'CertDigest', 'CertDigest');
  const certHash =
    DIGESTS[
      child(certDigest, DSIG_NS, 'DigestMethod', 'DigestMethod').getAttribute('Algorithm') ?? ''
    ] ?? invalid('Algoritmo de CertDigest no admitido.');
  if (
    createHash(certHash).update(certificateDer).digest('base64') !==
    text(child(certDigest, DSIG_NS, 'DigestValue', 'DigestValue'))
  ) {
    invalid('CertDigest no corresponde al certificado de la firma.');
  }
  const serial = text(
    child(
      child(cert, XADES_NS, 'IssuerSerial', 'IssuerSerial'),
      DSIG_NS,
      'X509SerialNumber',
      'X509SerialNumber',
    ),
  );
  if (!/^\d+$/.test(serial) || BigInt(serial) !== BigInt(`0x${certificate.serialNumber}`)) {
    invalid('X509SerialNumber no corresponde al certificado de la firma.');
  }
  return { certificateDer, signingTime };
};

/**
 * Verifies the XAdES-BES signature of a signed comprobante.
 * @example
 * const checked = verifyComprobanteSignature(signedXml);
 * if (checked.ok) checked.value.signingTime // '2024-04-18T14:34:32.878-05:00'
 */
export const verifyComprobanteSignature = (xml: string): Result<VerifiedSignature> => {
  try {
    if (typeof xml !== 'string' || xml.length === 0) {
      return err('firma_invalida', 'No se recibió ningún XML firmado.');
    }
    const parsed = parseXml(xml);
    if (!parsed.ok) return parsed;
    return ok(verifyDocument(parsed.value));
  } catch (error) {
    if (error instanceof Invalid) return err('firma_invalida', error.message);
    return err(
      'firma_invalida',
      `No se pudo verificar la firma: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
};
