/**
 * One running Mostrador per data folder (issue 17 §5). Two writers of one store would both run
 * the SRI queue and each start would void the other's job leases, so the folder carries an
 * exclusive lock file `mostrador.lock` with the owner's PID. Node has no flock: the file is
 * created with `wx` (fails if it exists); a file whose PID is no longer alive (the owner was
 * killed) is stale and taken over.
 *
 * Taking over a stale lock is the racy part: two starters could both see it stale, and the
 * second's unlink would remove the first's fresh lock. A second file, `mostrador.lock.toma`,
 * also created with `wx`, lets only one starter at a time re-check and replace a stale lock.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { err, ok, type Result } from '../../shared/result';

export const ARCHIVO_BLOQUEO = 'mostrador.lock';

/** What a lock file says about its owner. */
export type DuenoBloqueo = { pid: number; equipo: string; desde: string };

export type Bloqueo = {
  archivo: string;
  /** Removes the lock if it is still ours; safe to call twice. */
  liberar: () => void;
};

export type BloqueoDeps = {
  /** Defaults to this process. */
  pid?: number;
  now?: () => Date;
  /** Whether a PID is a live process; injectable for tests. */
  vivo?: (pid: number) => boolean;
};

/** A garbled lock younger than this may be one being written right now: not stale yet. */
const GRACIA_MS = 5_000;

/** `kill(pid, 0)` checks existence without sending anything; EPERM means it exists. */
export const procesoVivo = (pid: number): boolean => {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const leerDueno = (archivo: string): DuenoBloqueo | null => {
  try {
    const data = JSON.parse(readFileSync(archivo, 'utf8')) as Partial<DuenoBloqueo>;
    if (typeof data.pid !== 'number' || typeof data.equipo !== 'string') return null;
    return { pid: data.pid, equipo: data.equipo, desde: String(data.desde ?? '') };
  } catch {
    return null;
  }
};

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** Creates `archivo` exclusively with `contenido`, durably; false if it already exists. */
const crearExclusivo = (archivo: string, contenido: string): boolean => {
  let fd: number;
  try {
    fd = openSync(archivo, 'wx');
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, contenido);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(archivo, { force: true });
    throw error;
  }
  closeSync(fd);
  return true;
};

export const mensajeYaAbierto = (dueno: DuenoBloqueo | null): string =>
  `Mostrador ya está abierto con esta carpeta de datos (PID ${dueno === null ? 'desconocido' : dueno.pid}${
    dueno !== null && dueno.equipo !== hostname() ? ` en el equipo ${dueno.equipo}` : ''
  }). Cierre la otra ventana o el otro «mostrador serve» antes de abrirlo de nuevo.`;

/**
 * Takes the data folder's lock, or says who holds it (`ya_abierto`).
 * @example const lock = bloquearCarpeta('/datos'); if (lock.ok) … lock.value.liberar()
 */
export const bloquearCarpeta = (dataDir: string, deps: BloqueoDeps = {}): Result<Bloqueo> => {
  const pid = deps.pid ?? process.pid;
  const now = deps.now ?? (() => new Date());
  const vivo = deps.vivo ?? procesoVivo;
  const archivo = path.join(dataDir, ARCHIVO_BLOQUEO);
  const toma = `${archivo}.toma`;
  const propio: DuenoBloqueo = { pid, equipo: hostname(), desde: now().toISOString() };
  const contenido = JSON.stringify(propio);

  // A lock on another machine (a shared folder) cannot be checked with kill: never stale.
  const abandonado = (dueno: DuenoBloqueo | null, file: string): boolean => {
    if (dueno === null) {
      try {
        return now().getTime() - statSync(file).mtimeMs > GRACIA_MS;
      } catch {
        return true;
      }
    }
    return dueno.equipo === hostname() && dueno.pid !== pid && !vivo(dueno.pid);
  };

  const tomado = (): Result<Bloqueo> => {
    let liberado = false;
    return ok({
      archivo,
      liberar: () => {
        if (liberado) return;
        liberado = true;
        // Only our own lock: a stale-takeover by someone else after a crash is theirs.
        const actual = leerDueno(archivo);
        if (actual?.pid === pid && actual.desde === propio.desde) rmSync(archivo, { force: true });
      },
    });
  };
  const yaAbierto = (): Result<Bloqueo> => {
    const dueno = leerDueno(archivo);
    return err('ya_abierto', mensajeYaAbierto(dueno));
  };

  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    return err(
      'carpeta_datos',
      `No se pudo crear la carpeta de datos «${dataDir}»: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    // Two rounds: a stale lock removed in the first lets the second create ours.
    for (let intento = 0; intento < 2; intento++) {
      if (crearExclusivo(archivo, contenido)) return tomado();
      if (!abandonado(leerDueno(archivo), archivo)) return yaAbierto();
      if (!crearExclusivo(toma, contenido)) {
        // Someone else is taking over; if they died doing it, clear their mark for next time.
        if (abandonado(leerDueno(toma), toma)) rmSync(toma, { force: true });
        return yaAbierto();
      }
      try {
        // Re-check under the takeover mark: the lock may have been replaced meanwhile.
        if (!abandonado(leerDueno(archivo), archivo)) return yaAbierto();
        rmSync(archivo, { force: true });
      } finally {
        rmSync(toma, { force: true });
      }
    }
    return yaAbierto();
  } catch (error) {
    if (errno(error) === 'ENOSPC') {
      return err(
        'disco_lleno',
        `El disco está lleno: Mostrador no puede abrir la carpeta de datos ${dataDir}. Libere espacio en el equipo y vuelva a intentar; no se perdió nada.`,
      );
    }
    return err(
      'bloqueo_fallido',
      `No se pudo bloquear la carpeta de datos ${dataDir}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
};
