/**
 * Issue 15 §6: a crafted backup is not restored. One whose audit and immutability triggers were
 * dropped, with a trigger added that erases audit rows, is refused naming what differs; one of
 * another store's RUC needs an administrador's confirmation naming both RUCs — in Ajustes ›
 * Respaldos (`respaldos.restaurar`) and on the recovery screen (`recuperacion.restaurar`), with
 * the database damaged.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrancar } from '../../src/main/app/arranque';
import { type CliIo, EXIT_BAD_INPUT, EXIT_OK } from '../../src/main/cli/io';
import { main } from '../../src/main/cli/main';
import { getIssuer, listAudit, listUsers } from '../../src/main/db';
import { createTempDir } from '../../src/main/db/testing';
import { DEMO_USERS } from '../../src/main/demo';
import { silentLogger, systemClock } from '../../src/main/log';
import { createMemoryKeychain } from '../fakes/memoryKeychain';
import { danarPaginaDocumentos } from '../fixtures/danar';
import { sell, startDemoApp } from './release-app';

const ADMIN = DEMO_USERS.find((u) => u.rol === 'administrador') ?? { nombre: '', pin: '' };
const OTRO_RUC = '0992345678001';

let tmp: { dir: string; cleanup: () => void };
beforeAll(() => {
  tmp = createTempDir('mostrador-restaurar-');
});
afterAll(() => tmp.cleanup());

/** A copy of `respaldo` changed with SQL, as someone with the file and sqlite3 would. */
const alterar = (respaldo: string, nombre: string, sql: string): string => {
  const destino = path.join(path.dirname(respaldo), nombre);
  copyFileSync(respaldo, destino);
  const db = new Sqlite(destino);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
  return destino;
};

const SIN_AUDITORIA = `
  DROP TRIGGER audit_log_no_delete;
  DROP TRIGGER audit_log_no_update;
  DROP TRIGGER document_no_delete;
  CREATE TRIGGER borrar_auditoria AFTER INSERT ON audit_log BEGIN
    DELETE FROM audit_log WHERE id < NEW.id;
  END;`;
const DE_OTRA_TIENDA = `UPDATE issuer SET ruc = '${OTRO_RUC}'`;

/** A demo store with one sale in a manual backup; the app stays open. */
const tienda = async (nombre: string) => {
  const dataDir = path.join(tmp.dir, nombre);
  const { app } = await startDemoApp(dataDir, { importCertificate: false });
  await sell(app, 1);
  const tomado = await app.call('respaldos.tomar', {}, 'interno');
  if (!tomado.ok) throw new Error(tomado.error.message);
  const adminId = listUsers(app.db).find((u) => u.nombre === ADMIN.nombre)?.id ?? '';
  const ruc = getIssuer(app.db)?.ruc ?? '';
  return { app, dataDir, respaldo: (tomado.value as { ruta: string }).ruta, adminId, ruc };
};

