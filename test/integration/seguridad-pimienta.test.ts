/**
 * Issue 15 §5: the PIN hashes mix in a secret kept in the OS keychain (the pepper), so a stolen
 * backup alone cracks nothing. Older hashes keep working and are upgraded at the next correct
 * PIN; a restart with the same keychain keeps the PINs; data moved to a computer whose keychain
 * has another pepper is told apart from a wrong PIN.
 */
import { scryptSync } from 'node:crypto';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { listAudit, verifyPin } from '../../src/main/db';
import { createTempDir } from '../../src/main/db/testing';
import { DEMO_USERS } from '../../src/main/demo';
import { silentLogger, systemClock } from '../../src/main/log';
import { CUENTA_PIMIENTA } from '../../src/main/secrets';
import { createMemoryKeychain, type MemoryKeychain } from '../fakes/memoryKeychain';

const ADMIN = DEMO_USERS.find((u) => u.rol === 'administrador') ?? { nombre: '', pin: '' };
const CAJERO = DEMO_USERS.find((u) => u.rol === 'cajero') ?? { nombre: '', pin: '' };

let tmp: { dir: string; cleanup: () => void };
beforeAll(() => {
  tmp = createTempDir('mostrador-pimienta-');
});
afterAll(() => tmp.cleanup());

const abrir = async (dataDir: string, keychain: MemoryKeychain): Promise<App> => {
  const created = await createApp({
    dataDir,
    demo: true,
    logger: silentLogger,
    clock: systemClock,
    keychain,
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
};

const hashDe = (file: string, nombre: string): string => {
  const db = new Sqlite(file, { readonly: true });
  try {
    return (
      db.prepare('SELECT pin_hash AS h FROM app_user WHERE nombre = ?').get(nombre) as {
        h: string;
      }
    ).h;
  } finally {
    db.close();
  }
};

const idDe = (app: App, nombre: string): string =>
  (app.db.sqlite.prepare('SELECT id FROM app_user WHERE nombre = ?').get(nombre) as { id: string })
    .id;

/** What an attacker with only the backup computes: scrypt of the PIN with the stored salt. */
const scryptSolo = (pin: string, hash: string): boolean => {
  const [, log2N, r, p, sal, esperado] = hash.split('$');
  const N = 2 ** Number(log2N);
  const clave = scryptSync(pin, Buffer.from(sal ?? '', 'base64'), 32, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r),
  });
  return clave.toString('base64') === esperado;
};

