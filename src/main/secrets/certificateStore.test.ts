import { createSign, createVerify, type KeyObject, X509Certificate } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryKeychain, type MemoryKeychain } from '../../../test/fakes/memoryKeychain';
import {
  expiredP12,
  legacyP12,
  modernP12,
  multiBagP12,
  type TestP12,
} from '../../../test/fixtures/certs';
import { certificadoEstadoSchema } from '../../shared/contract/certificado';
import { type Database, openDatabase } from '../db';
import { createMemoryLogger, silentLogger, systemClock } from '../log';
import {
  certificateSummary,
  importCertificate,
  keychainAccounts,
  removeCertificate,
  signingIdentityFor,
  unlockActiveCertificate,
} from './certificateStore';
import { createSigningKeyHolder } from './signingKeyHolder';

const ISSUER_RUC = '1790016919001';
const WRONG_PASSWORD = 'clave-equivocada-123';

const openTestDatabase = (): Database => {
  const opened = openDatabase(':memory:', { logger: silentLogger, clock: systemClock });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
};
const DAY = 86_400_000;

let modern: TestP12;
let other: TestP12;
let db: Database;
let keychain: MemoryKeychain;
const now = new Date();

beforeAll(() => {
  modern = modernP12({ ruc: ISSUER_RUC });
  other = legacyP12({ ruc: ISSUER_RUC, password: 'otra-clave' });
});

beforeEach(() => {
  db = openTestDatabase();
  keychain = createMemoryKeychain();
});

const importModern = (overrides: Partial<Parameters<typeof importCertificate>[0]> = {}) =>
  importCertificate({
    db,
    keychain,
    p12Bytes: modern.p12,
    password: modern.password,
    unlockMode: 'keychain',
    issuerRuc: ISSUER_RUC,
    now,
    ...overrides,
  });

const activeIds = (): string[] =>
  (db.sqlite.prepare('SELECT id FROM certificate WHERE active = 1').all() as { id: string }[]).map(
    (r) => r.id,
  );
const auditActions = (): string[] =>
  (db.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]).map(
    (r) => r.action,
  );

const signAndVerify = (identity: { privateKey: KeyObject; certificateDer: Buffer }): boolean => {
  const signature = createSign('RSA-SHA1').update('comprobante').sign(identity.privateKey);
  return createVerify('RSA-SHA1')
    .update('comprobante')
    .verify(new X509Certificate(identity.certificateDer).publicKey, signature);
};

