/**
 * The calls of `src/shared/contract/mantenimiento.ts`: Ajustes › Respaldos, Conciliación's
 * archive export, diagnostics and updates.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import { err, ok, type Result } from '../../shared/result';
import {
  type Actividad,
  guardarConfigActualizaciones,
  leerConfigActualizaciones,
  type UpdatePolicy,
} from '../actualizaciones';
import { leerLogo } from '../ajustes';
import { exportarArchivo } from '../archivo';
import { type AppUser, appendAudit, type Database, listUsers, type Rol } from '../db';
import { exportarDiagnostico } from '../diagnostico';
import type { Clock, Logger } from '../log';
import type { BackupService } from '../respaldos';
import type { HandlerGroup } from '../rpc';
import { autorizar, nombreRol } from '../sesion';

/** Native dialogs of the desktop app; absent in the browser host, where paths are typed. */
export type Dialogos = {
  elegirCarpeta: (titulo: string) => Promise<string | null>;
};

/** Larger exports are not sent through the call: the browser gets the path instead. */
export const MAX_DESCARGA_BYTES = 25 * 1024 * 1024;

/** https, or plain http to this very machine (the fake feeds of the tests). */
export const canalSeguro = (url: string): boolean => {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' ||
      (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))
    );
  } catch {
    return false;
  }
};

export type MantenimientoHandlersDeps = {
  db: Database;
  dataDir: string;
  logsDir: string;
  version: string;
  clock: Clock;
  logger: Logger;
  respaldos: BackupService;
  actualizaciones: UpdatePolicy;
  actividad: Actividad;
  /** The feed baked into the build, used until Ajustes sets one. */
  feedPorDefecto: string | null;
  /** What happened to a staged restore at this start (shown once in Respaldos). */
  avisoRestauracion: string | null;
  dialogos?: Dialogos;
  /** The desktop app restarts itself to finish a restore; the host cannot. */
  reiniciar?: () => void;
};

type Calls =
  | 'respaldos.estado'
  | 'respaldos.tomar'
  | 'respaldos.elegirCarpeta'
  | 'respaldos.restaurar'
  | 'respaldos.revisar'
  | 'respaldos.cancelarRestauracion'
  | 'archivo.exportar'
  | 'diagnostico.exportar'
  | 'actualizaciones.estado'
  | 'actualizaciones.revisar'
  | 'actualizaciones.configurar'
  | 'actualizaciones.instalar'
  | 'app.carritoAbierto';

const stamp = (clock: Clock): string => clock.now().toISOString().replace(/[:.]/g, '-');

/**
 * @example const handlers = createMantenimientoHandlers({ db, dataDir, … })
 */
