import { createPrivateKey, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import {
  largeP12,
  legacyP12,
  mismatchedKeyP12,
  modernP12,
  multiBagP12,
  type TestP12,
} from '../../../test/fixtures/certs';
import { decodeModernP12 } from './nativeP12';

/** What node-forge reads from the same file: the reference this reader must match. */
const withForge = (fixture: TestP12) => {
  const asn = forge.asn1.fromDer(fixture.p12.toString('binary'), false);
  const pfx = forge.pkcs12.pkcs12FromAsn1(asn, false, fixture.password);
  const certBag = forge.pki.oids.certBag as string;
  const certificates = (pfx.getBags({ bagType: certBag })[certBag] ?? []).map((bag) =>
    Buffer.from(
      forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert as forge.pki.Certificate)).getBytes(),
      'binary',
    ),
  );
  const keyBag = forge.pki.oids.pkcs8ShroudedKeyBag as string;
  const keys = (pfx.getBags({ bagType: keyBag })[keyBag] ?? []).map((bag) =>
    createPrivateKey(forge.pki.privateKeyToPem(bag.key as forge.pki.PrivateKey)).export({
      format: 'pem',
      type: 'pkcs8',
    }),
  );
  return { certificates, keys };
};

describe('decodeModernP12', () => {
  it('lee los mismos certificados y claves que node-forge en los p12 modernos', () => {
    for (const fixture of [modernP12(), largeP12()]) {
      const native = decodeModernP12(fixture.p12, fixture.password);
      if (native === null) throw new Error('el p12 moderno no se abrió sin forge');
      const reference = withForge(fixture);
      expect(native.certificates).toEqual(reference.certificates);
      expect(native.keys.map((key) => key.export({ format: 'pem', type: 'pkcs8' }))).toEqual(
        reference.keys,
      );
    }
  });

  it('conserva los bytes exactos del certificado de firma', () => {
    const fixture = modernP12();
    const native = decodeModernP12(fixture.p12, fixture.password);
    const raw = new X509Certificate(fixture.certPem).raw;
    expect(native?.certificates.some((der) => der.equals(raw))).toBe(true);
  });

  it('deja a forge los p12 heredados, las contraseñas incorrectas o no ASCII y lo que no es PKCS#12', () => {
    // RC2/3DES bags, and the 3DES key bags of forge-built Banco Central style files.
    for (const legacy of [legacyP12(), multiBagP12(), mismatchedKeyP12()]) {
      expect(decodeModernP12(legacy.p12, legacy.password)).toBeNull();
    }
    const modern = modernP12();
    expect(decodeModernP12(modern.p12, `${modern.password}x`)).toBeNull();
    const conEnie = modernP12({ password: 'contraseña' });
    expect(decodeModernP12(conEnie.p12, conEnie.password)).toBeNull();
    expect(decodeModernP12(Buffer.from('no es un p12'), 'clave')).toBeNull();
    expect(decodeModernP12(modern.p12.subarray(0, 200), modern.password)).toBeNull();
  });
});