describe('importar y desbloquear', () => {
  it('ida y vuelta: importa, y un proceso nuevo desbloquea y firma sin pedir nada', async () => {
    const imported = await importModern();
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.value.advertencias).toEqual([]);
    expect(imported.value.resumen.ruc).toBe(ISSUER_RUC);

    const holder = createSigningKeyHolder();
    const unlocked = await unlockActiveCertificate({ db, keychain, now, holder });
    expect(unlocked.ok).toBe(true);
    if (!unlocked.ok) return;
    expect(unlocked.value.serialNumber).toBe(imported.value.identity.serialNumber);
    expect(signAndVerify(unlocked.value)).toBe(true);
    expect(holder.heldId()).toBe(imported.value.resumen.id);
  });

  it('guarda en SQLite solo el cifrado y en el llavero solo la clave de 32 bytes y la contraseña', async () => {
    const imported = await importModern();
    if (!imported.ok) throw new Error(imported.error.message);
    const row = db.sqlite.prepare('SELECT * FROM certificate').get() as Record<string, unknown>;
    const ciphertext = row.ciphertext as Buffer;
    expect(ciphertext.length).toBe(modern.p12.length);
    expect(ciphertext.equals(modern.p12)).toBe(false);
    expect(ciphertext.includes(modern.p12.subarray(0, 64))).toBe(false);
    const accounts = keychainAccounts(row.keychain_account as string);
    expect([...keychain.entries.keys()].sort()).toEqual(
      [accounts.dataKey, accounts.password].sort(),
    );
    expect(Buffer.from(keychain.entries.get(accounts.dataKey) ?? '', 'base64')).toHaveLength(32);
    expect(keychain.entries.get(accounts.password)).toBe(modern.password);
    const dump =
      JSON.stringify(db.sqlite.prepare('SELECT * FROM certificate').all()) +
      JSON.stringify(db.sqlite.prepare('SELECT * FROM audit_log').all());
    expect(dump).not.toContain(modern.password);
    expect(dump).not.toContain(modern.p12.toString('base64').slice(0, 40));
  });

  it('lee también un p12 heredado (RC2/3DES) y el de Banco Central con dos pares', async () => {
    const legacy = await importModern({ p12Bytes: other.p12, password: other.password });
    expect(legacy.ok).toBe(true);
    const multi = multiBagP12({ ruc: ISSUER_RUC });
    const imported = await importModern({ p12Bytes: multi.p12, password: multi.password });
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    // The signing pair, not the "Decryption Key" that comes first in the file.
    expect(imported.value.identity.certificateBase64).toBe(
      multi.certPem.replace(/-----[^-]+-----|\s/g, ''),
    );
  });

  it('detecta un byte alterado del cifrado en la fila de SQLite', async () => {
    const imported = await importModern();
    if (!imported.ok) throw new Error(imported.error.message);
    const { ciphertext } = db.sqlite.prepare('SELECT ciphertext FROM certificate').get() as {
      ciphertext: Buffer;
    };
    ciphertext[100] = (ciphertext[100] ?? 0) ^ 0x01;
    db.sqlite.prepare('UPDATE certificate SET ciphertext = ?').run(ciphertext);
    const unlocked = await unlockActiveCertificate({ db, keychain, now });
    expect(unlocked.ok).toBe(false);
    if (unlocked.ok) return;
    expect(unlocked.error.code).toBe('cifrado_alterado');
    expect(unlocked.error.message).toMatch(/dañado o fue modificado/);
  });

  it('no abre el cifrado de un certificado copiado sobre otra fila', async () => {
    const first = await importModern({ newId: () => 'cert-a' });
    const second = await importModern({ newId: () => 'cert-b' });
    if (!first.ok || !second.ok) throw new Error('importación fallida');
    const a = db.sqlite
      .prepare("SELECT ciphertext, iv, auth_tag FROM certificate WHERE id = 'cert-a'")
      .get() as Record<string, Buffer>;
    // The attacker also restores cert-b's key in the keychain: only the AAD stops the swap.
    db.sqlite
      .prepare("UPDATE certificate SET ciphertext = ?, iv = ?, auth_tag = ? WHERE id = 'cert-b'")
      .run(a.ciphertext, a.iv, a.auth_tag);
    const unlocked = await unlockActiveCertificate({ db, keychain, now });
    expect(unlocked.ok).toBe(false);
  });
});

describe('errores de importación con su propio mensaje', () => {
  it('contraseña incorrecta, archivo dañado y certificado caducado', async () => {
    const wrong = await importModern({ password: WRONG_PASSWORD });
    const corrupt = await importModern({ p12Bytes: Buffer.from('esto no es un p12 válido') });
    const truncated = await importModern({ p12Bytes: modern.p12.subarray(0, 500) });
    const expired = expiredP12({ ruc: ISSUER_RUC });
    const caducado = await importModern({ p12Bytes: expired.p12, password: expired.password });
    const results = [wrong, corrupt, truncated, caducado];
    const errors = results.map((r) => (r.ok ? null : r.error));
    expect(errors.map((e) => e?.code)).toEqual([
      'p12_clave_incorrecta',
      'p12_corrupto',
      'p12_corrupto',
      'certificado_caducado',
    ]);
    expect(errors[0]?.message).toMatch(/contraseña.*incorrecta/);
    expect(errors[1]?.message).toMatch(/dañado/);
    expect(errors[3]?.message).toMatch(/caducó el \d{2}\/\d{2}\/\d{4}/);
    expect(new Set(errors.map((e) => e?.message)).size).toBe(3);
    expect(keychain.entries.size).toBe(0);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM certificate').get()).toEqual({ n: 0 });
  });

  it('un archivo vacío se rechaza antes de tocar nada', async () => {
    const result = await importModern({ p12Bytes: new Uint8Array() });
    expect(result.ok).toBe(false);
    expect(keychain.calls).toEqual([]);
  });
});

