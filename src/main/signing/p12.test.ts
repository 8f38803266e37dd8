import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  expiredP12,
  largeP12,
  legacyP12,
  mismatchedKeyP12,
  modernP12,
  multiBagP12,
  noSigningP12,
  notYetValidP12,
} from '../../../test/fixtures/certs';
import { createDemoSigningIdentity, DEMO_LABEL } from './demoCertificate';
import { loadSigningIdentity } from './p12';

// Whole seconds: certificate validity has no milliseconds, so days left are exact.
const now = new Date(Math.floor(Date.now() / 1000) * 1000);

const load = (fixture: { p12: Buffer; password: string }) =>
  loadSigningIdentity(fixture.p12, fixture.password, now);

const errorCode = (result: ReturnType<typeof load>) => (result.ok ? 'ok' : result.error.code);

describe('loadSigningIdentity', () => {
  it('abre un p12 moderno (PBES2/AES-256) y conserva los bytes exactos del certificado', () => {
    const fixture = modernP12({
      ruc: '0992345675001',
      razonSocial: 'COMERCIAL LA ESQUINA S.A.',
      now,
    });
    const identity = load(fixture);
    if (!identity.ok) throw new Error(identity.error.message);
    expect(identity.value.certificateDer.equals(new X509Certificate(fixture.certPem).raw)).toBe(
      true,
    );
    expect(identity.value.summary).toMatchObject({
      titular: 'JUAN CARLOS PEREZ LOPEZ',
      ruc: '0992345675001',
      razonSocial: 'COMERCIAL LA ESQUINA S.A.',
      emisor: 'AC PRUEBAS MOSTRADOR',
      diasRestantes: 365,
    });
    expect(identity.value.issuerName).toBe(
      'CN=AC PRUEBAS MOSTRADOR,L=QUITO,OU=ENTIDAD DE CERTIFICACION DE PRUEBAS,O=ENTIDAD DE PRUEBAS MOSTRADOR,C=EC',
    );
    expect(identity.value.serialNumber).toBe(
      BigInt(`0x${new X509Certificate(fixture.certPem).serialNumber}`).toString(),
    );
    expect(identity.value.privateKey.type).toBe('private');
  });

  it('abre un p12 heredado con RC2-40 y 3DES', () => {
    const fixture = legacyP12();
    const identity = load(fixture);
    if (!identity.ok) throw new Error(identity.error.message);
    expect(identity.value.certificateDer.equals(new X509Certificate(fixture.certPem).raw)).toBe(
      true,
    );
  });

  it('elige el certificado de firma aunque el primero del p12 sea de cifrado', () => {
    const fixture = multiBagP12();
    const identity = load(fixture);
    if (!identity.ok) throw new Error(identity.error.message);
    expect(identity.value.certificateDer.equals(new X509Certificate(fixture.certPem).raw)).toBe(
      true,
    );
  });

  it('abre el p12 de ~5 KB con cadena intermedia y usa la hoja', () => {
    const fixture = largeP12();
    expect(fixture.p12.length).toBeGreaterThan(4500);
    const identity = load(fixture);
    if (!identity.ok) throw new Error(identity.error.message);
    expect(identity.value.summary.emisor).toBe('AC SUBORDINADA DE PRUEBAS, FIRMA');
    expect(identity.value.issuerName).toBe(
      'CN=AC SUBORDINADA DE PRUEBAS\\, FIRMA,2.5.4.97=#0c1356415445432d31373930303136393139303031,O=ENTIDAD DE PRUEBAS MOSTRADOR,C=EC',
    );
  });

  it('abre p12 modernos y heredados con una contraseña con ñ', () => {
    expect(errorCode(load(modernP12({ password: 'contraseña' })))).toBe('ok');
    expect(errorCode(load(legacyP12({ password: 'contraseña' })))).toBe('ok');
  });

  it('rechaza una contraseña incorrecta', () => {
    const result = loadSigningIdentity(modernP12().p12, 'otra', now);
    expect(errorCode(result)).toBe('p12_clave_incorrecta');
    expect(result.ok ? '' : result.error.message).toMatch(/contraseña/);
  });

  it('rechaza un archivo que no es PKCS#12', () => {
    expect(errorCode(loadSigningIdentity(Buffer.from('no soy un p12'), 'x', now))).toBe(
      'p12_corrupto',
    );
    const truncated = modernP12().p12.subarray(0, 600);
    expect(errorCode(loadSigningIdentity(truncated, 'clave-de-prueba', now))).toBe('p12_corrupto');
  });

  it('rechaza un certificado caducado diciendo desde cuándo', () => {
    const result = load(expiredP12());
    expect(errorCode(result)).toBe('certificado_caducado');
    expect(result.ok ? '' : result.error.message).toMatch(/caducó el \d{2}\/\d{2}\/\d{4}/);
  });

  it('rechaza un certificado que aún no es válido', () => {
    expect(errorCode(load(notYetValidP12()))).toBe('certificado_no_vigente');
  });

  it('rechaza un p12 cuya clave privada no corresponde a ningún certificado', () => {
    expect(errorCode(load(mismatchedKeyP12()))).toBe('p12_clave_no_coincide');
  });

  it('rechaza un p12 que solo tiene certificado de cifrado', () => {
    expect(errorCode(load(noSigningP12()))).toBe('p12_sin_certificado_firma');
  });
});

describe('createDemoSigningIdentity', () => {
  it('crea un p12 de entrenamiento rotulado que se abre por la vía normal', () => {
    const demo = createDemoSigningIdentity({
      ruc: '0992345675001',
      razonSocial: 'COMERCIAL LA ESQUINA S.A.',
      now,
    });
    const identity = loadSigningIdentity(demo.p12, demo.password, now);
    if (!identity.ok) throw new Error(identity.error.message);
    expect(identity.value.summary).toMatchObject({
      titular: 'COMERCIAL LA ESQUINA S.A.',
      ruc: '0992345675001',
      emisor: `AC ${DEMO_LABEL}`,
    });
    expect(identity.value.issuerName).toContain(DEMO_LABEL);
  });
});
