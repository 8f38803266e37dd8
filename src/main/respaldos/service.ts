/**
 * The backup service behind Ajustes › Respaldos: the chosen folder (external drive, network
 * share), the automatic daily copy with rotation, a copy on demand, and the staged restore.
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { err, ok, type Result } from '../../shared/result';
import {
  backupDatabase,
  type Database,
  getIssuer,
  getSetting,
  inspectBackup,
  type Migration,
  setSetting,
} from '../db';
import type { Clock, Logger } from '../log';
import { LABELS, listBackups, type RespaldoArchivo } from './files';
import {
  cancelarRestauracion,
  type RestauracionPendiente,
  type RestauracionSolicitada,
  restauracionPendiente,
  solicitarRestauracion,
} from './restore';
import { backupsToKeep, DEFAULT_ROTATION, type RotationPolicy } from './rotation';
import { type ConfirmacionOtroRuc, rucDelRespaldo } from './ruc';

export const BACKUP_FOLDER_SETTING = 'respaldos.carpeta';

/** How often the service looks whether today's copy exists (cheap: one readdir). */
const CHECK_EVERY_MS = 60 * 60 * 1000;

export type BackupService = {
  /** Where automatic and on-demand copies go. */
  carpeta: () => string;
  elegirCarpeta: (folder: string) => Result<string>;
  /** Copies in the chosen folder and the pre-migration ones in the data folder, newest first. */
  listar: () => RespaldoArchivo[];
  tomarAhora: () => Result<RespaldoArchivo>;
  /** Takes today's copy unless it exists, then rotates the automatic ones. */
  respaldoDiario: () => Result<{ tomado: string | null; borrados: string[] }>;
  iniciar: () => void;
  detener: () => void;
  /**
   * Checks and stages a copy; it replaces the database at the next start. Another store's copy
   * needs `confirmarOtroRuc` naming its RUC and this store's.
   */
  restaurar: (
    file: string,
    confirmarOtroRuc?: ConfirmacionOtroRuc,
  ) => Result<RestauracionSolicitada>;
  /** Checks a copy without staging it: its RUC beside this store's, for the confirmation. */
  revisar: (
    file: string,
  ) => Result<{ archivo: string; rucRespaldo: string | null; rucTienda: string | null }>;
  pendiente: () => RestauracionPendiente | null;
  /** Why the last automatic copy failed (drive unplugged…); null once one succeeds. */
  ultimoFallo: () => string | null;
  cancelarRestauracion: () => void;
};

export type BackupServiceDeps = {
  db: Database;
  dataDir: string;
  migrations: readonly Migration[];
  clock: Clock;
  logger: Logger;
  rotation?: RotationPolicy;
  /** Delay of the first daily check after start; one minute by default. */
  retrasoInicialMs?: number;
  programar?: (run: () => void, ms: number) => () => void;
};

