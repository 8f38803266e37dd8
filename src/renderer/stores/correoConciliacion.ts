import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput, EventPayload } from '../../shared/contract';
import type { DocumentoFila } from '../../shared/contract/conciliacion';
import { correoSchema, MENSAJE_CORREO_INVALIDO } from '../../shared/contract/correo';
import type { Result } from '../../shared/result';

/** The part of `MostradorApi` the e-mail side of Conciliación uses; tests give a fake. */
export type CorreoConciliacionApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
  subscribe: (name: 'correo', listener: (payload: EventPayload<'correo'>) => void) => () => void;
};

/** The rows it keeps current: Conciliación's own store. */
export type FilasConciliacion = StoreApi<{ filas: DocumentoFila[] }>;

export type NotaReenvio = { tipo: 'error' | 'ok'; texto: string } | null;

export type CorreoConciliacionState = {
  /** A «Reenviar» is on its way: the button waits. */
  enviando: boolean;
  nota: NotaReenvio;
};

export type CorreoConciliacionAcciones = {
  /** `para` empty: the last address (or the buyer's). Returns whether it was queued. */
  reenviar: (documentoId: string, para: string) => Promise<boolean>;
  cerrarNota: () => void;
};

export type CorreoConciliacionStore = ReturnType<typeof createCorreoConciliacionStore>;

/**
 * «Reenviar» and the live delivery column of Conciliación (issue 19): its own store, so the
 * screen's store only carries what the list already had; the rows it patches are that store's.
 */
export const createCorreoConciliacionStore = (
  api: CorreoConciliacionApi,
  conciliacion: FilasConciliacion,
) => {
  const poner = (documentoId: string, entrega: DocumentoFila['entrega']) =>
    conciliacion.setState((s) => ({
      filas: s.filas.map((f) => (f.id === documentoId ? { ...f, entrega } : f)),
    }));

  const store = createStore<CorreoConciliacionState & CorreoConciliacionAcciones>()((set) => ({
    enviando: false,
    nota: null,

    reenviar: async (documentoId, para) => {
      const texto = para.trim();
      // Checked here for an immediate answer; main checks the same schema again.
      if (texto !== '' && !correoSchema.safeParse(texto).success) {
        set({ nota: { tipo: 'error', texto: MENSAJE_CORREO_INVALIDO } });
        return false;
      }
      set({ enviando: true, nota: null });
      const r = await api.call('correo.reenviar', {
        id: documentoId,
        ...(texto === '' ? {} : { para: texto }),
      });
      set({ enviando: false });
      if (!r.ok) {
        set({ nota: { tipo: 'error', texto: r.error.message } });
        return false;
      }
      poner(documentoId, r.value);
      set({ nota: { tipo: 'ok', texto: `Correo en la cola para ${r.value.para}.` } });
      return true;
    },

    cerrarNota: () => set({ nota: null }),
  }));

  /** Delivery events (sent, refused, waiting) update the listed rows. */
  const escuchar = (): (() => void) =>
    api.subscribe('correo', ({ documentoId, entrega }) => {
      poner(documentoId, entrega);
      // «En la cola» is stale once the delivery moved on; an error stays until closed.
      if (entrega.estado !== 'pendiente' && store.getState().nota?.tipo === 'ok') {
        store.setState({ nota: null });
      }
    });

  return Object.assign(store, { escuchar });
};

let instancia: CorreoConciliacionStore | null = null;

/** Called once by `main.tsx` with the app's client and Conciliación's store. */
export const conectarCorreoConciliacion = (
  api: CorreoConciliacionApi,
  conciliacion: FilasConciliacion,
): CorreoConciliacionStore => {
  instancia ??= createCorreoConciliacionStore(api, conciliacion);
  instancia.escuchar();
  return instancia;
};

const sinConectar = createCorreoConciliacionStore(
  {
    call: async () => ({
      ok: false,
      error: { code: 'sin_conexion', message: 'El correo de Conciliación no está conectado.' },
    }),
    subscribe: () => () => {},
  },
  createStore<{ filas: DocumentoFila[] }>()(() => ({ filas: [] })),
);

export const correoConciliacionStore = (): CorreoConciliacionStore => instancia ?? sinConectar;

export const useCorreoConciliacion = <T>(
  selector: (s: CorreoConciliacionState & CorreoConciliacionAcciones) => T,
): T => useStore(correoConciliacionStore(), selector);