describe('una importación fallida deja la firma anterior en uso', () => {
  let previousId: string;
  beforeEach(async () => {
    const first = await importModern();
    if (!first.ok) throw new Error(first.error.message);
    previousId = first.value.resumen.id;
  });

  const expectPreviousInUse = async (): Promise<void> => {
    expect(activeIds()).toEqual([previousId]);
    const unlocked = await unlockActiveCertificate({ db, keychain, now });
    expect(unlocked.ok).toBe(true);
    expect(auditActions()).toEqual(['certificado.importado']);
  };

  it('con la contraseña equivocada', async () => {
    const result = await importModern({ p12Bytes: other.p12, password: WRONG_PASSWORD });
    expect(result.ok).toBe(false);
    await expectPreviousInUse();
  });

  it('cuando el llavero falla al guardar la clave de datos', async () => {
    const before = new Map(keychain.entries);
    keychain.failNext('set');
    const result = await importModern({ p12Bytes: other.p12, password: other.password });
    expect(result.ok ? null : result.error.code).toBe('keychain_no_disponible');
    expect(keychain.entries).toEqual(before);
    await expectPreviousInUse();
  });

  it('cuando el llavero falla al guardar la contraseña, sin dejar la clave nueva en el llavero', async () => {
    const before = new Map(keychain.entries);
    keychain.failNext('set', keychainAccounts('certificado/cert-nuevo').password);
    const result = await importModern({
      p12Bytes: other.p12,
      password: other.password,
      newId: () => 'cert-nuevo',
    });
    expect(result.ok ? null : result.error.code).toBe('keychain_no_disponible');
    expect(keychain.calls.map((c) => c.operation)).toContain('delete');
    expect(keychain.entries).toEqual(before);
    await expectPreviousInUse();
  });

  it('cuando SQLite rechaza la fila, y borra del llavero lo que alcanzó a escribir', async () => {
    const before = new Map(keychain.entries);
    db.sqlite.exec(
      "CREATE TEMP TRIGGER rechazar BEFORE INSERT ON certificate BEGIN SELECT RAISE(ABORT, 'disco lleno'); END",
    );
    const result = await importModern({ p12Bytes: other.p12, password: other.password });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('base_de_datos');
    db.sqlite.exec('DROP TRIGGER rechazar');
    expect(keychain.entries).toEqual(before);
    await expectPreviousInUse();
  });

  it('cuando el llavero no está disponible, no escribe nada', async () => {
    keychain.available = false;
    const result = await importModern({ p12Bytes: other.p12, password: other.password });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('keychain_no_disponible');
      expect(result.error.message).toMatch(/llavero de contraseñas del sistema/);
      expect(result.error.message).toMatch(/Pedir la contraseña cada vez/);
    }
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM certificate').get()).toEqual({ n: 1 });
    keychain.available = true;
    await expectPreviousInUse();
  });

  it('«pedir la contraseña cada vez» funciona sin llavero: la clave sale de la contraseña', async () => {
    keychain.available = false;
    const holder = createSigningKeyHolder();
    const result = await importModern({
      p12Bytes: other.p12,
      password: other.password,
      unlockMode: 'preguntar',
      holder,
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(holder.current(now).ok).toBe(true);
    const row = db.sqlite
      .prepare('SELECT keychain_account AS cuenta, ciphertext FROM certificate WHERE active = 1')
      .get() as { cuenta: string; ciphertext: Buffer };
    expect(row.cuenta.startsWith('contrasena/')).toBe(true);
    // Nothing in clear: the p12 bytes do not appear in the stored ciphertext.
    expect(row.ciphertext.includes(other.p12.subarray(0, 32))).toBe(false);

    // After a restart: the right password opens it, with the keychain still down.
    const wrong = await unlockActiveCertificate({ db, keychain, now, password: 'otra-cosa' });
    expect(wrong.ok ? null : wrong.error.code).toBe('p12_clave_incorrecta');
    if (!wrong.ok) expect(wrong.error.message).toMatch(/no es correcta/);
    const right = await unlockActiveCertificate({ db, keychain, now, password: other.password });
    expect(right.ok).toBe(true);
    keychain.available = true;
  });
});

describe('reemplazar y eliminar', () => {
  it('reemplazar activa la nueva, borra del llavero las claves de la anterior y audita', async () => {
    const first = await importModern();
    if (!first.ok) throw new Error(first.error.message);
    const oldAccounts = keychainAccounts(`certificado/${first.value.resumen.id}`);
    const second = await importModern({ p12Bytes: other.p12, password: other.password });
    if (!second.ok) throw new Error(second.error.message);
    expect(activeIds()).toEqual([second.value.resumen.id]);
    expect(keychain.entries.has(oldAccounts.dataKey)).toBe(false);
    expect(keychain.entries.has(oldAccounts.password)).toBe(false);
    const audit = db.sqlite.prepare('SELECT detail FROM audit_log ORDER BY id').all() as {
      detail: string;
    }[];
    expect(JSON.parse(audit[1]?.detail ?? '{}').reemplaza).toBe(first.value.resumen.id);
  });

  it('eliminar borra las claves, desactiva la fila, suelta la clave en memoria y audita', async () => {
    const holder = createSigningKeyHolder();
    const imported = await importModern({ holder, userId: null });
    if (!imported.ok) throw new Error(imported.error.message);
    expect(holder.current(now).ok).toBe(true);
    const removed = await removeCertificate({ db, keychain, now, holder });
    expect(removed).toEqual({ ok: true, value: { advertencias: [] } });
    expect(keychain.entries.size).toBe(0);
    expect(activeIds()).toEqual([]);
    expect(holder.current(now).ok).toBe(false);
    expect(auditActions()).toEqual(['certificado.importado', 'certificado.eliminado']);
    expect(certificateSummary({ db, now, holder }).certificado).toBeNull();
    const again = await unlockActiveCertificate({ db, keychain, now });
    expect(again.ok ? null : again.error.code).toBe('sin_certificado');
  });

  it('eliminar con el llavero caído quita la firma igual y lo advierte', async () => {
    await importModern();
    keychain.available = false;
    const removed = await removeCertificate({ db, keychain, now });
    expect(removed.ok && removed.value.advertencias.length).toBe(1);
    expect(activeIds()).toEqual([]);
  });
});

describe('modo preguntar', () => {
  it('guarda solo la clave de datos y pide la contraseña para desbloquear', async () => {
    const imported = await importModern({ unlockMode: 'preguntar' });
    if (!imported.ok) throw new Error(imported.error.message);
    expect(keychain.entries.size).toBe(1);
    expect([...keychain.entries.values()]).not.toContain(modern.password);

    const holder = createSigningKeyHolder();
    const sinClave = await signingIdentityFor({ db, keychain, holder, now });
    expect(sinClave.ok ? null : sinClave.error.code).toBe('firma_bloqueada');
    const vacia = await unlockActiveCertificate({ db, keychain, now, holder });
    expect(vacia.ok ? null : vacia.error.code).toBe('contrasena_requerida');
    const mala = await unlockActiveCertificate({
      db,
      keychain,
      now,
      holder,
      password: WRONG_PASSWORD,
    });
    expect(mala.ok ? null : mala.error.code).toBe('p12_clave_incorrecta');
    const buena = await unlockActiveCertificate({
      db,
      keychain,
      now,
      holder,
      password: modern.password,
    });
    expect(buena.ok).toBe(true);
    expect((await signingIdentityFor({ db, keychain, holder, now })).ok).toBe(true);
  });
});

describe('uso y caducidad', () => {
  it('tras reiniciar (retenedor vacío) firma sin pedir nada en modo llavero', async () => {
    await importModern();
    const holder = createSigningKeyHolder();
    const identity = await signingIdentityFor({ db, keychain, holder, now });
    expect(identity.ok).toBe(true);
    if (identity.ok) expect(signAndVerify(identity.value)).toBe(true);
  });

  it('se niega a firmar cuando el certificado ya caducó, con la fecha', async () => {
    const holder = createSigningKeyHolder();
    const imported = await importModern({ holder });
    if (!imported.ok) throw new Error(imported.error.message);
    const later = new Date(Date.parse(imported.value.resumen.validoHasta) + DAY);
    const refused = holder.current(later);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('certificado_caducado');
      expect(refused.error.message).toMatch(/caducó el \d{2}\/\d{2}\/\d{4}/);
    }
    const reopened = await unlockActiveCertificate({ db, keychain, now: later });
    expect(reopened.ok ? null : reopened.error.code).toBe('certificado_caducado');
  });

  it('advierte cuando el RUC del certificado no es el del emisor, pero importa', async () => {
    const result = await importModern({ issuerRuc: '0992345678001' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.advertencias).toHaveLength(1);
    expect(result.value.advertencias[0]).toMatch(/1790016919001.*no coincide.*0992345678001/);
    expect(activeIds()).toEqual([result.value.resumen.id]);
  });

  it('acepta sin advertencia el certificado de persona natural con la cédula del RUC', async () => {
    const persona = modernP12({ ruc: '1712345678001' });
    const result = await importModern({
      p12Bytes: persona.p12,
      password: persona.password,
      issuerRuc: '1712345678001',
    });
    expect(result.ok && result.value.advertencias).toEqual([]);
  });

  it('el resumen cumple el contrato estricto y no lleva material de clave', async () => {
    const holder = createSigningKeyHolder();
    await importModern({ holder });
    const estado = certificateSummary({ db, now, holder });
    expect(certificadoEstadoSchema.parse(estado)).toEqual(estado);
    expect(estado.desbloqueado).toBe(true);
    expect(estado.certificado?.diasRestantes).toBeGreaterThan(360);
    expect(estado.aviso).toBeNull();
    const text = JSON.stringify(estado);
    expect(text).not.toContain(modern.password);
    expect(text).not.toMatch(/BEGIN|PRIVATE|MII/);
    for (const value of keychain.entries.values()) expect(text).not.toContain(value);
  });
});

describe('registros', () => {
  it('ninguna entrada del log de importar + desbloquear + eliminar contiene la contraseña, el p12 o la clave', async () => {
    const logger = createMemoryLogger();
    await importModern({ logger, issuerRuc: '0992345678001' });
    await importModern({ logger, password: WRONG_PASSWORD });
    keychain.failNext('get');
    await unlockActiveCertificate({ db, keychain, now, logger });
    await unlockActiveCertificate({ db, keychain, now, logger });
    const keys = [...keychain.entries.values()];
    await removeCertificate({ db, keychain, now, logger });
    expect(logger.entries.length).toBeGreaterThanOrEqual(5);
    const text = JSON.stringify(logger.entries);
    // The scan reads real content: ids and codes are there, secrets are not.
    expect(text).toContain('keychain_no_disponible');
    expect(text).toContain('p12_clave_incorrecta');
    const p12Base64 = modern.p12.toString('base64');
    const fragments = [
      modern.password,
      WRONG_PASSWORD,
      ...keys,
      ...keys.map((k) => k.slice(0, 16)),
      ...Array.from({ length: 10 }, (_, i) => p12Base64.slice(i * 100, i * 100 + 24)),
      modern.p12.subarray(0, 32).toString('hex'),
    ];
    for (const fragment of fragments) expect(text).not.toContain(fragment);
  });
});