export const createMantenimientoHandlers = (
  deps: MantenimientoHandlersDeps,
): HandlerGroup<Calls> => {
  const exportsDir = path.join(deps.dataDir, 'exportaciones');

  /** A fresh install has no users yet (a new machine being restored): nothing to check. */
  const exigir = async (
    autorizacion: AprobacionEnLinea | undefined,
    rol: Rol,
    accion: string,
  ): Promise<Result<AppUser | null>> => {
    if (!listUsers(deps.db).some((u) => u.active)) return ok(null);
    if (autorizacion === undefined) {
      return err(
        'autorizacion_requerida',
        `Esta acción necesita la autorización de ${nombreRol(rol)}.`,
        'autorizacion',
      );
    }
    return autorizar(deps.db, autorizacion, rol, { clock: deps.clock, accion });
  };

  const auditar = (usuario: AppUser | null, action: string, detail: Record<string, unknown>) =>
    appendAudit(deps.db, { userId: usuario?.id ?? null, action, detail }, deps.clock);

  const entrega = async (archivo: string, bytes: number, descargar: boolean) => {
    if (!descargar)
      return ok({ archivo, nombre: path.basename(archivo), bytes, contenidoBase64: null });
    if (bytes > MAX_DESCARGA_BYTES) {
      return err(
        'descarga_grande',
        `El archivo pesa ${Math.ceil(bytes / 1024 / 1024)} MB: demasiado para descargarlo desde el navegador. Quedó guardado en ${archivo}; también puede usar «mostrador exportar».`,
      );
    }
    const bytesLeidos = await readFile(archivo);
    return ok({
      archivo,
      nombre: path.basename(archivo),
      bytes,
      contenidoBase64: bytesLeidos.toString('base64'),
    });
  };

  const estadoActualizaciones = () => {
    const config = leerConfigActualizaciones(deps.db, deps.feedPorDefecto);
    return {
      version: deps.version,
      url: config.url,
      canal: config.canal,
      estado: deps.actualizaciones.estado(),
    };
  };

  return {
    'respaldos.estado': () => {
      const pendiente = deps.respaldos.pendiente();
      return ok({
        carpeta: deps.respaldos.carpeta(),
        respaldos: deps.respaldos.listar(),
        pendiente:
          pendiente === null
            ? null
            : { origen: pendiente.origen, solicitadaEn: pendiente.solicitadaEn },
        aviso:
          [deps.avisoRestauracion, deps.respaldos.ultimoFallo()]
            .filter((t): t is string => t !== null)
            .join(' ') || null,
      });
    },
    'respaldos.tomar': () => deps.respaldos.tomarAhora(),
    'respaldos.elegirCarpeta': async (input) => {
      const usuario = await exigir(input.autorizacion, 'administrador', 'respaldos.carpeta');
      if (!usuario.ok) return usuario;
      let carpeta = input.carpeta ?? null;
      if (carpeta === null) {
        if (deps.dialogos === undefined) {
          return err(
            'carpeta_requerida',
            'Escriba la ruta completa de la carpeta de respaldos.',
            'carpeta',
          );
        }
        carpeta = await deps.dialogos.elegirCarpeta('Carpeta de respaldos');
        if (carpeta === null) return ok({ carpeta: null });
      }
      const chosen = deps.respaldos.elegirCarpeta(carpeta);
      if (!chosen.ok) return chosen;
      auditar(usuario.value, 'respaldos.carpeta', { carpeta: chosen.value });
      // The first copy in the new place now, not tomorrow.
      deps.respaldos.respaldoDiario();
      return ok({ carpeta: chosen.value });
    },
    'respaldos.restaurar': async (input) => {
      const usuario = await exigir(input.autorizacion, 'administrador', 'respaldos.restaurar');
      if (!usuario.ok) return usuario;
      const staged = deps.respaldos.restaurar(input.archivo, input.confirmarOtroRuc);
      if (!staged.ok) return staged;
      auditar(usuario.value, 'respaldos.restauracion_preparada', {
        archivo: staged.value.file,
        migraciones: staged.value.applied.length,
        ruc: staged.value.ruc,
        // Another store's backup, confirmed naming both RUCs (issue 15 §6).
        ...(staged.value.otroRuc === null ? {} : { otroRuc: staged.value.otroRuc }),
      });
      const reinicio = deps.reiniciar === undefined ? 'manual' : 'automatico';
      if (deps.reiniciar !== undefined) {
        const restart = deps.reiniciar;
        // Let the answer reach the renderer before the app goes down.
        setTimeout(restart, 500).unref();
      }
      return ok({
        archivo: staged.value.file,
        migraciones: staged.value.applied.length,
        pendientes: staged.value.pending.length,
        reinicio,
      });
    },
    'respaldos.revisar': (input) => deps.respaldos.revisar(input.archivo),
    'respaldos.cancelarRestauracion': async (input) => {
      // Undoing an administrador's restore takes the same approval as staging it.
      const usuario = await exigir(
        input.autorizacion,
        'administrador',
        'respaldos.cancelarRestauracion',
      );
      if (!usuario.ok) return usuario;
      const había = deps.respaldos.pendiente() !== null;
      deps.respaldos.cancelarRestauracion();
      if (había) auditar(usuario.value, 'respaldos.restauracion_cancelada', {});
      return ok({ cancelada: había });
    },
    'archivo.exportar': async (input) => {
      await mkdir(exportsDir, { recursive: true });
      const archivo = path.join(
        exportsDir,
        `comprobantes-${input.desde}-a-${input.hasta}-${stamp(deps.clock)}.zip`,
      );
      const done = await exportarArchivo(
        { sqlite: deps.db.sqlite, logger: deps.logger, logo: leerLogo(deps.db) },
        { desde: input.desde, hasta: input.hasta },
        archivo,
      );
      if (!done.ok) return done;
      const delivered = await entrega(archivo, done.value.bytes, input.descargar);
      if (!delivered.ok) return delivered;
      return ok({ ...delivered.value, documentos: done.value.documentos });
    },
    'diagnostico.exportar': async (input) => {
      await mkdir(exportsDir, { recursive: true });
      const archivo = path.join(exportsDir, `diagnostico-${stamp(deps.clock)}.zip`);
      const done = await exportarDiagnostico(
        {
          sqlite: deps.db.sqlite,
          logsDir: deps.logsDir,
          backups: () => deps.respaldos.listar(),
          version: deps.version,
          clock: deps.clock,
        },
        archivo,
      );
      if (!done.ok) return done;
      return entrega(archivo, done.value.bytes, input.descargar);
    },
    'actualizaciones.estado': () => ok(estadoActualizaciones()),
    'actualizaciones.revisar': async () => {
      await deps.actualizaciones.revisar();
      return ok(estadoActualizaciones());
    },
    'actualizaciones.configurar': async (input) => {
      // Installers come from this feed: https only (http only to this machine, for tests).
      if (typeof input.url === 'string' && !canalSeguro(input.url)) {
        return err(
          'url_insegura',
          'El canal de actualizaciones debe ser una dirección https://: por ella llega el instalador.',
          'url',
        );
      }
      const usuario = await exigir(
        input.autorizacion,
        'administrador',
        'actualizaciones.configurar',
      );
      if (!usuario.ok) return usuario;
      guardarConfigActualizaciones(
        deps.db,
        {
          ...(input.url === undefined ? {} : { url: input.url }),
          ...(input.canal === undefined ? {} : { canal: input.canal }),
        },
        deps.clock,
      );
      auditar(usuario.value, 'actualizaciones.configurar', {
        url: input.url ?? null,
        canal: input.canal ?? null,
      });
      return ok(estadoActualizaciones());
    },
    'actualizaciones.instalar': async (input) => {
      const usuario = await autorizar(deps.db, input.autorizacion, 'supervisor', {
        clock: deps.clock,
        accion: 'actualizaciones.instalar',
      });
      if (!usuario.ok) return usuario;
      const installed = deps.actualizaciones.instalarAhora();
      if (installed.ok) auditar(usuario.value, 'actualizaciones.instalar', installed.value);
      return installed;
    },
    'app.carritoAbierto': (input, ctx) => {
      deps.actividad.carritoAbierto(ctx.transport, input.abierto);
      return ok({ abierto: input.abierto });
    },
  };
};
