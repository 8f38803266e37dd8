import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryKeychain, type MemoryKeychain } from '../../../test/fakes/memoryKeychain';
import { modernP12, type TestP12 } from '../../../test/fixtures/certs';
import { certificadoCalls, certificadoEstadoSchema } from '../../shared/contract/certificado';
import { type Database, listAudit, openDatabase } from '../db';
import { silentLogger, systemClock } from '../log';
import { createCertificateHandlers } from './handlers';
import { exigirFirmaConfirmada } from './otroRuc';
import { createSigningKeyHolder } from './signingKeyHolder';

const ISSUER_RUC = '1790016919001';
let p12: TestP12;
let db: Database;
let keychain: MemoryKeychain;
const responses: unknown[] = [];

const handlersFor = (holder = createSigningKeyHolder()) => {
  const handlers = createCertificateHandlers({
    db,
    keychain,
    holder,
    clock: systemClock,
    logger: silentLogger,
    issuerRuc: () => ISSUER_RUC,
  });
  // Every answer goes through the contract's output schema and is kept for the leak scan.
  const record =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await run(...args);
      responses.push(result);
      return result;
    };
  return {
    holder,
    resumen: record(() => handlers['certificado.resumen']({})),
    importar: record(
      (input: { p12Base64: string; password: string; modo: 'keychain' | 'preguntar' }) =>
        handlers['certificado.importar'](
          certificadoCalls['certificado.importar'].input.parse(input),
        ),
    ),
    desbloquear: record((password: string) => handlers['certificado.desbloquear']({ password })),
    eliminar: record(() => handlers['certificado.eliminar']({ confirmar: true })),
    confirmarOtroRuc: record((rucCertificado: string | null, rucEmisor: string) =>
      handlers['certificado.confirmarOtroRuc']({ rucCertificado, rucEmisor }),
    ),
  };
};

beforeAll(() => {
  p12 = modernP12({ ruc: ISSUER_RUC });
});

beforeEach(() => {
  const opened = openDatabase(':memory:', { logger: silentLogger, clock: systemClock });
  if (!opened.ok) throw new Error(opened.error.message);
  db = opened.value;
  keychain = createMemoryKeychain();
});

