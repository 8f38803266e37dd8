/**
 * Ajustes › Impresoras: the configured printers, the operating system's queues to pick from
 * (with their state), saving, removing, the test page and the store logo printed on the RIDE. The section's component only renders
 * this store; every call goes through it.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { ImpresoraEntrada, Impresoras, Logo } from '../../shared/contract/ajustes';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import type { AppError, Result } from '../../shared/result';
import { ajustesStore } from './ajustes';
import { type Desenlace, notaDe } from './nota';

/** The part of `MostradorApi` Ajustes › Impresoras uses; tests give a fake. */
export type ImpresorasApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

export type ColaSistema = CallOutput<'ajustes.impresorasSistema'>['colas'][number];

export type NotaPrueba = { tipo: 'error' | 'ok'; texto: string };

export type { Desenlace } from './nota';

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
  /** The outcome of the last change of the logo. */
  notaLogo: NotaPrueba | null;
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
  /** Runs a change of the logo (usually inside the approval dialog) and shows its outcome. */
  cambiarLogo: (accion: () => Promise<Desenlace>, exito: string) => Promise<void>;
  /** `null` removes the logo: the RIDE goes out with the emisor's data only. */
  guardarLogo: (
    imagenBase64: string | null,
    autorizacion?: AprobacionEnLinea,
  ) => Promise<AppError | null>;
  /** The logo shown again starts without the note of an earlier visit, as it always did. */
  olvidarNotaLogo: () => void;
};

export type ImpresorasStore = ReturnType<typeof createImpresorasStore>;

const conAprobacion = (autorizacion: AprobacionEnLinea | undefined) =>
  autorizacion === undefined ? {} : { autorizacion };

/**
 * `publicarLogo` hands the saved logo to whoever shows it (the Ajustes store, loaded with the
 * rest of the settings): one copy, not two.
 */
export const createImpresorasStore = (api: ImpresorasApi, publicarLogo: (logo: Logo) => void) =>
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
      notaLogo: null,

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

      cambiarLogo: async (accion, exito) => {
        const d = await accion();
        set({
          notaLogo: notaDe(d, exito),
        });
      },

      guardarLogo: async (imagenBase64, autorizacion) => {
        const r = await api.call('ajustes.guardarLogo', {
          imagenBase64,
          ...conAprobacion(autorizacion),
        });
        if (!r.ok) return r.error;
        publicarLogo(r.value);
        return null;
      },

      olvidarNotaLogo: () => set({ notaLogo: null }),
    };
  });

let instancia: ImpresorasStore | null = null;

/** Called once by `main.tsx` with the app's client; the section loads when it is shown. */
export const conectarImpresoras = (api: ImpresorasApi): ImpresorasStore => {
  instancia ??= createImpresorasStore(api, (logo) => ajustesStore().setState({ logo }));
  return instancia;
};

const sinConectar = createImpresorasStore(
  {
    call: async () => ({
      ok: false,
      error: { code: 'sin_conexion', message: 'Impresoras no está conectado.' },
    }),
  },
  () => {},
);

export const impresorasStore = (): ImpresorasStore => instancia ?? sinConectar;

export const useImpresoras = <T>(selector: (s: ImpresorasState & ImpresorasAcciones) => T): T =>
  useStore(impresorasStore(), selector);