describe('5 · el hash del PIN lleva un secreto del llavero', () => {
  it('un respaldo solo no basta: scrypt(PIN) con la sal del respaldo no coincide ni con el PIN correcto', async () => {
    const dataDir = path.join(tmp.dir, 'respaldo');
    const keychain = createMemoryKeychain();
    const app = await abrir(dataDir, keychain);
    try {
      const adminId = idDe(app, ADMIN.nombre);
      // An older hash (no pepper) works and is upgraded at the next correct PIN.
      const antes = hashDe(app.db.file, ADMIN.nombre);
      expect(antes.startsWith('scrypt$')).toBe(true);
      expect(scryptSolo(ADMIN.pin, antes)).toBe(true);
      const login = await app.call(
        'sesion.iniciar',
        { usuarioId: adminId, pin: ADMIN.pin },
        'http',
      );
      expect(login.ok).toBe(true);
      expect(keychain.entries.get(CUENTA_PIMIENTA)).toMatch(/^[A-Za-z0-9+/]{43}=$/);

      const tomado = await app.call('respaldos.tomar', {}, 'interno');
      if (!tomado.ok) throw new Error(tomado.error.message);
      const enRespaldo = hashDe((tomado.value as { ruta: string }).ruta, ADMIN.nombre);
      expect(enRespaldo.startsWith('scrypt-p.')).toBe(true);
      // The attacker's brute force tries scrypt(pin, salt) for every PIN: not even the right
      // one matches, so no PIN of the 10,000 will.
      expect(scryptSolo(ADMIN.pin, enRespaldo)).toBe(false);
      expect(await verifyPin(ADMIN.pin, enRespaldo)).toBe(false);
      expect(await verifyPin(ADMIN.pin, enRespaldo, Buffer.alloc(32, 7))).toBe(false);
      // Nothing of the pepper is in the database file.
      const pimienta = Buffer.from(keychain.entries.get(CUENTA_PIMIENTA) ?? '', 'base64');
      const bytes = (await import('node:fs')).readFileSync(app.db.file);
      expect(bytes.includes(pimienta)).toBe(false);
    } finally {
      await app.close();
    }
  });

  it('con el mismo llavero, tras reiniciar el PIN sigue sirviendo; un PIN nuevo se guarda con el secreto', async () => {
    const dataDir = path.join(tmp.dir, 'reinicio');
    const keychain = createMemoryKeychain();
    let app = await abrir(dataDir, keychain);
    const cajeroId = idDe(app, CAJERO.nombre);
    const adminId = idDe(app, ADMIN.nombre);
    expect(
      (await app.call('sesion.iniciar', { usuarioId: cajeroId, pin: CAJERO.pin }, 'http')).ok,
    ).toBe(true);
    await app.close();
    app = await abrir(dataDir, keychain);
    try {
      expect(hashDe(app.db.file, CAJERO.nombre).startsWith('scrypt-p.')).toBe(true);
      expect(
        (await app.call('sesion.iniciar', { usuarioId: cajeroId, pin: CAJERO.pin }, 'http')).ok,
      ).toBe(true);
      const mal = await app.call('sesion.iniciar', { usuarioId: cajeroId, pin: '0000' }, 'http');
      expect(mal.ok ? null : mal.error.code).toBe('pin_incorrecto');
      // usuarios.cambiarPin hashes with the pepper too.
      const entrada = { usuarioId: cajeroId, pin: '4321' };
      const aprobada = await app.call(
        'aprobaciones.solicitar',
        { usuarioId: adminId, pin: ADMIN.pin, accion: 'usuarios.cambiarPin', entrada },
        'http',
      );
      if (!aprobada.ok) throw new Error(aprobada.error.message);
      const cambio = await app.call(
        'usuarios.cambiarPin',
        { ...entrada, autorizacion: { token: (aprobada.value as { token: string }).token } },
        'http',
      );
      expect(cambio.ok, cambio.ok ? '' : cambio.error.message).toBe(true);
      const nuevo = hashDe(app.db.file, CAJERO.nombre);
      expect(nuevo.startsWith('scrypt-p.')).toBe(true);
      expect(scryptSolo('4321', nuevo)).toBe(false);
    } finally {
      await app.close();
    }
  });

  it('un respaldo restaurado en la misma computadora conserva sus PIN', async () => {
    const dataDir = path.join(tmp.dir, 'restaurado');
    const keychain = createMemoryKeychain();
    let app = await abrir(dataDir, keychain);
    const adminId = idDe(app, ADMIN.nombre);
    expect(
      (await app.call('sesion.iniciar', { usuarioId: adminId, pin: ADMIN.pin }, 'http')).ok,
    ).toBe(true);
    const tomado = await app.call('respaldos.tomar', {}, 'interno');
    if (!tomado.ok) throw new Error(tomado.error.message);
    const archivo = (tomado.value as { ruta: string }).ruta;
    expect(hashDe(archivo, ADMIN.nombre).startsWith('scrypt-p.')).toBe(true);
    const entrada = { archivo };
    const t = await app.call(
      'aprobaciones.solicitar',
      { usuarioId: adminId, pin: ADMIN.pin, accion: 'respaldos.restaurar', entrada },
      'http',
    );
    if (!t.ok) throw new Error(t.error.message);
    const preparado = await app.call(
      'respaldos.restaurar',
      { ...entrada, autorizacion: { token: (t.value as { token: string }).token } },
      'http',
    );
    expect(preparado.ok, preparado.ok ? '' : preparado.error.message).toBe(true);
    await app.close();
    app = await abrir(dataDir, keychain);
    try {
      expect(
        (await app.call('sesion.iniciar', { usuarioId: adminId, pin: ADMIN.pin }, 'http')).ok,
      ).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('los datos llevados a otra computadora (otro secreto): se dice, sin gastar intentos', async () => {
    const dataDir = path.join(tmp.dir, 'otra');
    const keychain = createMemoryKeychain();
    let app = await abrir(dataDir, keychain);
    const adminId = idDe(app, ADMIN.nombre);
    expect(
      (await app.call('sesion.iniciar', { usuarioId: adminId, pin: ADMIN.pin }, 'http')).ok,
    ).toBe(true);
    await app.close();
    // Another computer: its keychain has no pepper yet (a new one is made).
    app = await abrir(dataDir, createMemoryKeychain());
    try {
      for (let i = 0; i < 6; i++) {
        const r = await app.call('sesion.iniciar', { usuarioId: adminId, pin: ADMIN.pin }, 'http');
        expect(r.ok ? null : r.error.code).toBe('pin_sin_pimienta');
      }
      expect(
        listAudit(app.db, { limit: 50 }).filter((a) => a.action === 'sesion.pin_bloqueado'),
      ).toEqual([]);
    } finally {
      await app.close();
    }
    // A locked keychain on this computer: the same answer, and the PIN works once it opens.
    const bloqueado = keychain;
    bloqueado.available = false;
    app = await abrir(dataDir, bloqueado);
    try {
      const r = await app.call('sesion.iniciar', { usuarioId: adminId, pin: ADMIN.pin }, 'http');
      expect(r.ok ? null : r.error.code).toBe('pin_sin_pimienta');
      bloqueado.available = true;
      const abierto = await app.call(
        'sesion.iniciar',
        { usuarioId: adminId, pin: ADMIN.pin },
        'http',
      );
      expect(abierto.ok).toBe(true);
    } finally {
      await app.close();
    }
  });
});
