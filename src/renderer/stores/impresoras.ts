/**
 * Ajustes › Impresoras: the configured printers, the operating system's queues to pick from
 * (with their state), saving, removing and the test page. The section's component only renders
 * this store; every call goes through it.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { ImpresoraEntrada, Impresoras } from '../../shared/contract/ajustes';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import type { AppError, Result } from '../../shared/result';

/** The part of `MostradorApi` Ajustes › Impresoras uses; tests give a fake. */
export type ImpresorasApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

export type ColaSistema = CallOutput<'ajustes.impresorasSistema'>['colas'][number];

export type NotaPrueba = { tipo: 'error' | 'ok'; texto: string };

export type ImpresorasState = {
  datos: Impresoras | null;
  /** The OS's queues, loaded when a form that picks one is open. */
  colas: readonly ColaSistema[];
  /** Why there are no queues (no CUPS, …); null when they were listed. */
  avisoColas: string | null;
  /** The outcome of the last test page of each printer (by id). */
  pruebas: Readonly<Record<string, NotaPrueba>>;
  /** The printer whose test page is on its way. */
  probando: string | null;
  error: string | null;
};

export type ImpresorasAcciones = {
  cargar: () => Promise<void>;
  cargarColas: () => Promise<void>;
  guardar: (
    impresora: ImpresoraEntrada,
    autorizacion?: AprobacionEnLinea,
  ) => Promise<AppError | null>;
  eliminar: (id: string, autorizacion?: AprobacionEnLinea) => Promise<AppError | null>;
  probar: (id: string) => Promise<void>;
};

export type ImpresorasStore = ReturnType<typeof createImpresorasStore>;

const conAprobacion = (autorizacion: AprobacionEnLinea | undefined) =>
  autorizacion === undefined ? {} : { autorizacion };

export const createImpresorasStore = (api: ImpresorasApi) =>
  createStore<ImpresorasState & ImpresorasAcciones>()((set, get) => {
    /** A change answers the whole list: it replaces what is shown. */
    const aplicar = (r: Result<Impresoras>): AppError | null => {
      if (!r.ok) return r.error;
      set({ datos: r.value });
      return null;
    };
    return {
      datos: null,
      colas: [],
      avisoColas: null,
      pruebas: {},
      probando: null,
      error: null,

      cargar: async () => {
        const r = await api.call('ajustes.impresoras', {});
        set(r.ok ? { datos: r.value, error: null } : { error: r.error.message });
      },

      cargarColas: async () => {
        const r = await api.call('ajustes.impresorasSistema', {});
        set(
          r.ok
            ? { colas: r.value.colas, avisoColas: null }
            : { colas: [], avisoColas: r.error.message },
        );
      },

      guardar: async (impresora, autorizacion) =>
        aplicar(
          await api.call('ajustes.guardarImpresora', { impresora, ...conAprobacion(autorizacion) }),
        ),

      eliminar: async (id, autorizacion) =>
        aplicar(
          await api.call('ajustes.eliminarImpresora', { id, ...conAprobacion(autorizacion) }),
        ),

      probar: async (id) => {
        const nota = (n: NotaPrueba) => set({ pruebas: { ...get().pruebas, [id]: n } });
        set({ probando: id });
        nota({ tipo: 'ok', texto: 'Enviando la página de prueba…' });
        const r = await api.call('ajustes.probarImpresora', { id });
        set({ probando: null });
        nota(
          r.ok ? { tipo: 'ok', texto: r.value.mensaje } : { tipo: 'error', texto: r.error.message },
        );
        // A printer that works releases the jobs that were waiting: the count changes.
        if (r.ok) await get().cargar();
      },
    };
  });

let instancia: ImpresorasStore | null = null;

/** Called once by `main.tsx` with the app's client; the section loads when it is shown. */
export const conectarImpresoras = (api: ImpresorasApi): ImpresorasStore => {
  instancia ??= createImpresorasStore(api);
  return instancia;
};

const sinConectar = createImpresorasStore({
  call: async () => ({
    ok: false,
    error: { code: 'sin_conexion', message: 'Impresoras no está conectado.' },
  }),
});

export const impresorasStore = (): ImpresorasStore => instancia ?? sinConectar;

export const useImpresoras = <T>(selector: (s: ImpresorasState & ImpresorasAcciones) => T): T =>
  useStore(impresorasStore(), selector);
