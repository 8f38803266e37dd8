/**
 * The firma electrónica through the real app and the browser host (HTTP), with the in-memory
 * keychain: import, summary, restart and tamper detection, while recording every HTTP response
 * and log entry to prove none carries the password, p12 bytes or the data key.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { getIssuer, listUsers } from '../../src/main/db';
import { DEMO_USERS } from '../../src/main/demo';
import { createHost, type Host } from '../../src/main/host';
import { createMemoryLogger, systemClock } from '../../src/main/log';
import { createMemoryKeychain } from '../fakes/memoryKeychain';
import { expiredP12, modernP12, type TestP12 } from '../fixtures/certs';
import { aprobandoEnApp } from './aprobar';
import { rawRequest } from './hostClient';

let dir: string;
let dataDir: string;
let issuerRuc: string;
/** Importing the firma needs an administrador once the store has users (Ajustes). */
let autorizacion: { usuarioId: string; pin: string };
let p12: TestP12;
const keychain = createMemoryKeychain();
const logger = createMemoryLogger();
const responses: string[] = [];
const secrets = new Set<string>();
const running: { app: App; host: Host }[] = [];

const start = async (): Promise<{ app: App; host: Host }> => {
  const created = await createApp({ dataDir, demo: true, logger, clock: systemClock, keychain });
  if (!created.ok) throw new Error(created.error.message);
  aprobandoEnApp(created.value);
  const started = await createHost({ app: created.value, staticDir: dir, logger });
  if (!started.ok) throw new Error(started.error.message);
  const pair = { app: created.value, host: started.value };
  running.push(pair);
  return pair;
};

const stop = async (pair: { app: App; host: Host }): Promise<void> => {
  await pair.host.close();
  await pair.app.close();
  running.splice(running.indexOf(pair), 1);
};

type Answer = {
  ok: boolean;
  value?: Record<string, unknown>;
  error?: { code: string; message: string };
};

const call = async (host: Host, name: string, input: unknown): Promise<Answer> => {
  const response = await rawRequest(host.port, {
    method: 'POST',
    path: `/api/call/${name}`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  responses.push(response.text);
  for (const value of keychain.entries.values()) secrets.add(value);
  return response.json() as Answer;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mostrador-certificado-'));
  dataDir = join(dir, 'datos');
  const first = await start();
  issuerRuc = getIssuer(first.app.db)?.ruc ?? '';
  const admin = DEMO_USERS.find((u) => u.rol === 'administrador');
  autorizacion = {
    usuarioId: listUsers(first.app.db).find((u) => u.nombre === admin?.nombre)?.id ?? '',
    pin: admin?.pin ?? '',
  };
  await stop(first);
  p12 = modernP12({ ruc: issuerRuc, password: 'contraseña-de-la-tienda-2025' });
});

afterAll(async () => {
  for (const pair of [...running]) await stop(pair);
  await rm(dir, { recursive: true, force: true });
});

describe('firma electrónica por el host del navegador', () => {
  it('rechaza con su propio mensaje la contraseña equivocada y el certificado caducado', async () => {
    const pair = await start();
    const wrong = await call(pair.host, 'certificado.importar', {
      p12Base64: p12.p12.toString('base64'),
      password: 'otra',
      modo: 'keychain',
      autorizacion,
    });
    expect(wrong.error?.code).toBe('p12_clave_incorrecta');
    const expired = expiredP12({ ruc: issuerRuc });
    const caducado = await call(pair.host, 'certificado.importar', {
      p12Base64: expired.p12.toString('base64'),
      password: expired.password,
      modo: 'keychain',
      autorizacion,
    });
    expect(caducado.error?.code).toBe('certificado_caducado');
    expect(caducado.error?.message).not.toBe(wrong.error?.message);
    const resumen = await call(pair.host, 'certificado.resumen', {});
    expect(resumen.value?.certificado).toBeNull();
    await stop(pair);
  });

  it('importa, muestra el resumen y tras reiniciar queda desbloqueada sin pedir nada', async () => {
    const pair = await start();
    const imported = await call(pair.host, 'certificado.importar', {
      p12Base64: p12.p12.toString('base64'),
      password: p12.password,
      modo: 'keychain',
      autorizacion,
    });
    expect(imported.ok).toBe(true);
    expect(imported.value?.desbloqueado).toBe(true);
    expect(imported.value?.advertencias).toEqual([]);
    expect(imported.value?.certificado).toMatchObject({ ruc: issuerRuc, modo: 'keychain' });
    await stop(pair);

    const unlocksBefore = logger.entries.filter(
      (e) => e.message === 'Firma electrónica desbloqueada',
    ).length;
    const restarted = await start();
    // createApp unlocked it at start, before any call.
    expect(
      logger.entries.filter((e) => e.message === 'Firma electrónica desbloqueada').length,
    ).toBe(unlocksBefore + 1);
    const resumen = await call(restarted.host, 'certificado.resumen', {});
    expect(resumen.value?.desbloqueado).toBe(true);
    await stop(restarted);
  });

  it('detecta el cifrado alterado en SQLite y lo dice en el resumen', async () => {
    const db = new Sqlite(join(dataDir, 'mostrador.sqlite'));
    const row = db.prepare('SELECT id, ciphertext FROM certificate WHERE active = 1').get() as {
      id: string;
      ciphertext: Buffer;
    };
    row.ciphertext[10] = (row.ciphertext[10] ?? 0) ^ 0xff;
    db.prepare('UPDATE certificate SET ciphertext = ? WHERE id = ?').run(row.ciphertext, row.id);
    db.close();
    const pair = await start();
    const resumen = await call(pair.host, 'certificado.resumen', {});
    expect(resumen.ok).toBe(true);
    expect(resumen.value?.desbloqueado).toBe(false);
    const advertencias = (resumen.value?.advertencias ?? []) as string[];
    expect(advertencias[0]).toMatch(/dañado o fue modificado/);
    await stop(pair);
  });

  it('ninguna respuesta HTTP ni entrada del log lleva la contraseña, el p12 o la clave de datos', () => {
    expect(responses.length).toBeGreaterThanOrEqual(6);
    // The p12's data key and password, and the PIN pepper (issue 15 §5).
    expect(secrets.size).toBe(3);
    const base64 = p12.p12.toString('base64');
    const fragments = [
      p12.password,
      ...secrets,
      ...Array.from({ length: 12 }, (_, i) => base64.slice(i * 200, i * 200 + 24)),
    ];
    for (const text of [responses.join('\n'), JSON.stringify(logger.entries)]) {
      expect(text).toContain('certificado');
      for (const fragment of fragments) expect(text).not.toContain(fragment);
    }
  });
});
