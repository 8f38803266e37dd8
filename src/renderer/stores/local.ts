/**
 * Ajustes › Restaurante y ubicación: whether the store is a restaurant (propina) and its
 * province and canton (IVA 8 % holidays). The form keeps what is typed; saving, its "enviando"
 * and its note live here.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { Local } from '../../shared/contract/ajustes';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import type { AppError, Result } from '../../shared/result';
import { ajustesStore } from './ajustes';
import { type Desenlace, type Nota, notaDe } from './nota';

/** The part of `MostradorApi` Ajustes › Local uses; tests give a fake. */
export type LocalApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

export type { Desenlace } from './nota';

export type NotaLocal = Nota;

/** What the person typed; an empty province or canton is saved as «not said». */
export type FormularioLocal = { esRestaurante: boolean; provincia: string; canton: string };

export type LocalState = {
  nota: NotaLocal;
  /** A change is on its way: the button waits. */
  enviando: boolean;
};

export type LocalAcciones = {
  /** Runs the save (usually inside the approval dialog) and shows its outcome. */
  hacer: (accion: () => Promise<Desenlace>, exito: string) => Promise<Desenlace>;
  guardar: (f: FormularioLocal, autorizacion?: AprobacionEnLinea) => Promise<AppError | null>;
  /** The section shown again starts without the note of an earlier visit, as it always did. */
  olvidarNota: () => void;
};

export type LocalStore = ReturnType<typeof createLocalStore>;

const vacioANull = (texto: string): string | null => (texto.trim() === '' ? null : texto.trim());

/**
 * `publicar` hands the saved settings to whoever shows them (the Ajustes store, loaded with the
 * rest of the settings): one copy, not two.
 */
export const createLocalStore = (api: LocalApi, publicar: (local: Local) => void) =>
  createStore<LocalState & LocalAcciones>()((set, get) => ({
    nota: null,
    enviando: false,

    hacer: async (accion, exito) => {
      if (get().enviando) return 'cancelado';
      set({ enviando: true, nota: null });
      let desenlace: Desenlace = 'cancelado';
      try {
        desenlace = await accion();
      } finally {
        set({
          enviando: false,
          nota: notaDe(desenlace, exito),
        });
      }
      return desenlace;
    },

    guardar: async ({ esRestaurante, provincia, canton }, autorizacion) => {
      const r = await api.call('ajustes.guardarLocal', {
        local: { esRestaurante, provincia: vacioANull(provincia), canton: vacioANull(canton) },
        ...(autorizacion === undefined ? {} : { autorizacion }),
      });
      if (!r.ok) return r.error;
      publicar(r.value);
      return null;
    },

    olvidarNota: () => set({ nota: null }),
  }));

let instancia: LocalStore | null = null;

/** Called once by `main.tsx` with the app's client. */
export const conectarLocal = (api: LocalApi): LocalStore => {
  instancia ??= createLocalStore(api, (local) => ajustesStore().setState({ local }));
  return instancia;
};

const sinConectar = createLocalStore(
  {
    call: async () => ({
      ok: false,
      error: { code: 'sin_conexion', message: 'Ajustes › Local no está conectado.' },
    }),
  },
  () => {},
);

export const localStore = (): LocalStore => instancia ?? sinConectar;

export const useLocal = <T>(selector: (s: LocalState & LocalAcciones) => T): T =>
  useStore(localStore(), selector);
