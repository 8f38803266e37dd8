import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type {
  ActualizacionEstado,
  Exportacion,
  RespaldosEstado,
} from '../../shared/contract/mantenimiento';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import type { AppError, Result } from '../../shared/result';
import { type Desenlace, type Nota, notaDe } from './nota';

/** The part of `MostradorApi` Ajustes › Respaldos uses; tests give a fake. */
export type RespaldosApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

export type { Desenlace } from './nota';

export type NotaRespaldos = Nota;

export type RespaldosState = {
  estado: RespaldosEstado | null;
  actualizacion: ActualizacionEstado | null;
  nota: NotaRespaldos;
  /** An action is running: the section's buttons wait. */
  ocupado: boolean;
};

export type Canal = 'estable' | 'beta';

export type RespaldosAcciones = {
  cargar: () => Promise<void>;
  /**
   * Runs one action of the section (usually wrapped in the approval dialog), shows its outcome and
   * reloads; `exito` is read after the action, so it may say what the action found out.
   */
  hacer: (accion: () => Promise<Desenlace>, exito: string | (() => string)) => Promise<void>;
  tomar: () => Promise<AppError | null>;
  /** `carpeta` empty: main asks with the OS dialog (Electron). */
  elegirCarpeta: (carpeta: string, autorizacion?: AprobacionEnLinea) => Promise<AppError | null>;
  /** Checks a backup without restoring it: whose RUC it is beside this store's. */
  revisar: (
    archivo: string,
  ) => Promise<Result<{ rucRespaldo: string | null; rucTienda: string | null }>>;
  /**
   * Prepares the restore; answers the Spanish sentence of how it finishes. Another store's backup
   * carries the administrador's confirmation naming both RUCs.
   */
  restaurar: (
    archivo: string,
    autorizacion?: AprobacionEnLinea,
    confirmarOtroRuc?: { rucRespaldo: string; rucTienda: string },
  ) => Promise<Result<string>>;
  cancelarRestauracion: (autorizacion?: AprobacionEnLinea) => Promise<AppError | null>;
  /** The archive of authorized documents or the diagnostic bundle. */
  exportar: (
    que: 'archivo' | 'diagnostico',
    opciones: { desde: string; hasta: string; descargar: boolean },
  ) => Promise<Result<Exportacion>>;
  configurarCanal: (
    url: string,
    canal: Canal,
    autorizacion?: AprobacionEnLinea,
  ) => Promise<AppError | null>;
  revisarActualizaciones: () => Promise<AppError | null>;
  instalarActualizacion: (autorizacion: AprobacionEnLinea) => Promise<AppError | null>;
};

export type RespaldosStore = ReturnType<typeof createRespaldosStore>;

const conAprobacion = (autorizacion: AprobacionEnLinea | undefined) =>
  autorizacion === undefined ? {} : { autorizacion };

const errorDe = (r: Result<unknown>): AppError | null => (r.ok ? null : r.error);

export const createRespaldosStore = (api: RespaldosApi) =>
  createStore<RespaldosState & RespaldosAcciones>()((set, get) => ({
    estado: null,
    actualizacion: null,
    nota: null,
    ocupado: false,

    cargar: async () => {
      const [r, a] = await Promise.all([
        api.call('respaldos.estado', {}),
        api.call('actualizaciones.estado', {}),
      ]);
      if (r.ok) set({ estado: r.value });
      else set({ nota: { tipo: 'error', texto: r.error.message } });
      if (a.ok) set({ actualizacion: a.value });
    },

    hacer: async (accion, exito) => {
      set({ ocupado: true, nota: null });
      try {
        const desenlace = await accion();
        const texto = typeof exito === 'string' ? exito : exito();
        set({
          nota: notaDe(desenlace, texto),
        });
        await get().cargar();
      } finally {
        set({ ocupado: false });
      }
    },

    tomar: async () => errorDe(await api.call('respaldos.tomar', {})),

    elegirCarpeta: async (carpeta, autorizacion) =>
      errorDe(
        await api.call('respaldos.elegirCarpeta', {
          ...(carpeta.trim() === '' ? {} : { carpeta: carpeta.trim() }),
          ...conAprobacion(autorizacion),
        }),
      ),

    revisar: (archivo) => api.call('respaldos.revisar', { archivo }),

    restaurar: async (archivo, autorizacion, confirmarOtroRuc) => {
      const r = await api.call('respaldos.restaurar', {
        archivo,
        ...(confirmarOtroRuc === undefined ? {} : { confirmarOtroRuc }),
        ...conAprobacion(autorizacion),
      });
      if (!r.ok) return r;
      return {
        ok: true,
        value:
          r.value.reinicio === 'automatico'
            ? 'Respaldo revisado. Mostrador se reinicia para restaurarlo.'
            : 'Respaldo revisado. Cierre Mostrador y vuelva a iniciarlo para terminar la restauración.',
      };
    },

    cancelarRestauracion: async (autorizacion) =>
      errorDe(await api.call('respaldos.cancelarRestauracion', conAprobacion(autorizacion))),

    exportar: (que, { desde, hasta, descargar }) =>
      que === 'archivo'
        ? api.call('archivo.exportar', { desde, hasta, descargar })
        : api.call('diagnostico.exportar', { descargar }),

    configurarCanal: async (url, canal, autorizacion) =>
      errorDe(
        await api.call('actualizaciones.configurar', {
          url: url.trim() === '' ? null : url.trim(),
          canal,
          ...conAprobacion(autorizacion),
        }),
      ),

    revisarActualizaciones: async () => errorDe(await api.call('actualizaciones.revisar', {})),

    instalarActualizacion: async (autorizacion) =>
      errorDe(await api.call('actualizaciones.instalar', { autorizacion })),
  }));

let instancia: RespaldosStore | null = null;

/** Called once by `main.tsx` with the app's client; the section loads when it is shown. */
export const conectarRespaldos = (api: RespaldosApi): RespaldosStore => {
  instancia ??= createRespaldosStore(api);
  return instancia;
};

const sinConectar = createRespaldosStore({
  call: async () => ({
    ok: false,
    error: { code: 'sin_conexion', message: 'Respaldos no está conectado.' },
  }),
});

export const respaldosStore = (): RespaldosStore => instancia ?? sinConectar;

export const useRespaldos = <T>(selector: (s: RespaldosState & RespaldosAcciones) => T): T =>
  useStore(respaldosStore(), selector);