describe('6 · restaurar desde Ajustes › Respaldos', () => {
  it('un respaldo sin los disparadores de auditoría y con uno que la borra no se restaura', async () => {
    const { app, respaldo, adminId } = await tienda('alterado');
    try {
      const alterado = alterar(respaldo, 'alterado.sqlite', SIN_AUDITORIA);
      const admin = { usuarioId: adminId, pin: ADMIN.pin };
      const r = await app.call(
        'respaldos.restaurar',
        { archivo: alterado, autorizacion: admin },
        'interno',
      );
      expect(r.ok ? 'restaurado' : r.error.code).toBe('respaldo_alterado');
      if (r.ok) return;
      expect(r.error.message).toContain('El respaldo fue alterado');
      expect(r.error.message).toContain('falta el disparador audit_log_no_delete');
      expect(r.error.message).toContain('falta el disparador document_no_delete');
      expect(r.error.message).toContain('sobra el disparador borrar_auditoria');
      expect((await app.call('respaldos.estado', {}, 'interno')) as unknown).toMatchObject({
        ok: true,
        value: { pendiente: null },
      });
      // A trigger with the right name and another body is a difference too.
      const cambiado = alterar(
        respaldo,
        'cambiado.sqlite',
        `DROP TRIGGER audit_log_no_delete;
         CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END;`,
      );
      const otra = await app.call('respaldos.revisar', { archivo: cambiado }, 'interno');
      expect(otra.ok ? 'aceptado' : otra.error.message).toContain(
        'cambió el disparador audit_log_no_delete',
      );
      // The untouched backup passes.
      const sano = await app.call('respaldos.revisar', { archivo: respaldo }, 'interno');
      expect(sano.ok).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('el respaldo de otro RUC pide la confirmación de un administrador con los dos RUC, y queda auditado', async () => {
    const { app, respaldo, adminId, ruc } = await tienda('otro-ruc');
    try {
      const ajeno = alterar(respaldo, 'ajeno.sqlite', DE_OTRA_TIENDA);
      const revisado = await app.call('respaldos.revisar', { archivo: ajeno }, 'interno');
      expect(revisado).toMatchObject({
        ok: true,
        value: { rucRespaldo: OTRO_RUC, rucTienda: ruc },
      });
      const admin = { usuarioId: adminId, pin: ADMIN.pin };
      const sin = await app.call(
        'respaldos.restaurar',
        { archivo: ajeno, autorizacion: admin },
        'interno',
      );
      expect(sin.ok ? 'restaurado' : sin.error.code).toBe('respaldo_otro_ruc');
      if (!sin.ok) {
        expect(sin.error.message).toContain(OTRO_RUC);
        expect(sin.error.message).toContain(ruc);
      }
      // A confirmation that names another pair of RUCs is no confirmation.
      const mal = await app.call(
        'respaldos.restaurar',
        {
          archivo: ajeno,
          confirmarOtroRuc: { rucRespaldo: OTRO_RUC, rucTienda: '1790000000001' },
          autorizacion: admin,
        },
        'interno',
      );
      expect(mal.ok ? 'restaurado' : mal.error.code).toBe('respaldo_otro_ruc');
      // Without an administrador's approval the confirmation alone does nothing.
      const cajero = await app.call(
        'respaldos.restaurar',
        { archivo: ajeno, confirmarOtroRuc: { rucRespaldo: OTRO_RUC, rucTienda: ruc } },
        'interno',
      );
      expect(cajero.ok ? 'restaurado' : cajero.error.code).toBe('autorizacion_requerida');

      const con = await app.call(
        'respaldos.restaurar',
        {
          archivo: ajeno,
          confirmarOtroRuc: { rucRespaldo: OTRO_RUC, rucTienda: ruc },
          autorizacion: admin,
        },
        'interno',
      );
      expect(con.ok, con.ok ? '' : con.error.message).toBe(true);
      expect(
        listAudit(app.db, { limit: 5 }).find(
          (a) => a.action === 'respaldos.restauracion_preparada',
        ),
      ).toMatchObject({
        userId: adminId,
        detail: { ruc: OTRO_RUC, otroRuc: { rucRespaldo: OTRO_RUC, rucTienda: ruc } },
      });
      // The store's own backup needs no confirmation.
      const propio = await app.call(
        'respaldos.restaurar',
        { archivo: respaldo, autorizacion: admin },
        'interno',
      );
      expect(propio.ok, propio.ok ? '' : propio.error.message).toBe(true);
    } finally {
      await app.close();
    }
  });
});

const ioDe = (): { io: CliIo; salida: string[]; errores: string[] } => {
  const salida: string[] = [];
  const errores: string[] = [];
  return {
    salida,
    errores,
    io: {
      stdout: (t) => salida.push(String(t)),
      stderr: (t) => errores.push(t),
      cwd: process.cwd(),
      env: {},
      stopped: new Promise(() => {}),
    },
  };
};

describe('6 · restaurar con la base dañada (pantalla de recuperación y mostrador restaurar)', () => {
  it('el RUC de la tienda sale de la marca de secuenciales: otro RUC pide confirmación; uno alterado se niega', async () => {
    const { app, dataDir, respaldo, adminId, ruc } = await tienda('recuperacion');
    await app.close();
    const ajeno = alterar(respaldo, 'ajeno.sqlite', DE_OTRA_TIENDA);
    const alterado = alterar(respaldo, 'alterado.sqlite', SIN_AUDITORIA);
    danarPaginaDocumentos(path.join(dataDir, 'mostrador.sqlite'));

    const started = await arrancar({
      dataDir,
      demo: true,
      logger: silentLogger,
      clock: systemClock,
      keychain: createMemoryKeychain(),
    });
    if (!started.ok) throw new Error(started.error.message);
    const rec = started.value;
    try {
      expect(rec.modo()).toBe('recuperacion');
      const estado = await rec.call('recuperacion.estado', {}, 'http');
      expect(estado).toMatchObject({
        ok: true,
        value: { ultimoRespaldo: { ruc, rucsTienda: [ruc] } },
      });
      const credenciales = { usuarioId: adminId, pin: ADMIN.pin };
      const malo = await rec.call(
        'recuperacion.restaurar',
        { archivo: alterado, credenciales },
        'http',
      );
      expect(malo.ok ? 'restaurado' : malo.error.message).toContain(
        'falta el disparador audit_log_no_delete',
      );
      const sin = await rec.call(
        'recuperacion.restaurar',
        { archivo: ajeno, credenciales },
        'http',
      );
      expect(sin.ok ? 'restaurado' : sin.error.code).toBe('respaldo_otro_ruc');
      expect(rec.modo()).toBe('recuperacion');

      // `mostrador restaurar` refuses it the same way, and says how to confirm.
      const cli = ioDe();
      const code = await main(['restaurar', '--data-dir', dataDir, ajeno], cli.io);
      expect(code).toBe(EXIT_BAD_INPUT);
      expect(cli.errores.join('')).toContain('--confirmar-otro-ruc');

      const con = await rec.call(
        'recuperacion.restaurar',
        {
          archivo: ajeno,
          credenciales,
          confirmarOtroRuc: { rucRespaldo: OTRO_RUC, rucTienda: ruc },
        },
        'http',
      );
      expect(con.ok, con.ok ? '' : con.error.message).toBe(true);
      expect(rec.modo()).toBe('normal');
      const auditoria = await rec.call('app.estado', {}, 'http');
      expect(auditoria.ok).toBe(true);
    } finally {
      await rec.close();
    }
    const abierta = new Sqlite(path.join(dataDir, 'mostrador.sqlite'), { readonly: true });
    try {
      const fila = abierta
        .prepare(
          "SELECT user_id AS userId, detail FROM audit_log WHERE action = 'recuperacion.restaurado'",
        )
        .get() as { userId: string; detail: string } | undefined;
      expect(fila?.userId).toBe(adminId);
      expect(JSON.parse(fila?.detail ?? '{}')).toMatchObject({
        otroRuc: { rucRespaldo: OTRO_RUC, rucTienda: ruc },
      });
    } finally {
      abierta.close();
    }
  });

  it('mostrador restaurar acepta otro RUC con --confirmar-otro-ruc RESPALDO:TIENDA', async () => {
    const { app, dataDir, respaldo, ruc } = await tienda('cli');
    await app.close();
    const ajeno = alterar(respaldo, 'ajeno.sqlite', DE_OTRA_TIENDA);
    const cli = ioDe();
    const code = await main(
      ['restaurar', '--data-dir', dataDir, '--confirmar-otro-ruc', `${OTRO_RUC}:${ruc}`, ajeno],
      cli.io,
    );
    expect(code, cli.errores.join('')).toBe(EXIT_OK);
    const db = new Sqlite(path.join(dataDir, 'mostrador.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT ruc FROM issuer').get()).toEqual({ ruc: OTRO_RUC });
      const fila = db
        .prepare("SELECT detail FROM audit_log WHERE action = 'recuperacion.restaurado'")
        .get() as { detail: string } | undefined;
      expect(JSON.parse(fila?.detail ?? '{}')).toMatchObject({
        desde: 'mostrador restaurar',
        otroRuc: { rucRespaldo: OTRO_RUC, rucTienda: ruc },
      });
    } finally {
      db.close();
    }
  });
});
