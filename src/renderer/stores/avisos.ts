import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AppError } from '../../shared/result';

/** A failure shown to the person at the counter until they dismiss it. */
export type Aviso = { id: number; error: AppError };

export type AvisosState = {
  avisos: readonly Aviso[];
  /** Shows an error; the same code and message shown twice stays one notice. */
  avisar: (error: AppError) => void;
  descartar: (id: number) => void;
};

/** Oldest notices go first when there are more than this: the screen is for selling. */
const MAX_AVISOS = 3;

export const createAvisosStore = () => {
  let siguienteId = 1;
  return createStore<AvisosState>()((set) => ({
    avisos: [],
    avisar: (error) =>
      set((state) => {
        const repetido = state.avisos.some(
          (a) => a.error.code === error.code && a.error.message === error.message,
        );
        if (repetido) return state;
        const aviso = { id: siguienteId++, error };
        return { avisos: [...state.avisos, aviso].slice(-MAX_AVISOS) };
      }),
    descartar: (id) => set((state) => ({ avisos: state.avisos.filter((a) => a.id !== id) })),
  }));
};

export type AvisosStore = ReturnType<typeof createAvisosStore>;

export const avisosStore: AvisosStore = createAvisosStore();

export const useAvisos = <T>(selector: (state: AvisosState) => T): T =>
  useStore(avisosStore, selector);