describe('llamadas certificado.*', () => {
  it('importar devuelve el resumen desbloqueado y un reinicio desbloquea solo al pedir el resumen', async () => {
    const first = handlersFor();
    const imported = await first.importar({
      p12Base64: p12.p12.toString('base64'),
      password: p12.password,
      modo: 'keychain',
    });
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(certificadoEstadoSchema.parse(imported.value)).toEqual(imported.value);
    expect(imported.value.desbloqueado).toBe(true);
    expect(imported.value.certificado?.titular).toBe('JUAN CARLOS PEREZ LOPEZ');

    const restarted = handlersFor();
    expect(restarted.holder.heldId()).toBeNull();
    const resumen = await restarted.resumen();
    expect(resumen.ok && resumen.value.desbloqueado).toBe(true);
    expect(restarted.holder.current(new Date()).ok).toBe(true);
  });

  it('el resumen avisa con mensaje claro si el cifrado de la base fue alterado', async () => {
    await handlersFor().importar({
      p12Base64: p12.p12.toString('base64'),
      password: p12.password,
      modo: 'keychain',
    });
    db.sqlite.exec('UPDATE certificate SET auth_tag = zeroblob(16)');
    const resumen = await handlersFor().resumen();
    expect(resumen.ok).toBe(true);
    if (!resumen.ok) return;
    expect(resumen.value.desbloqueado).toBe(false);
    expect(resumen.value.advertencias[0]).toMatch(/dañado o fue modificado/);
  });

  it('modo preguntar: el resumen queda bloqueado hasta desbloquear con la contraseña', async () => {
    await handlersFor().importar({
      p12Base64: p12.p12.toString('base64'),
      password: p12.password,
      modo: 'preguntar',
    });
    const restarted = handlersFor();
    const resumen = await restarted.resumen();
    expect(resumen.ok && resumen.value.desbloqueado).toBe(false);
    expect(resumen.ok && resumen.value.certificado?.modo).toBe('preguntar');
    const wrong = await restarted.desbloquear('otra-cosa');
    expect(wrong.ok ? null : wrong.error.code).toBe('p12_clave_incorrecta');
    const unlocked = await restarted.desbloquear(p12.password);
    expect(unlocked.ok && unlocked.value.desbloqueado).toBe(true);
  });

  it('eliminar deja el estado sin certificado', async () => {
    const handlers = handlersFor();
    await handlers.importar({
      p12Base64: p12.p12.toString('base64'),
      password: p12.password,
      modo: 'keychain',
    });
    const removed = await handlers.eliminar();
    expect(removed).toEqual({
      ok: true,
      value: {
        certificado: null,
        capacitacion: null,
        desbloqueado: false,
        aviso: null,
        advertencias: [],
      },
    });
  });

  it('sin firma importada dice que firma el certificado de capacitación, y no después de importar una', async () => {
    const capacitacion = {
      titular: 'CAPACITACIÓN Comercial Demo',
      ruc: ISSUER_RUC,
      validoHasta: '2027-12-31T00:00:00.000Z',
    };
    const handlers = createCertificateHandlers({
      db,
      keychain,
      holder: createSigningKeyHolder(),
      clock: systemClock,
      logger: silentLogger,
      issuerRuc: () => ISSUER_RUC,
      capacitacion: () => capacitacion,
    });
    const antes = await handlers['certificado.resumen']({});
    expect(antes.ok && antes.value).toMatchObject({
      certificado: null,
      capacitacion,
      desbloqueado: true,
    });
    await handlers['certificado.importar'](
      certificadoCalls['certificado.importar'].input.parse({
        p12Base64: p12.p12.toString('base64'),
        password: p12.password,
        modo: 'keychain',
      }),
    );
    const despues = await handlers['certificado.resumen']({});
    expect(despues.ok && despues.value.capacitacion).toBeNull();
    expect(despues.ok && despues.value.certificado?.titular).toBeTruthy();
    await handlers['certificado.eliminar']({ confirmar: true });
  });

  it('el contrato exige confirmar para eliminar y limita el tamaño del archivo', () => {
    expect(certificadoCalls['certificado.eliminar'].input.safeParse({}).success).toBe(false);
    expect(
      certificadoCalls['certificado.eliminar'].input.safeParse({ confirmar: false }).success,
    ).toBe(false);
    const big = 'A'.repeat(200_000);
    expect(
      certificadoCalls['certificado.importar'].input.safeParse({
        p12Base64: big,
        password: 'x',
        modo: 'keychain',
      }).success,
    ).toBe(false);
  });

  it('ninguna respuesta de importar, resumir, desbloquear o eliminar lleva la contraseña, el p12 ni la clave', async () => {
    responses.length = 0;
    const secrets = new Set<string>();
    const keepSecrets = (): void => {
      for (const value of keychain.entries.values()) secrets.add(value);
    };
    const handlers = handlersFor();
    const p12Base64 = p12.p12.toString('base64');
    await handlers.importar({ p12Base64, password: 'equivocada', modo: 'keychain' });
    await handlers.importar({ p12Base64, password: p12.password, modo: 'preguntar' });
    keepSecrets();
    await handlers.resumen();
    const restarted = handlersFor();
    await restarted.resumen();
    await restarted.desbloquear('equivocada');
    await restarted.desbloquear(p12.password);
    await restarted.importar({ p12Base64, password: p12.password, modo: 'keychain' });
    keepSecrets();
    db.sqlite.exec('UPDATE certificate SET auth_tag = zeroblob(16) WHERE active = 1');
    await handlersFor().resumen();
    await restarted.eliminar();
    expect(responses).toHaveLength(9);
    expect(secrets.size).toBe(3);
    const text = JSON.stringify(responses);
    // The scan sees real content: the holder's name went out, the secrets did not.
    expect(text).toContain('JUAN CARLOS PEREZ LOPEZ');
    expect(text).not.toContain(p12.password);
    for (let i = 0; i + 24 <= p12Base64.length; i += 200) {
      expect(text).not.toContain(p12Base64.slice(i, i + 24));
    }
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/BEGIN|PRIVATE KEY|clave-datos/);
  });
});

describe('certificado de otro RUC', () => {
  it('no queda lista para firmar hasta que se confirma nombrando ambos RUC, y la confirmación queda auditada', async () => {
    const ajeno = modernP12({ ruc: '1714307103001' });
    const h = handlersFor();
    const importado = await h.importar({
      p12Base64: ajeno.p12.toString('base64'),
      password: ajeno.password,
      modo: 'keychain',
    });
    if (!importado.ok) throw new Error(importado.error.message);
    expect(certificadoEstadoSchema.parse(importado.value)).toEqual(importado.value);
    expect(importado.value.otroRuc).toEqual({
      rucCertificado: '1714307103001',
      rucEmisor: ISSUER_RUC,
      confirmado: false,
    });
    const bloqueada = exigirFirmaConfirmada(db, ISSUER_RUC);
    expect(!bloqueada.ok && bloqueada.error.code).toBe('certificado_otro_ruc');

    const mal = await h.confirmarOtroRuc('1714307103001', '0992345675001');
    expect(!mal.ok && mal.error.code).toBe('ruc_no_coincide');
    expect(exigirFirmaConfirmada(db, ISSUER_RUC).ok).toBe(false);

    const bien = await h.confirmarOtroRuc('1714307103001', ISSUER_RUC);
    expect(bien.ok && bien.value.otroRuc?.confirmado).toBe(true);
    expect(exigirFirmaConfirmada(db, ISSUER_RUC).ok).toBe(true);
    expect(
      listAudit(db, { limit: 10 }).find((e) => e.action === 'certificado.otro_ruc_confirmado')
        ?.detail,
    ).toMatchObject({ rucCertificado: '1714307103001', rucEmisor: ISSUER_RUC });
  });

  it('un certificado del mismo RUC no pide confirmación', async () => {
    const h = handlersFor();
    const importado = await h.importar({
      p12Base64: p12.p12.toString('base64'),
      password: p12.password,
      modo: 'keychain',
    });
    expect(importado.ok && importado.value.otroRuc).toBeUndefined();
    expect(exigirFirmaConfirmada(db, ISSUER_RUC).ok).toBe(true);
  });
});
