/**
 * Issue 17 §1–3 with the real faults: bytes overwritten in the `document` page and a file cut in
 * half. A damaged store must not sell; it starts in recovery mode (before any service opens the
 * database), offers the last good backup with how many documents it lacks, restores it with an
 * administrador's PIN (the damaged file moved aside unverified) and sells again. `mostrador
 * restaurar` does the same from a shell.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { arrancar } from '../../src/main/app/arranque';
import type { CliIo } from '../../src/main/cli/io';
import { main } from '../../src/main/cli/main';
import { createTempDir } from '../../src/main/db/testing';
import { DEMO_USERS } from '../../src/main/demo';
import { silentLogger, systemClock } from '../../src/main/log';
import { createMemoryKeychain } from '../fakes/memoryKeychain';
import { danarPaginaDocumentos, truncarAMitad } from '../fixtures/danar';
import { adminAuthorization, sell, startDemoApp } from './release-app';

let tmp: { dir: string; cleanup: () => void };
beforeAll(() => {
  tmp = createTempDir('mostrador-recuperacion-');
});
afterAll(() => tmp.cleanup());

const ADMIN = DEMO_USERS.find((u) => u.rol === 'administrador') ?? { nombre: '', pin: '' };
const opciones = (dataDir: string) => ({
  dataDir,
  demo: true,
  logger: silentLogger,
  clock: systemClock,
  keychain: createMemoryKeychain(),
});

/** A demo store with 3 sales in a manual backup and 2 more after it, closed. */
const tiendaConRespaldo = async (nombre: string): Promise<string> => {
  const dataDir = path.join(tmp.dir, nombre);
  const { app } = await startDemoApp(dataDir, { importCertificate: false });
  for (let i = 0; i < 3; i++) await sell(app, 1);
  const taken = await app.call('respaldos.tomar', {}, 'interno');
  if (!taken.ok) throw new Error(taken.error.message);
  for (let i = 0; i < 2; i++) await sell(app, 1);
  await app.close();
  return dataDir;
};

const carrito = {
  comprador: null,
  lineas: [{ productoId: 'x', cantidad: '1', precioUnitarioMicros: 1_000_000 }],
  pagos: [{ formaPago: '01', montoCentavos: 100 }],
  ventaId: '00000000-0000-4000-8000-000000000001',
};

