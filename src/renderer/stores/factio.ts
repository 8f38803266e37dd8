import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput, EventPayload } from '../../shared/contract';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import type { AmbienteFactio, ConciliacionFactio, FactioEstado } from '../../shared/contract/sync';
import type { AppError, Result } from '../../shared/result';
import { type Desenlace, type Nota, notaDe } from './nota';

/** The part of `MostradorApi` Ajustes › «API de Factio» uses; tests give a fake. */
export type FactioApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
  subscribe: (
    name: 'sincronizacion',
    listener: (payload: EventPayload<'sincronizacion'>) => void,
  ) => () => void;
};

export type { Desenlace } from './nota';

export type NotaFactio = Nota;

export type FactioState = {
  estado: FactioEstado | null;
  nota: NotaFactio;
  /** An action is running: the section's buttons wait. */
  ocupado: boolean;
};

export type FactioAcciones = {
  cargar: () => Promise<void>;
  /** Runs one action (usually inside the approval dialog) and shows its outcome. */
  hacer: (accion: () => Promise<Desenlace>, exito: string | (() => string)) => Promise<void>;
  guardarClave: (clave: string, autorizacion?: AprobacionEnLinea) => Promise<AppError | null>;
  eliminarClave: (autorizacion?: AprobacionEnLinea) => Promise<AppError | null>;
  /** `url` empty: the environment's own address. */
  configurar: (
    ambiente: AmbienteFactio,
    url: string,
    autorizacion?: AprobacionEnLinea,
  ) => Promise<AppError | null>;
  /** Factio's answer as the note: its message, ok or not. */
  probar: () => Promise<Result<string>>;
  sincronizar: () => Promise<AppError | null>;
  /** For Conciliación: documents per day here and in Factio. */
  conciliacion: (desde: string, hasta: string) => Promise<Result<ConciliacionFactio>>;
};

export type FactioStore = ReturnType<typeof createFactioStore>;

const conAprobacion = (autorizacion: AprobacionEnLinea | undefined) =>
  autorizacion === undefined ? {} : { autorizacion };

export const createFactioStore = (api: FactioApi) => {
  const store = createStore<FactioState & FactioAcciones>()((set) => {
    /** Every answer carries the new state: keep it. */
    const tomar = (r: Result<FactioEstado>): AppError | null => {
      if (!r.ok) return r.error;
      set({ estado: r.value });
      return null;
    };
    return {
      estado: null,
      nota: null,
      ocupado: false,

      cargar: async () => {
        const r = await api.call('factio.estado', {});
        if (r.ok) set({ estado: r.value });
        else set({ nota: { tipo: 'error', texto: r.error.message } });
      },

      hacer: async (accion, exito) => {
        set({ ocupado: true, nota: null });
        try {
          const desenlace = await accion();
          const texto = typeof exito === 'string' ? exito : exito();
          set({
            nota: notaDe(desenlace, texto),
          });
        } finally {
          set({ ocupado: false });
        }
      },

      guardarClave: async (clave, autorizacion) =>
        tomar(await api.call('factio.guardarClave', { clave, ...conAprobacion(autorizacion) })),

      eliminarClave: async (autorizacion) =>
        tomar(
          await api.call('factio.eliminarClave', {
            confirmar: true,
            ...conAprobacion(autorizacion),
          }),
        ),

      configurar: async (ambiente, url, autorizacion) =>
        tomar(
          await api.call('factio.configurar', {
            ambiente,
            url: url.trim() === '' ? null : url.trim(),
            ...conAprobacion(autorizacion),
          }),
        ),

      probar: async () => {
        const r = await api.call('factio.probar', {});
        if (!r.ok) return r;
        return r.value.exito
          ? { ok: true, value: r.value.mensaje }
          : { ok: false, error: { code: 'sin_conexion', message: r.value.mensaje } };
      },

      sincronizar: async () => tomar(await api.call('factio.sincronizar', {})),

      conciliacion: (desde, hasta) => api.call('factio.conciliacion', { desde, hasta }),
    };
  });

  /** The sync's state arrives live (sending, paused, an error). */
  const escuchar = (): (() => void) =>
    api.subscribe('sincronizacion', (estado) => store.setState({ estado }));

  return Object.assign(store, { escuchar });
};

let instancia: FactioStore | null = null;

/** Called once by `main.tsx` with the app's client; the section loads when it is shown. */
export const conectarFactio = (api: FactioApi): FactioStore => {
  if (instancia === null) {
    instancia = createFactioStore(api);
    instancia.escuchar();
  }
  return instancia;
};

const sinConectar = createFactioStore({
  call: async () => ({
    ok: false,
    error: { code: 'sin_conexion', message: 'La sección de Factio no está conectada.' },
  }),
  subscribe: () => () => {},
});

export const factioStore = (): FactioStore => instancia ?? sinConectar;

export const useFactio = <T>(selector: (s: FactioState & FactioAcciones) => T): T =>
  useStore(factioStore(), selector);
