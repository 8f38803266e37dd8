/**
 * Ajustes › Etiquetas de balanza: which layout the store's scale prints. The form keeps what is
 * typed; saving, its "enviando" and its note live here.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { ConfiguracionBalanza, PresetBalanza } from '../../shared/contract/balanza';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import type { AppError, Result } from '../../shared/result';
import { ajustesStore } from './ajustes';
import { type Desenlace, type Nota, notaDe } from './nota';

/** The part of `MostradorApi` Ajustes › Balanza uses; tests give a fake. */
export type BalanzaApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

export type { Desenlace } from './nota';

export type NotaBalanza = Nota;

/** What the person chose and typed, as text until it is saved. */
export type FormularioBalanza = {
  tipo: 'ninguna' | PresetBalanza | 'personalizado';
  contenido: 'peso' | 'precio';
  prefijos: string;
  digitosPlu: string;
  digitosValor: string;
};

/** The form as the saved configuration shows it (`null`: the store does not use labels). */
export const formularioDe = (c: ConfiguracionBalanza | null): FormularioBalanza => {
  if (c === null) {
    return {
      tipo: 'ninguna',
      contenido: 'peso',
      prefijos: '20',
      digitosPlu: '5',
      digitosValor: '5',
    };
  }
  return c.tipo === 'preset'
    ? { tipo: c.preset, contenido: c.contenido, prefijos: '20', digitosPlu: '5', digitosValor: '5' }
    : {
        tipo: 'personalizado',
        contenido: c.contenido,
        prefijos: c.prefijos.join(' '),
        digitosPlu: String(c.digitosPlu),
        digitosValor: String(c.digitosValor),
      };
};

/** What the form says, as the call takes it; main validates the rest (zod). */
export const configuracionDe = (f: FormularioBalanza): ConfiguracionBalanza | null => {
  if (f.tipo === 'ninguna') return null;
  if (f.tipo !== 'personalizado') return { tipo: 'preset', preset: f.tipo, contenido: f.contenido };
  return {
    tipo: 'personalizado',
    prefijos: f.prefijos.split(/[\s,]+/).filter((p) => p !== ''),
    digitosPlu: Number(f.digitosPlu),
    digitosValor: Number(f.digitosValor),
    contenido: f.contenido,
  };
};

export type BalanzaState = {
  nota: NotaBalanza;
  /** A change is on its way: the button waits. */
  enviando: boolean;
};

export type BalanzaAcciones = {
  /** Runs the save (usually inside the approval dialog) and shows its outcome. */
  hacer: (accion: () => Promise<Desenlace>, exito: string) => Promise<Desenlace>;
  guardar: (f: FormularioBalanza, autorizacion?: AprobacionEnLinea) => Promise<AppError | null>;
  /** The section shown again starts without the note of an earlier visit, as it always did. */
  olvidarNota: () => void;
};

export type BalanzaStore = ReturnType<typeof createBalanzaStore>;

/**
 * `publicar` hands the saved configuration to whoever shows it (the Ajustes store, loaded with
 * the rest of the settings): one copy, not two.
 */
export const createBalanzaStore = (
  api: BalanzaApi,
  publicar: (balanza: { configuracion: ConfiguracionBalanza | null }) => void,
) =>
  createStore<BalanzaState & BalanzaAcciones>()((set, get) => ({
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

    guardar: async (f, autorizacion) => {
      const r = await api.call('ajustes.guardarEtiquetaBalanza', {
        configuracion: configuracionDe(f),
        ...(autorizacion === undefined ? {} : { autorizacion }),
      });
      if (!r.ok) return r.error;
      publicar(r.value);
      return null;
    },

    olvidarNota: () => set({ nota: null }),
  }));

let instancia: BalanzaStore | null = null;

/** Called once by `main.tsx` with the app's client. */
export const conectarBalanza = (api: BalanzaApi): BalanzaStore => {
  instancia ??= createBalanzaStore(api, (balanza) => ajustesStore().setState({ balanza }));
  return instancia;
};

const sinConectar = createBalanzaStore(
  {
    call: async () => ({
      ok: false,
      error: { code: 'sin_conexion', message: 'Ajustes › Balanza no está conectado.' },
    }),
  },
  () => {},
);

export const balanzaStore = (): BalanzaStore => instancia ?? sinConectar;

export const useBalanza = <T>(selector: (s: BalanzaState & BalanzaAcciones) => T): T =>
  useStore(balanzaStore(), selector);
