/**
 * The keychain against a real Secret Service (gnome-keyring). `scripts/test.sh` runs vitest
 * under `dbus-run-session` with an unlocked gnome-keyring and sets MOSTRADOR_REAL_KEYRING=1;
 * then these tests must run, and an unreachable keyring fails them. Locally:
 *   dbus-run-session -- sh -c 'echo -n test-password | gnome-keyring-daemon --unlock \
 *     --components=secrets >/dev/null; MOSTRADOR_REAL_KEYRING=1 npx vitest run \
 *     --project integration test/integration/keychain-gnome.test.ts'
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createVerify, randomUUID, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db';
import { createMemoryLogger, silentLogger, systemClock } from '../../src/main/log';
import {
  createSystemKeychain,
  importCertificate,
  keychainAccounts,
  MAX_KEYCHAIN_SECRET_BYTES,
} from '../../src/main/secrets';
import { largeP12, type TestP12 } from '../fixtures/certs';

const REAL_KEYRING = process.env.MOSTRADOR_REAL_KEYRING === '1';
const repoRoot = resolve(import.meta.dirname, '../..');
const childScript = join(repoRoot, 'test/integration/keychainChild.ts');
// One service per run: parallel runs never collide and a developer's real entries are untouched.
const service = `Mostrador-prueba-${randomUUID()}`;

type StoredItem = { label: string; secret: string; attributes: Record<string, string> };

/** Every item of our service, as `secret-tool` (libsecret, an independent client) sees it. */
const secretToolItems = (): StoredItem[] => {
  // secret-tool prints attributes on stderr and the rest on stdout: one fd keeps them in order.
  const out = spawnSync(
    'sh',
    ['-c', 'secret-tool search --all --unlock service "$1" 2>&1', 'sh', service],
    { encoding: 'utf8' },
  );
  const text = out.stdout;
  const items: StoredItem[] = [];
  for (const block of text.split(/^\[/m).slice(1)) {
    const item: StoredItem = { label: '', secret: '', attributes: {} };
    for (const line of block.split('\n')) {
      const match = /^(\S+) = (.*)$/.exec(line);
      if (match === null) continue;
      const [, key = '', value = ''] = match;
      if (key === 'label') item.label = value;
      else if (key === 'secret') item.secret = value;
      else if (key.startsWith('attribute.'))
        item.attributes[key.slice('attribute.'.length)] = value;
    }
    items.push(item);
  }
  return items;
};

const runChild = (
  args: string[],
  env: Record<string, string | undefined>,
): { ok: boolean; [key: string]: unknown } => {
  const out = spawnSync(process.execPath, ['--import', 'tsx', childScript, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  const line = out.stdout.trim().split('\n').pop() ?? '';
  if (out.status !== 0 || line === '') {
    throw new Error(`el proceso hijo falló (${out.status}): ${out.stderr}`);
  }
  return JSON.parse(line) as { ok: boolean };
};

if (!REAL_KEYRING) {
  describe('llavero real (gnome-keyring)', () => {
    it.skip('se omite: requiere MOSTRADOR_REAL_KEYRING=1 bajo dbus-run-session con gnome-keyring desbloqueado (npm test lo prepara)', () => {});
  });
} else {
  describe('llavero real (gnome-keyring)', () => {
    const keychain = createSystemKeychain({ logger: silentLogger, service });
    let dataDir: string;
    let p12: TestP12;

    beforeAll(() => {
      // Fail, never skip, when the run promised a real keyring and there is none.
      if (process.env.DBUS_SESSION_BUS_ADDRESS === undefined) {
        throw new Error(
          'MOSTRADOR_REAL_KEYRING=1 pero no hay DBUS_SESSION_BUS_ADDRESS: ejecute bajo dbus-run-session con gnome-keyring-daemon --unlock.',
        );
      }
      dataDir = mkdtempSync(join(tmpdir(), 'mostrador-llavero-'));
      p12 = largeP12({ password: 'clave de prueba ñandú 5KB' });
    });

    afterAll(() => {
      spawnSync('secret-tool', ['clear', 'service', service]);
      if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    });

    it('guarda, lee y borra un secreto en el Secret Service', async () => {
      const account = 'prueba/ida-y-vuelta';
      expect(await keychain.get(account)).toEqual({ ok: true, value: null });
      expect(await keychain.set(account, 'secreto ñ 🔐')).toEqual({ ok: true, value: undefined });
      expect(await keychain.get(account)).toEqual({ ok: true, value: 'secreto ñ 🔐' });
      // An independent client sees it under our service and account.
      const lookup = execFileSync(
        'secret-tool',
        ['lookup', 'service', service, 'username', account],
        {
          encoding: 'utf8',
        },
      );
      expect(lookup).toBe('secreto ñ 🔐');
      expect(await keychain.delete(account)).toEqual({ ok: true, value: undefined });
      expect(await keychain.get(account)).toEqual({ ok: true, value: null });
      expect(await keychain.delete(account)).toEqual({ ok: true, value: undefined });
    });

    it('no lleva al llavero un secreto de más de 2048 bytes', async () => {
      const result = await keychain.set('prueba/grande', 'x'.repeat(MAX_KEYCHAIN_SECRET_BYTES + 1));
      expect(result.ok ? null : result.error.code).toBe('secreto_demasiado_grande');
      expect(secretToolItems().filter((i) => i.attributes.username === 'prueba/grande')).toEqual(
        [],
      );
    });

    it('un p12 de 5 KB va cifrado a SQLite; al llavero solo la clave de 32 bytes y la contraseña', async () => {
      expect(p12.p12.length).toBeGreaterThan(5 * 1024);
      expect(p12.p12.length).toBeGreaterThan(MAX_KEYCHAIN_SECRET_BYTES * 2);
      const opened = openDatabase(join(dataDir, 'mostrador.sqlite'), {
        logger: silentLogger,
        clock: systemClock,
      });
      if (!opened.ok) throw new Error(opened.error.message);
      const db = opened.value;
      const logger = createMemoryLogger();
      const imported = await importCertificate({
        db,
        keychain,
        p12Bytes: p12.p12,
        password: p12.password,
        unlockMode: 'keychain',
        issuerRuc: null,
        now: new Date(),
        logger,
      });
      expect(imported.ok ? 'ok' : imported.error.message).toBe('ok');
      if (!imported.ok) return;
      const row = db.sqlite
        .prepare('SELECT ciphertext, keychain_account FROM certificate')
        .get() as {
        ciphertext: Buffer;
        keychain_account: string;
      };
      expect(row.ciphertext.length).toBe(p12.p12.length);
      db.close();

      const accounts = keychainAccounts(row.keychain_account);
      const items = secretToolItems();
      expect(items.map((i) => i.attributes.username).sort()).toEqual(
        [accounts.dataKey, accounts.password].sort(),
      );
      const dataKey = execFileSync(
        'secret-tool',
        ['lookup', 'service', service, 'username', accounts.dataKey],
        { encoding: 'utf8' },
      );
      expect(Buffer.from(dataKey, 'base64')).toHaveLength(32);
      const password = execFileSync(
        'secret-tool',
        ['lookup', 'service', service, 'username', accounts.password],
        { encoding: 'utf8' },
      );
      expect(password).toBe(p12.password);

      // No p12 bytes in the keychain, in any encoding.
      const keychainText = items.map((i) => `${i.label}\n${i.secret}`).join('\n');
      const base64 = p12.p12.toString('base64');
      const hex = p12.p12.toString('hex');
      for (let i = 0; i + 32 <= base64.length; i += 256) {
        expect(keychainText).not.toContain(base64.slice(i, i + 32));
      }
      expect(keychainText).not.toContain(hex.slice(0, 64));
      expect(keychainText.length).toBeLessThan(500);

      // Nor in plaintext on disk: the database files hold neither the p12 nor the password.
      for (const file of ['mostrador.sqlite', 'mostrador.sqlite-wal']) {
        const path = join(dataDir, file);
        if (!existsSync(path)) continue;
        const bytes = readFileSync(path);
        expect(bytes.includes(p12.p12.subarray(200, 264))).toBe(false);
        expect(bytes.includes(Buffer.from(p12.password))).toBe(false);
        expect(bytes.includes(Buffer.from(dataKey))).toBe(false);
      }
      expect(JSON.stringify(logger.entries)).not.toContain(p12.password);
    });

    it('tras reiniciar (otro proceso, misma carpeta) firma sin pedir nada', () => {
      const result = runChild(['firmar', dataDir, service], { P12_PASSWORD: undefined });
      expect(result.ok).toBe(true);
      const certificate = new X509Certificate(Buffer.from(String(result.certificate), 'base64'));
      const verified = createVerify('RSA-SHA1')
        .update('comprobante')
        .verify(certificate.publicKey, Buffer.from(String(result.signature), 'base64'));
      expect(verified).toBe(true);
    });

    it('sin llavero (D-Bus inexistente) responde en español y no escribe nada en SQLite', () => {
      const emptyDir = mkdtempSync(join(tmpdir(), 'mostrador-sin-llavero-'));
      try {
        const p12File = join(emptyDir, 'firma.p12');
        writeFileSync(p12File, p12.p12);
        const before = secretToolItems().length;
        const result = runChild(['importar', emptyDir, service], {
          DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(emptyDir, 'no-existe.sock')}`,
          P12_FILE: p12File,
          P12_PASSWORD: p12.password,
        });
        expect(result.ok).toBe(false);
        const error = result.error as { code: string; message: string };
        expect(error.code).toBe('keychain_no_disponible');
        // Plain words and what to do: no «D-Bus», no «No se encontró… (está bloqueado)».
        expect(error.message).toMatch(/^El llavero de contraseñas del sistema no está funcionando/);
        expect(error.message).toMatch(/Pedir la contraseña cada vez/);
        expect(error.message).not.toMatch(/D-?Bus|Secret Service/i);
        const opened = openDatabase(join(emptyDir, 'mostrador.sqlite'), {
          logger: silentLogger,
          clock: systemClock,
        });
        if (!opened.ok) throw new Error(opened.error.message);
        const counts = opened.value.sqlite
          .prepare(
            'SELECT (SELECT count(*) FROM certificate) AS certificados, (SELECT count(*) FROM audit_log) AS auditoria',
          )
          .get();
        opened.value.close();
        expect(counts).toEqual({ certificados: 0, auditoria: 0 });
        expect(secretToolItems().length).toBe(before);
      } finally {
        rmSync(emptyDir, { recursive: true, force: true });
      }
    });
  });
}