describe('base de datos dañada', () => {
  it('64 bytes sobrescritos: no vende, muestra el último respaldo y lo restaura con el PIN', async () => {
    const dataDir = await tiendaConRespaldo('danada');
    danarPaginaDocumentos(path.join(dataDir, 'mostrador.sqlite'));

    const started = await arrancar(opciones(dataDir));
    if (!started.ok) throw new Error(started.error.message);
    const app = started.value;
    try {
      expect(app.modo()).toBe('recuperacion');
      const venta = await app.call('ventas.cobrar', carrito, 'http');
      expect(venta.ok ? null : venta.error.code).toBe('base_danada');

      const estado = await app.call('recuperacion.estado', {}, 'http');
      if (!estado.ok) throw new Error(estado.error.message);
      const value = estado.value as {
        necesaria: boolean;
        motivo: string;
        ultimoRespaldo: {
          ruta: string;
          faltan: number;
          administradores: { id: string; nombre: string }[];
        };
      };
      expect(value.necesaria).toBe(true);
      expect(value.motivo).toContain('dañada');
      expect(value.ultimoRespaldo.faltan).toBe(2);
      const admin = value.ultimoRespaldo.administradores.find((a) => a.nombre === ADMIN.nombre);
      expect(admin).toBeDefined();

      const mal = await app.call(
        'recuperacion.restaurar',
        { archivo: value.ultimoRespaldo.ruta, credenciales: { usuarioId: admin?.id, pin: '0000' } },
        'http',
      );
      expect(mal.ok ? null : mal.error.code).toBe('pin_incorrecto');
      const bien = await app.call(
        'recuperacion.restaurar',
        {
          archivo: value.ultimoRespaldo.ruta,
          credenciales: { usuarioId: admin?.id, pin: ADMIN.pin },
        },
        'http',
      );
      expect(bien.ok, bien.ok ? '' : bien.error.message).toBe(true);
      expect(app.modo()).toBe('normal');
      expect(readdirSync(path.join(dataDir, 'backups')).some((n) => n.startsWith('dañada-'))).toBe(
        true,
      );
      const despues = await app.call('recuperacion.estado', {}, 'http');
      expect(despues).toMatchObject({ ok: true, value: { necesaria: false } });
    } finally {
      await app.close();
    }
    // The restored store sells, after the numbers the damaged one had used (mark, §4).
    const { app: otra } = await startDemoApp(dataDir, { importCertificate: false });
    try {
      await sell(otra, 1);
      const max = otra.db.sqlite.prepare('SELECT max(secuencial) AS s FROM document').get() as {
        s: number;
      };
      expect(max.s).toBe(6);
    } finally {
      await otra.close();
    }
  });

  it('un daño que aparece con la tienda abierta: la venta falla, quick_check lo confirma y deja de vender', async () => {
    const dataDir = await tiendaConRespaldo('en-uso');
    const started = await arrancar(opciones(dataDir));
    if (!started.ok) throw new Error(started.error.message);
    const app = started.value;
    const avisos: unknown[] = [];
    app.events.subscribe('recuperacion', (p) => avisos.push(p));
    try {
      expect(app.modo()).toBe('normal');
      const file = path.join(dataDir, 'mostrador.sqlite');
      const otra = new Sqlite(file);
      const producto = otra
        .prepare(
          'SELECT id, unit_price_micro AS precio FROM product WHERE active = 1 AND is_weighed = 0 ORDER BY code LIMIT 1',
        )
        .get() as { id: string; precio: number };
      const lineas = [
        { productoId: producto.id, cantidad: '1', precioUnitarioMicros: producto.precio },
      ];
      const calculo = await app.call('ventas.calcular', { comprador: null, lineas }, 'http');
      if (!calculo.ok) throw new Error(calculo.error.message);
      const total = (calculo.value as { totales: { totalCentavos: number } }).totales.totalCentavos;
      const venta1 = {
        comprador: null,
        lineas,
        pagos: [{ formaPago: '01', montoCentavos: total }],
        ventaId: '00000000-0000-4000-8000-000000000002',
      };
      // Another connection folds the WAL into the file and writes once more, so the app's
      // page cache is dropped and its next read meets the damaged page on disk.
      otra.pragma('wal_checkpoint(TRUNCATE)');
      danarPaginaDocumentos(file);
      otra
        .prepare(
          "INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('prueba.dano', '1', '2026-01-01')",
        )
        .run();
      otra.close();

      const venta = await app.call('ventas.cobrar', venta1, 'http');
      expect(venta.ok).toBe(false);
      expect(app.modo()).toBe('recuperacion');
      expect(avisos).toEqual([{ necesaria: true }]);
      const otraVenta = await app.call('ventas.cobrar', carrito, 'http');
      expect(otraVenta.ok ? null : otraVenta.error.code).toBe('base_danada');
    } finally {
      await app.close();
    }
  });

  it('un archivo truncado también abre la recuperación (no un error y salir)', async () => {
    const dataDir = await tiendaConRespaldo('truncada');
    truncarAMitad(path.join(dataDir, 'mostrador.sqlite'));
    const started = await arrancar(opciones(dataDir));
    if (!started.ok) throw new Error(started.error.message);
    expect(started.value.modo()).toBe('recuperacion');
    await started.value.close();
  });

  it('una restauración preparada reemplaza una base dañada y la aparta como dañada-<fecha>', async () => {
    const dataDir = await tiendaConRespaldo('preparada');
    const { app } = await startDemoApp(dataDir, { importCertificate: false });
    const lista = await app.call('respaldos.estado', {}, 'interno');
    if (!lista.ok) throw new Error(lista.error.message);
    const ruta = (lista.value as { respaldos: { ruta: string; tipo: string }[] }).respaldos.find(
      (r) => r.tipo === 'manual',
    )?.ruta;
    const staged = await app.call(
      'respaldos.restaurar',
      { archivo: ruta, autorizacion: adminAuthorization(app) },
      'interno',
    );
    expect(staged.ok).toBe(true);
    await app.close();
    danarPaginaDocumentos(path.join(dataDir, 'mostrador.sqlite'));

    const created = await createApp(opciones(dataDir));
    if (!created.ok) throw new Error(created.error.message);
    try {
      const estado = await created.value.call('respaldos.estado', {}, 'interno');
      expect(estado.ok ? (estado.value as { aviso: string }).aviso : '').toContain(
        'La base dañada se apartó, sin verificar',
      );
      const danadas = readdirSync(path.join(dataDir, 'backups')).filter(
        (n) => n.startsWith('dañada-') && n.endsWith('.sqlite'),
      );
      expect(danadas).toHaveLength(1);
    } finally {
      await created.value.close();
    }
  });

  it('mostrador restaurar --data-dir restaura el último respaldo bueno con la app cerrada', async () => {
    const dataDir = await tiendaConRespaldo('cli');
    truncarAMitad(path.join(dataDir, 'mostrador.sqlite'));
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      stdout: (c) => out.push(String(c)),
      stderr: (t) => err.push(t),
      env: { MOSTRADOR_LOG: 'warn' },
      cwd: tmp.dir,
      stopped: new Promise(() => {}),
    };
    expect(await main(['restaurar', '--data-dir', dataDir], io), err.join('\n')).toBe(0);
    expect(out.join('')).toContain('Se restauró el respaldo');
    expect(existsSync(path.join(dataDir, 'mostrador.lock'))).toBe(false);
    const created = await createApp(opciones(dataDir));
    expect(created.ok).toBe(true);
    if (created.ok) await created.value.close();
  });
});