const defaultProgramar = (run: () => void, ms: number): (() => void) => {
  const timer = setInterval(run, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/**
 * Checks that `folder` takes files. `crear`: make it (when the owner chooses it); otherwise it
 * must exist, so an unplugged drive is reported instead of silently filling the local disk.
 */
const writable = (folder: string, crear: boolean): Result<string> => {
  const absolute = path.resolve(folder);
  if (!crear && !existsSync(absolute)) {
    return err(
      'carpeta_respaldos',
      `La carpeta de respaldos ${absolute} no está disponible (¿disco desconectado o red caída?).`,
    );
  }
  try {
    mkdirSync(absolute, { recursive: true });
    if (!statSync(absolute).isDirectory()) {
      return err('carpeta_respaldos', `${absolute} no es una carpeta.`);
    }
    accessSync(absolute, constants.W_OK);
    // A network share can report W_OK and still refuse writes: try one.
    const probe = path.join(absolute, `.mostrador-prueba-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe, { force: true });
    return ok(absolute);
  } catch (error) {
    return err(
      'carpeta_respaldos',
      `No se puede escribir en la carpeta de respaldos ${absolute}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
};

/**
 * @example const respaldos = createBackupService({ db, dataDir, migrations, clock, logger }); respaldos.iniciar()
 */
export const createBackupService = (deps: BackupServiceDeps): BackupService => {
  const base = path.basename(deps.db.file).replace(/\.[^.]*$/, '');
  const defaultFolder = path.join(deps.dataDir, 'backups');
  let cancelar: (() => void) | null = null;
  let ultimoFallo: string | null = null;

  const carpeta = (): string => {
    const stored = getSetting(deps.db, BACKUP_FOLDER_SETTING, z.string().min(1));
    return stored.ok && stored.value !== undefined ? stored.value : defaultFolder;
  };

  const take = (label: string): Result<string> => {
    const chosen = carpeta();
    const folder = writable(chosen, chosen === defaultFolder);
    if (!folder.ok) return folder;
    return backupDatabase(deps.db.sqlite, {
      file: deps.db.file,
      backupDir: folder.value,
      clock: deps.clock,
      label,
    });
  };

  const describe = (file: string): RespaldoArchivo => {
    const found = listBackups(path.dirname(file), base).find((b) => b.ruta === file);
    if (found === undefined)
      throw new Error(`Respaldo recién tomado sin nombre reconocible: ${file}`);
    return found;
  };

  const respaldoDiario = (): Result<{ tomado: string | null; borrados: string[] }> => {
    if (deps.db.file === ':memory:') return ok({ tomado: null, borrados: [] });
    const folder = carpeta();
    const today = deps.clock.now().toISOString().slice(0, 10);
    const dailies = () => listBackups(folder, base).filter((b) => b.tipo === 'diario');
    let tomado: string | null = null;
    if (!dailies().some((b) => b.tomadoEn.startsWith(today))) {
      const taken = take(LABELS.diario);
      if (!taken.ok) return taken;
      tomado = taken.value;
    }
    const all = dailies();
    const keep = backupsToKeep(
      all.map((b) => ({ name: b.nombre, at: new Date(b.tomadoEn) })),
      deps.rotation ?? DEFAULT_ROTATION,
    );
    const borrados: string[] = [];
    for (const backup of all) {
      if (keep.has(backup.nombre)) continue;
      rmSync(backup.ruta, { force: true });
      borrados.push(backup.nombre);
    }
    return ok({ tomado, borrados });
  };

  const diarioConAviso = (): void => {
    const result = respaldoDiario();
    ultimoFallo = result.ok ? null : result.error.message;
    if (!result.ok) {
      deps.logger.warn('No se pudo tomar el respaldo diario', { code: result.error.code });
    } else if (result.value.tomado !== null) {
      deps.logger.info('Respaldo diario tomado', {
        archivo: path.basename(result.value.tomado),
        borrados: result.value.borrados.length,
      });
    }
  };

  return {
    carpeta,
    elegirCarpeta: (folder) => {
      if (!path.isAbsolute(folder)) {
        return err('carpeta_respaldos', 'Indique la ruta completa de la carpeta de respaldos.');
      }
      const checked = writable(folder, true);
      if (!checked.ok) return checked;
      setSetting(deps.db, BACKUP_FOLDER_SETTING, checked.value, deps.clock);
      return checked;
    },
    listar: () => {
      const folders = [...new Set([carpeta(), defaultFolder].map((f) => path.resolve(f)))];
      return folders
        .flatMap((folder) => listBackups(folder, base))
        .sort((a, b) => (a.tomadoEn < b.tomadoEn ? 1 : a.tomadoEn > b.tomadoEn ? -1 : 0));
    },
    tomarAhora: () => {
      const taken = take(LABELS.manual);
      if (!taken.ok) return taken;
      deps.logger.info('Respaldo manual tomado', { archivo: path.basename(taken.value) });
      return ok(describe(taken.value));
    },
    respaldoDiario,
    iniciar: () => {
      if (cancelar !== null) return;
      // Not during start-up: a large database takes seconds to copy and the counter comes first.
      const first = setTimeout(diarioConAviso, deps.retrasoInicialMs ?? 60_000);
      first.unref();
      const stop = (deps.programar ?? defaultProgramar)(diarioConAviso, CHECK_EVERY_MS);
      cancelar = () => {
        clearTimeout(first);
        stop();
      };
    },
    detener: () => {
      cancelar?.();
      cancelar = null;
    },
    restaurar: (file, confirmarOtroRuc) => {
      const ruc = getIssuer(deps.db)?.ruc;
      return solicitarRestauracion(path.resolve(file), {
        dataDir: deps.dataDir,
        migrations: deps.migrations,
        clock: deps.clock,
        rucsTienda: ruc === undefined ? [] : [ruc],
        confirmarOtroRuc,
      });
    },
    revisar: (file) => {
      const archivo = path.resolve(file);
      if (!existsSync(archivo)) {
        return err('respaldo_no_existe', `No existe el archivo ${archivo}.`);
      }
      const inspected = inspectBackup(archivo, deps.migrations);
      if (!inspected.ok) return inspected;
      return ok({
        archivo,
        rucRespaldo: rucDelRespaldo(archivo),
        rucTienda: getIssuer(deps.db)?.ruc ?? null,
      });
    },
    pendiente: () => restauracionPendiente(deps.dataDir),
    ultimoFallo: () => ultimoFallo,
    cancelarRestauracion: () => cancelarRestauracion(deps.dataDir),
  };
};
