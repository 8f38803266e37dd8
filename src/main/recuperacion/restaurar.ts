/**
 * Restoring a backup over a damaged or unopenable database, with the app closed (issue 17 §2–3):
 * the recovery screen and `mostrador restaurar` run the same small steps — find the last good
 * backup, check who may authorize it, stage it and apply it now (the damaged file is moved
 * aside unverified by `aplicarRestauracionPendiente`).
 */
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import type { RespaldoRecuperable } from '../../shared/contract/recuperacion';
import { err, ok, type Result } from '../../shared/result';
import {
  defaultMigrationsDir,
  inspectBackup,
  loadMigrations,
  MENSAJE_SIN_PIMIENTA,
  pimientaCorresponde,
  verifyPin,
} from '../db';
import { marcaConocida } from '../db/marcaSecuenciales';
import type { Clock, Logger } from '../log';
import {
  aplicarRestauracionPendiente,
  type ConfirmacionOtroRuc,
  listBackups,
  type RestauracionAplicada,
  rucDelRespaldo,
  rucsConocidos,
  solicitarRestauracion,
} from '../respaldos';

export type RutasDatos = { dataDir: string; databaseFile: string; backupDir: string };

const SQL_ULTIMOS = `SELECT i.ruc || '-' || e.code || '-' || p.code || '-' || s.cod_doc AS clave,
    s.next_secuencial - 1 AS ultimo
  FROM sequence s
  JOIN emission_point p ON p.id = s.emission_point_id
  JOIN establishment e ON e.id = p.establishment_id
  JOIN issuer i ON i.id = e.issuer_id`;

/**
 * What a backup is, for the screen: its administradores, how many documents it lacks, and its
 * RUC beside the ones this store is known by.
 */
const describir = (
  ruta: string,
  rutas: RutasDatos,
): Pick<RespaldoRecuperable, 'faltan' | 'administradores' | 'ruc' | 'rucsTienda'> => {
  const db = new Sqlite(ruta, { readonly: true, fileMustExist: true });
  try {
    const administradores = db
      .prepare(
        "SELECT id, nombre FROM app_user WHERE rol = 'administrador' AND active = 1 ORDER BY nombre",
      )
      .all() as { id: string; nombre: string }[];
    const marca = marcaConocida(rutas.databaseFile, rutas.backupDir);
    let faltan: number | null = Object.keys(marca).length === 0 ? null : 0;
    for (const fila of db.prepare(SQL_ULTIMOS).all() as { clave: string; ultimo: number }[]) {
      const marcado = marca[fila.clave];
      if (faltan !== null && marcado !== undefined) faltan += Math.max(0, marcado - fila.ultimo);
    }
    return {
      faltan,
      administradores,
      ruc: rucDelRespaldo(ruta),
      rucsTienda: rucsConocidos(rutas.databaseFile),
    };
  } finally {
    db.close();
  }
};

const migraciones = () => loadMigrations(defaultMigrationsDir());

/**
 * The newest backup that passes its integrity check, described for the recovery screen.
 * @example ultimoRespaldoBueno({ dataDir, databaseFile, backupDir })
 */
export const ultimoRespaldoBueno = (rutas: RutasDatos): RespaldoRecuperable | null => {
  const migrations = migraciones();
  if (!migrations.ok) return null;
  const base = path.basename(rutas.databaseFile).replace(/\.[^.]*$/, '');
  for (const r of listBackups(rutas.backupDir, base)) {
    if (!inspectBackup(r.ruta, migrations.value).ok) continue;
    return { nombre: r.nombre, ruta: r.ruta, tomadoEn: r.tomadoEn, ...describir(r.ruta, rutas) };
  }
  return null;
};

/**
 * Checks an administrador's PIN against the backup to be restored (the live base is damaged),
 * with this computer's PIN pepper from the keychain (issue 15 §5).
 */
export const verificarAdministrador = async (
  ruta: string,
  credenciales: { usuarioId: string; pin: string },
  pimienta: Buffer | null,
): Promise<Result<string>> => {
  let fila: { nombre: string; pinHash: string } | undefined;
  try {
    const db = new Sqlite(ruta, { readonly: true, fileMustExist: true });
    try {
      fila = db
        .prepare(
          "SELECT nombre, pin_hash AS pinHash FROM app_user WHERE id = ? AND rol = 'administrador' AND active = 1",
        )
        .get(credenciales.usuarioId) as typeof fila;
    } finally {
      db.close();
    }
  } catch {
    return err('respaldo_danado', `No se pudo leer el respaldo ${ruta}; elija otro.`);
  }
  if (fila === undefined) {
    return err('usuario_desconocido', 'Elija un administrador de ese respaldo.', 'usuarioId');
  }
  if (!pimientaCorresponde(fila.pinHash, pimienta))
    return err('pin_sin_pimienta', MENSAJE_SIN_PIMIENTA, 'pin');
  if (!(await verifyPin(credenciales.pin, fila.pinHash, pimienta))) {
    return err('pin_incorrecto', 'PIN incorrecto.', 'pin');
  }
  return ok(fila.nombre);
};

/**
 * Stages `archivo` and applies it now; the app must not have the database open. The backup is
 * checked like any restore (integrity, schema); its RUC against every RUC the store is still
 * known by (`rucsConocidos`), so another store's backup needs `confirmarOtroRuc`.
 * @example restaurarAhora('/datos/backups/…-diario.sqlite', { ...rutas, clock, logger })
 */
export const restaurarAhora = (
  archivo: string,
  options: RutasDatos & {
    clock: Clock;
    logger: Logger;
    confirmarOtroRuc?: ConfirmacionOtroRuc | undefined;
  },
): Result<RestauracionAplicada & { otroRuc: ConfirmacionOtroRuc | null }> => {
  const migrations = migraciones();
  if (!migrations.ok) return migrations;
  const staged = solicitarRestauracion(archivo, {
    dataDir: options.dataDir,
    migrations: migrations.value,
    clock: options.clock,
    rucsTienda: rucsConocidos(options.databaseFile),
    confirmarOtroRuc: options.confirmarOtroRuc,
  });
  if (!staged.ok) return staged;
  const applied = aplicarRestauracionPendiente({ ...options, migrations: migrations.value });
  if (!applied.ok) return applied;
  if (applied.value === null) {
    return err('restauracion_fallida', 'No se encontró la restauración preparada.');
  }
  return ok({ ...applied.value, otroRuc: staged.value.otroRuc });
};

/** The sentence for the store owner after a restore. */
export const mensajeRestaurado = (r: RestauracionAplicada): string =>
  `Se restauró el respaldo ${path.basename(r.origen)}.${
    r.danadaEn === undefined ? '' : ` La base dañada se apartó, sin verificar, en ${r.danadaEn}.`
  }${r.copiaDeSeguridad === null ? '' : ` La base anterior quedó en ${r.copiaDeSeguridad}.`}`;
