import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { AcercaDe } from '../../shared/contract/app';
import type { Result } from '../../shared/result';

/** The part of `MostradorApi` Ajustes › Acerca de uses; tests give a fake. */
export type AcercaDeApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

export type AcercaDeState = {
  /** null until loaded, or when main could not read the notices (then `error` says why). */
  datos: AcercaDe | null;
  error: string | null;
};

export type AcercaDeAcciones = {
  /** Asks main again: the section loads it each time it opens. */
  cargar: () => Promise<void>;
};

export type AcercaDeStore = ReturnType<typeof createAcercaDeStore>;

export const createAcercaDeStore = (api: AcercaDeApi) =>
  createStore<AcercaDeState & AcercaDeAcciones>()((set) => ({
    datos: null,
    error: null,
    cargar: async () => {
      const r = await api.call('app.acercaDe', {});
      set(r.ok ? { datos: r.value, error: null } : { error: r.error.message });
    },
  }));

let instancia: AcercaDeStore | null = null;

/** Called once by `main.tsx` with the app's client. */
export const conectarAcercaDe = (api: AcercaDeApi): AcercaDeStore => {
  instancia ??= createAcercaDeStore(api);
  return instancia;
};

const sinConectar = createAcercaDeStore({
  call: async () => ({
    ok: false,
    error: { code: 'sin_conexion', message: 'Ajustes › Acerca de no está conectado.' },
  }),
});

export const useAcercaDe = <T>(selector: (s: AcercaDeState & AcercaDeAcciones) => T): T =>
  useStore(instancia ?? sinConectar, selector);
