/**
 * Issue 15 §5 against a real Secret Service (gnome-keyring; see keychain-gnome.test.ts for how to
 * run it): the PIN pepper lives in the OS keychain, login works with it, and data whose pepper
 * this keychain lacks (another computer) gets an administrador's PIN back with
 * `mostrador restablecer-pin`.
 */
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { EXIT_OK } from '../../src/main/cli/io';
import { main } from '../../src/main/cli/main';
import { createTempDir } from '../../src/main/db/testing';
import { DEMO_USERS } from '../../src/main/demo';
import { silentLogger, systemClock } from '../../src/main/log';
import { CUENTA_PIMIENTA, createSystemKeychain } from '../../src/main/secrets';

const REAL_KEYRING = process.env.MOSTRADOR_REAL_KEYRING === '1';
const ADMIN = DEMO_USERS.find((u) => u.rol === 'administrador') ?? { nombre: '', pin: '' };

let tmp: { dir: string; cleanup: () => void };
beforeAll(() => {
  tmp = createTempDir('mostrador-pimienta-llavero-');
});
afterAll(() => tmp.cleanup());

describe.runIf(REAL_KEYRING)('5 · el secreto de los PIN en el llavero del sistema', () => {
  // The service `mostrador restablecer-pin` uses; each run has a keyring folder of its own.
  const keychain = createSystemKeychain({ logger: silentLogger });
  afterAll(async () => {
    await keychain.delete(CUENTA_PIMIENTA);
  });

  const abrir = async (dataDir: string): Promise<App> => {
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
  const login = async (app: App, pin: string) => {
    const { id } = app.db.sqlite
      .prepare('SELECT id FROM app_user WHERE nombre = ?')
      .get(ADMIN.nombre) as { id: string };
    return app.call('sesion.iniciar', { usuarioId: id, pin }, 'http');
  };

  it('con el llavero el PIN entra; en otra computadora se restablece con mostrador restablecer-pin', async () => {
    const dataDir = path.join(tmp.dir, 'tienda');
    let app = await abrir(dataDir);
    expect((await login(app, ADMIN.pin)).ok).toBe(true);
    const guardada = await keychain.get(CUENTA_PIMIENTA);
    expect(guardada.ok && guardada.value?.length).toBe(44);
    await app.close();
    app = await abrir(dataDir);
    expect((await login(app, ADMIN.pin)).ok).toBe(true);
    await app.close();

    // Another computer: its keychain never had this pepper.
    expect((await keychain.delete(CUENTA_PIMIENTA)).ok).toBe(true);
    app = await abrir(dataDir);
    const sin = await login(app, ADMIN.pin);
    expect(sin.ok ? null : sin.error.code).toBe('pin_sin_pimienta');
    await app.close();

    const salida: string[] = [];
    const errores: string[] = [];
    const code = await main(['restablecer-pin', '--data-dir', dataDir, '--usuario', ADMIN.nombre], {
      stdout: (t) => salida.push(String(t)),
      stderr: (t) => errores.push(t),
      env: { ...process.env, MOSTRADOR_PIN_NUEVO: '2468', MOSTRADOR_LOG: 'error' },
      cwd: process.cwd(),
      stopped: new Promise(() => {}),
    });
    expect(code, errores.join('\n')).toBe(EXIT_OK);
    expect(salida.join('')).toContain(`Se restableció el PIN de ${ADMIN.nombre}.`);

    app = await abrir(dataDir);
    try {
      expect((await login(app, '2468')).ok).toBe(true);
    } finally {
      await app.close();
    }
    const db = new Sqlite(path.join(dataDir, 'mostrador.sqlite'), { readonly: true });
    try {
      expect(
        db
          .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'usuario.pin_restablecido'")
          .get(),
      ).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  }, 60_000);
});
