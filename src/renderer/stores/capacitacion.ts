import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { Result } from '../../shared/result';

/** The part of `MostradorApi` Ajustes › Capacitación uses; tests give a fake. */
export type CapacitacionApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

export type NotaCapacitacion = { tipo: 'error' | 'ok'; texto: string } | null;

export type CapacitacionState = {
  nota: NotaCapacitacion;
  /** A change is on its way to the simulator: the section's buttons wait. */
  enviando: boolean;
};

export type CapacitacionAcciones = {
  /**
   * Takes the training SRI down or up (`caido`) or scripts its answers (`fallas`); the note says
   * `exito` and the scripted answers now active.
   */
  aplicar: (input: { caido?: boolean; fallas?: string }, exito: string) => Promise<void>;
};

export type CapacitacionStore = ReturnType<typeof createCapacitacionStore>;

/** `'caido, devuelta=35'` → `'Respuestas guionadas: devuelta=35.'`: «caido» has its own buttons. */
export const textoGuionadas = (fallas: string): string => {
  const guionadas = fallas
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '' && f !== 'caido');
  return guionadas.length === 0
    ? 'Sin respuestas guionadas.'
    : `Respuestas guionadas: ${guionadas.join(', ')}.`;
};

export const createCapacitacionStore = (api: CapacitacionApi) =>
  createStore<CapacitacionState & CapacitacionAcciones>()((set) => ({
    nota: null,
    enviando: false,
    aplicar: async (input, exito) => {
      set({ enviando: true });
      const r = await api.call('simulador.configurar', input);
      set({
        enviando: false,
        nota: r.ok
          ? { tipo: 'ok', texto: `${exito} ${textoGuionadas(r.value.fallas)}` }
          : { tipo: 'error', texto: r.error.message },
      });
    },
  }));

let instancia: CapacitacionStore | null = null;

/** Called once by `main.tsx` with the app's client. */
export const conectarCapacitacion = (api: CapacitacionApi): CapacitacionStore => {
  instancia ??= createCapacitacionStore(api);
  return instancia;
};

const sinConectar = createCapacitacionStore({
  call: async () => ({
    ok: false,
    error: { code: 'sin_conexion', message: 'Ajustes › Capacitación no está conectado.' },
  }),
});

export const useCapacitacion = <T>(
  selector: (s: CapacitacionState & CapacitacionAcciones) => T,
): T => useStore(instancia ?? sinConectar, selector);
