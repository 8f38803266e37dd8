/**
 * The update policy against a fake update feed on 127.0.0.1:0 (issue 11 §2): a new version is
 * found, downloaded and verified, waits while a sale is open or a document is in flight at the
 * SRI, and is installed on quit; a tampered download and a lower version are refused.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConfigActualizaciones,
  createActividad,
  createFeedBackend,
  createUpdatePolicy,
  documentosEnEnvio,
} from '../../src/main/actualizaciones';
import { createApp } from '../../src/main/app';
import { createTempDir } from '../../src/main/db/testing';
import { createMemoryLogger, systemClock } from '../../src/main/log';
import { createMemoryKeychain } from '../fakes/memoryKeychain';
import { type FakeUpdateFeed, startFakeUpdateFeed } from '../fakes/updateFeed';
import { aprobandoEnApp } from './aprobar';
import {
  adminAuthorization,
  countByStatus,
  type DemoApp,
  sell,
  startDemoApp,
  waitForAuthorized,
} from './release-app';

// An install id in the lower half of the rollout: inside a 60 % rollout, outside a 40 % one.
const ID = '00000000-0000-4000-8000-00007fffffff';

let feed: FakeUpdateFeed;
let tmp: { dir: string; cleanup: () => void };
let demo: DemoApp;

beforeAll(async () => {
  feed = await startFakeUpdateFeed();
  tmp = createTempDir('mostrador-update-');
  demo = await startDemoApp(path.join(tmp.dir, 'datos'), { importCertificate: false });
});
afterAll(async () => {
  await demo.app.close();
  await feed.close();
  tmp.cleanup();
});

const setup = (config: Partial<ConfigActualizaciones> = {}, version = '1.2.0') => {
  const installed: { archivo: string; cuando: string }[] = [];
  const logger = createMemoryLogger();
  const actividad = createActividad({ enEnvio: documentosEnEnvio(demo.app.db.sqlite) });
  const carpeta = path.join(tmp.dir, `descargas-${randomBytes(4).toString('hex')}`);
  const policy = createUpdatePolicy({
    versionActual: version,
    idInstalacion: ID,
    config: () => ({ url: feed.url, canal: 'estable', ...config }),
    backend: createFeedBackend({
      carpeta,
      platform: 'linux',
      ejecutar: (archivo, cuando) => installed.push({ archivo, cuando }),
    }),
    actividad,
    clock: systemClock,
    logger,
  });
  return { policy, actividad, installed, carpeta, logger };
};

describe('actualizaciones contra un canal falso', () => {
  it('encuentra, descarga y verifica; espera la venta abierta y el documento en vuelo; instala al cerrar', async () => {
    const installer = randomBytes(64 * 1024);
    feed.publish({ version: '1.3.0', installer });
    const { policy, actividad, installed } = setup();

    actividad.carritoAbierto('caja', true);
    const estado = await policy.revisar();
    expect(estado).toMatchObject({ fase: 'lista', version: '1.3.0' });
    expect(feed.requests).toContain('latest-linux.yml');

    // A sale is open: neither the supervisor's button nor quitting installs.
    const now = policy.instalarAhora();
    expect(now.ok ? null : now.error.message).toContain('Hay una venta abierta en la caja.');
    expect(policy.alSalir()).toBe(false);
    expect(installed).toEqual([]);

    // The sale is charged; its factura goes to a slow SRI and sits in SUBMITTED_TO_SRI.
    actividad.carritoAbierto('caja', false);
    await demo.app.call('simulador.configurar', { fallas: 'recepcion:latencia=1500' }, 'interno');
    await sell(demo.app);
    const deadline = Date.now() + 10_000;
    while (countByStatus(demo.app, 'SUBMITTED_TO_SRI') === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(countByStatus(demo.app, 'SUBMITTED_TO_SRI')).toBe(1);
    expect(policy.estado()).toMatchObject({
      fase: 'lista',
      esperas: [{ motivo: 'documento_en_envio' }],
    });
    expect(policy.alSalir()).toBe(false);
    expect(installed).toEqual([]);

    // The SRI answers; nothing is in flight any more: quitting installs the verified file.
    await waitForAuthorized(demo.app, 1);
    await demo.app.call('simulador.configurar', { fallas: '' }, 'interno');
    expect(policy.alSalir()).toBe(true);
    expect(installed).toHaveLength(1);
    expect(installed[0]?.cuando).toBe('al_salir');
    expect(readFileSync(installed[0]?.archivo ?? '')).toEqual(installer);
  });

  it('el supervisor puede instalar en cuanto no hay nada en curso', async () => {
    feed.publish({ version: '1.3.0', installer: randomBytes(1024) });
    const { policy, installed } = setup();
    await policy.revisar();
    expect(policy.instalarAhora()).toEqual({ ok: true, value: { version: '1.3.0' } });
    expect(installed.map((i) => i.cuando)).toEqual(['ahora']);
  });

  it('una nota de crédito en emisión también aplaza la instalación', async () => {
    feed.publish({ version: '1.3.0', installer: randomBytes(1024) });
    const { policy, actividad, installed } = setup();
    await policy.revisar();
    const release = actividad.ocupar('nota_credito');
    const now = policy.instalarAhora();
    expect(now.ok ? null : now.error.message).toContain('nota de crédito');
    release();
    expect(policy.alSalir()).toBe(true);
    expect(installed).toHaveLength(1);
  });

  it('rechaza una descarga cuyo sha512 no coincide y no deja el archivo', async () => {
    const installer = randomBytes(32 * 1024);
    const tampered = Buffer.from(installer);
    tampered[100] = (tampered[100] ?? 0) ^ 0xff;
    const { fileName } = feed.publish({ version: '1.3.1', installer, served: tampered });
    const { policy, installed, carpeta } = setup();
    const estado = await policy.revisar();
    expect(estado).toMatchObject({ fase: 'error' });
    expect(estado.fase === 'error' ? estado.mensaje : '').toContain('sha512');
    expect(policy.instalarAhora().ok).toBe(false);
    expect(policy.alSalir()).toBe(false);
    expect(installed).toEqual([]);
    expect(existsSync(path.join(carpeta, '1.3.1', fileName))).toBe(false);
    expect(existsSync(path.join(carpeta, '1.3.1', `${fileName}.part`))).toBe(false);
  });

  it('rechaza una versión anterior a la instalada sin descargarla', async () => {
    const { fileName } = feed.publish({ version: '1.1.0', installer: randomBytes(1024) });
    feed.requests.length = 0;
    const { policy, installed } = setup();
    const estado = await policy.revisar();
    expect(estado).toMatchObject({ fase: 'al_dia' });
    expect(estado.fase === 'al_dia' ? estado.nota : '').toContain('anterior');
    expect(feed.requests).not.toContain(fileName);
    expect(policy.alSalir()).toBe(false);
    expect(installed).toEqual([]);
  });

  it('respeta el porcentaje del lanzamiento escalonado', async () => {
    const { fileName } = feed.publish({
      version: '1.4.0',
      installer: randomBytes(1024),
      stagingPercentage: 40,
    });
    feed.requests.length = 0;
    expect(await setup().policy.revisar()).toMatchObject({ fase: 'al_dia' });
    expect(feed.requests).not.toContain(fileName);
    feed.publish({ version: '1.4.0', installer: randomBytes(1024), stagingPercentage: 60 });
    expect(await setup().policy.revisar()).toMatchObject({ fase: 'lista', version: '1.4.0' });
  });

  it('el canal beta lee beta-linux.yml', async () => {
    feed.publish({
      channelFile: 'beta-linux.yml',
      version: '1.5.0-beta.1',
      installer: randomBytes(512),
    });
    const { policy } = setup({ canal: 'beta' });
    expect(await policy.revisar()).toMatchObject({ fase: 'lista', version: '1.5.0-beta.1' });
  });

  it('revisa al iniciar y cada intervalo', async () => {
    feed.publish({ version: '1.2.0', installer: randomBytes(16) });
    const runs: (() => void)[] = [];
    const { actividad } = setup();
    const policy = createUpdatePolicy({
      versionActual: '1.2.0',
      idInstalacion: ID,
      config: () => ({ url: feed.url, canal: 'estable' }),
      backend: createFeedBackend({ carpeta: tmp.dir, platform: 'linux', ejecutar: () => {} }),
      actividad,
      clock: systemClock,
      logger: createMemoryLogger(),
      intervaloMs: 3 * 60 * 60 * 1000,
      programar: (run, ms) => {
        expect(ms).toBe(3 * 60 * 60 * 1000);
        runs.push(run);
        return () => {};
      },
    });
    feed.requests.length = 0;
    policy.iniciar();
    await policy.revisar();
    expect(feed.requests.filter((r) => r === 'latest-linux.yml')).toHaveLength(1);
    runs[0]?.();
    await policy.revisar();
    expect(feed.requests.filter((r) => r === 'latest-linux.yml').length).toBeGreaterThanOrEqual(2);
    policy.detener();
  });

  it('montada en createApp: la caja con venta abierta aplaza la instalación hasta un cierre sin venta', async () => {
    const installer = randomBytes(2048);
    feed.publish({ version: '9.0.0', installer });
    const dataDir = path.join(tmp.dir, 'app-con-actualizador');
    const ejecutados: string[] = [];
    const start = async () => {
      const created = await createApp({
        dataDir,
        demo: true,
        logger: createMemoryLogger(),
        clock: systemClock,
        keychain: createMemoryKeychain(),
        version: '1.2.0',
        updateBackend: createFeedBackend({
          carpeta: path.join(dataDir, 'actualizaciones'),
          platform: 'linux',
          ejecutar: (_archivo, cuando) => ejecutados.push(cuando),
        }),
      });
      if (!created.ok) throw new Error(created.error.message);
      return aprobandoEnApp(created.value);
    };

    const first = await start();
    const configurado = await first.call(
      'actualizaciones.configurar',
      { url: feed.url, autorizacion: adminAuthorization(first) },
      'interno',
    );
    expect(configurado.ok).toBe(true);
    expect(await first.call('actualizaciones.revisar', {}, 'interno')).toMatchObject({
      ok: true,
      value: { version: '1.2.0', estado: { fase: 'lista', version: '9.0.0' } },
    });
    await first.call('app.carritoAbierto', { abierto: true }, 'interno');
    const ahora = await first.call(
      'actualizaciones.instalar',
      { autorizacion: adminAuthorization(first) },
      'interno',
    );
    expect(ahora.ok ? null : ahora.error.message).toContain('venta abierta');
    await first.close();
    expect(ejecutados).toEqual([]);

    const second = await start();
    expect(await second.call('actualizaciones.revisar', {}, 'interno')).toMatchObject({
      ok: true,
      value: { estado: { fase: 'lista', version: '9.0.0' } },
    });
    await second.close();
    expect(ejecutados).toEqual(['al_salir']);
  });
});
