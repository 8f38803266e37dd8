import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput, EventPayload } from '../../shared/contract';
import type {
  Atascados,
  Conteos,
  CursorDocumentos,
  DocumentoFila,
  FiltroDocumentos,
  ResumenDiario,
} from '../../shared/contract/conciliacion';
import type { DocumentoDetalle } from '../../shared/contract/documentos';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import type { Result } from '../../shared/result';

/** The part of `MostradorApi` Conciliación uses; tests give a fake. */
export type ConciliacionApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
  subscribe: <E extends 'documento' | 'outbox' | 'impresion'>(
    name: E,
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
};

export type Mensaje = { tipo: 'error' | 'info'; texto: string };

export type ConciliacionState = {
  filtro: FiltroDocumentos;
  filas: DocumentoFila[];
  siguiente: CursorDocumentos | null;
  cargando: boolean;
  conteos: Conteos | null;
  resumen: ResumenDiario | null;
  puntos: { id: string; codigo: string; descripcion: string }[];
  seleccion: string | null;
  detalle: DocumentoDetalle | null;
  atascados: Atascados | null;
  mensaje: Mensaje | null;
};

export type ConciliacionAcciones = {
  /** Reloads the first page, the counts and the summary for the current filter. */
  cargar: () => Promise<void>;
  /** Next page (the virtual list asks near its end). */
  masFilas: () => Promise<void>;
  filtrar: (cambios: Partial<FiltroDocumentos>) => Promise<void>;
  seleccionar: (id: string | null) => Promise<void>;
  /**
   * Retries a document in manual review; one a supervisor put there carries a supervisor's
   * approval (issue 15 §12). Returns the Spanish error for the approval dialog, or null.
   */
  reintentar: (id: string, autorizacion?: AprobacionEnLinea) => Promise<string | null>;
  consultar: (id: string) => Promise<void>;
  /** Returns the Spanish error to show in the authorization dialog, or null when done. */
  marcar: (
    id: string,
    accion: 'revision_manual' | 'fallo_definitivo',
    motivo: string,
    autorizacion: AprobacionEnLinea,
  ) => Promise<string | null>;
  reimprimir: (id: string) => Promise<void>;
  /** Tries a print job that did not come out again (not a copy). */
  reintentarImpresion: (documentoId: string, trabajoId: number) => Promise<void>;
  exportar: () => Promise<{ nombreArchivo: string; contenido: string } | null>;
  refrescarAtascados: () => Promise<void>;
  /** Status counts of the current filter (documents move while the screen is open). */
  refrescarConteos: () => Promise<void>;
  cerrarMensaje: () => void;
};

/** Today in Ecuador (UTC−05:00 all year), `YYYY-MM-DD`. */
export const hoyEcuador = (ahora = new Date()): string =>
  new Date(ahora.getTime() - 5 * 3600_000).toISOString().slice(0, 10);

const PAGINA = 100;

export const createConciliacionStore = (api: ConciliacionApi, hoy = hoyEcuador()) => {
  // A slower answer to an older filter must not overwrite a newer one.
  let generacion = 0;
  const store = createStore<ConciliacionState & ConciliacionAcciones>()((set, get) => {
    const fallo = (texto: string) => set({ mensaje: { tipo: 'error', texto } });

    const recargarDetalle = async (id: string) => {
      const r = await api.call('documentos.obtener', { id });
      if (get().seleccion !== id) return;
      if (r.ok) set({ detalle: r.value });
      else fallo(r.error.message);
    };

    const refrescarFila = (id: string, estado: string) =>
      set((s) => ({ filas: s.filas.map((f) => (f.id === id ? { ...f, estado } : f)) }));

    return {
      filtro: { desde: hoy, hasta: hoy },
      filas: [],
      siguiente: null,
      cargando: false,
      conteos: null,
      resumen: null,
      puntos: [],
      seleccion: null,
      detalle: null,
      atascados: null,
      mensaje: null,

      cargar: async () => {
        const yo = ++generacion;
        const { filtro } = get();
        set({ cargando: true });
        const { estado: _estado, ...sinEstado } = filtro;
        const [pagina, conteos, resumen, puntos] = await Promise.all([
          api.call('conciliacion.listar', { filtro, cursor: null, limite: PAGINA }),
          api.call('conciliacion.conteos', { filtro: sinEstado }),
          api.call('conciliacion.resumen', {
            desde: filtro.desde,
            hasta: filtro.hasta,
            ...(filtro.puntoEmisionId === undefined
              ? {}
              : { puntoEmisionId: filtro.puntoEmisionId }),
          }),
          get().puntos.length > 0
            ? Promise.resolve(null)
            : api.call('conciliacion.puntosEmision', {}),
        ]);
        if (yo !== generacion) return;
        set({ cargando: false });
        if (!pagina.ok) {
          fallo(pagina.error.message);
          return;
        }
        set({
          filas: pagina.value.documentos,
          siguiente: pagina.value.siguiente,
          conteos: conteos.ok ? conteos.value : null,
          resumen: resumen.ok ? resumen.value : null,
          ...(puntos?.ok ? { puntos: puntos.value } : {}),
        });
        void get().refrescarAtascados();
      },

      masFilas: async () => {
        const { siguiente, cargando, filtro } = get();
        if (siguiente === null || cargando) return;
        const yo = generacion;
        set({ cargando: true });
        const r = await api.call('conciliacion.listar', {
          filtro,
          cursor: siguiente,
          limite: PAGINA,
        });
        if (yo !== generacion) return;
        set({ cargando: false });
        if (!r.ok) {
          fallo(r.error.message);
          return;
        }
        set((s) => ({ filas: [...s.filas, ...r.value.documentos], siguiente: r.value.siguiente }));
      },

      filtrar: async (cambios) => {
        const filtro = { ...get().filtro, ...cambios };
        // Drop cleared fields instead of sending empty strings.
        for (const clave of [
          'estado',
          'puntoEmisionId',
          'codDoc',
          'comprador',
          'correo',
        ] as const) {
          if (filtro[clave] === undefined || filtro[clave] === '') delete filtro[clave];
        }
        set({ filtro, mensaje: null });
        await get().cargar();
      },

      seleccionar: async (id) => {
        set({ seleccion: id, detalle: null });
        if (id !== null) await recargarDetalle(id);
      },

      reintentar: async (id, autorizacion) => {
        const r = await api.call(
          'conciliacion.reintentar',
          autorizacion === undefined ? { id } : { id, autorizacion },
        );
        if (!r.ok) {
          // With an approval the dialog shows it; without one, the screen's message does.
          if (autorizacion === undefined) fallo(r.error.message);
          return r.error.message;
        }
        refrescarFila(id, r.value.estado);
        set({
          mensaje: {
            tipo: 'info',
            texto: 'Reintento en curso: se consulta al SRI antes de reenviar.',
          },
        });
        await recargarDetalle(id);
        return null;
      },

      consultar: async (id) => {
        const r = await api.call('conciliacion.consultarAutorizacion', { id });
        if (!r.ok) {
          fallo(r.error.message);
          return;
        }
        set({ mensaje: { tipo: 'info', texto: 'Consultando la autorización en el SRI…' } });
      },

      marcar: async (id, accion, motivo, autorizacion) => {
        const r = await api.call('conciliacion.marcar', { id, accion, motivo, autorizacion });
        if (!r.ok) return r.error.message;
        refrescarFila(id, r.value.estado);
        set({
          mensaje: {
            tipo: 'info',
            texto:
              accion === 'revision_manual'
                ? 'El documento quedó en revisión manual.'
                : 'El documento quedó como fallido.',
          },
        });
        await recargarDetalle(id);
        void get().refrescarAtascados();
        return null;
      },

      reimprimir: async (id) => {
        const r = await api.call('conciliacion.reimprimir', { id });
        if (!r.ok) {
          fallo(r.error.message);
          return;
        }
        set({ mensaje: { tipo: 'info', texto: 'Reimpresión en la cola de impresión.' } });
        await recargarDetalle(id);
      },

      reintentarImpresion: async (documentoId, trabajoId) => {
        const r = await api.call('impresion.reintentar', { trabajoId });
        if (!r.ok) {
          fallo(r.error.message);
          return;
        }
        await recargarDetalle(documentoId);
      },

      exportar: async () => {
        const r = await api.call('conciliacion.exportarCsv', { filtro: get().filtro });
        if (!r.ok) {
          fallo(r.error.message);
          return null;
        }
        set({ mensaje: { tipo: 'info', texto: `Exportados ${r.value.filas} documentos.` } });
        return r.value;
      },

      refrescarAtascados: async () => {
        const r = await api.call('conciliacion.atascados', {});
        if (r.ok) set({ atascados: r.value });
      },

      refrescarConteos: async () => {
        const { estado: _estado, ...sinEstado } = get().filtro;
        const r = await api.call('conciliacion.conteos', { filtro: sinEstado });
        if (r.ok) set({ conteos: r.value });
      },

      cerrarMensaje: () => set({ mensaje: null }),
    };
  });

  /** Keeps rows, the open detail and the stuck-document banner live from events. */
  const escuchar = (): (() => void) => {
    let pendiente: ReturnType<typeof setTimeout> | null = null;
    // Many documents move at once when the SRI comes back: refresh the banner once.
    const refrescarPronto = () => {
      if (pendiente !== null) return;
      pendiente = setTimeout(() => {
        pendiente = null;
        void store.getState().refrescarAtascados();
        if (store.getState().conteos !== null) void store.getState().refrescarConteos();
      }, 300);
    };
    const dejarDocumento = api.subscribe('documento', ({ documentoId, estado }) => {
      store.setState((s) => ({
        filas: s.filas.map((f) => (f.id === documentoId ? { ...f, estado } : f)),
      }));
      if (store.getState().seleccion === documentoId) {
        void api.call('documentos.obtener', { id: documentoId }).then((r) => {
          if (r.ok && store.getState().seleccion === documentoId)
            store.setState({ detalle: r.value });
        });
      }
      refrescarPronto();
    });
    const dejarOutbox = api.subscribe('outbox', refrescarPronto);
    // The print column follows the queue: «Impreso», «Guardado como PDF», «No se imprimió: …».
    const dejarImpresion = api.subscribe('impresion', (impresion) => {
      const { documentoId } = impresion;
      if (documentoId === null) return;
      store.setState((s) => ({
        filas: s.filas.map((f) =>
          f.id === documentoId &&
          (f.impresion === null || f.impresion.trabajoId <= impresion.trabajoId)
            ? { ...f, impresion }
            : f,
        ),
      }));
      if (store.getState().seleccion === documentoId) {
        void api.call('documentos.obtener', { id: documentoId }).then((r) => {
          if (r.ok && store.getState().seleccion === documentoId)
            store.setState({ detalle: r.value });
        });
      }
    });
    // "Pending for more than N minutes" changes with time alone.
    const reloj = setInterval(() => void store.getState().refrescarAtascados(), 60_000);
    void store.getState().refrescarAtascados();
    return () => {
      dejarDocumento();
      dejarOutbox();
      dejarImpresion();
      clearInterval(reloj);
      if (pendiente !== null) clearTimeout(pendiente);
    };
  };

  return Object.assign(store, { escuchar });
};

export type ConciliacionStore = ReturnType<typeof createConciliacionStore>;

let actual: ConciliacionStore | null = null;

/** Creates the app's Conciliación store on the real API and starts listening to events. */
export const conectarConciliacion = (api: ConciliacionApi): ConciliacionStore => {
  actual = createConciliacionStore(api);
  actual.escuchar();
  return actual;
};

const tienda = (): ConciliacionStore => {
  if (actual === null) throw new Error('conectarConciliacion no se llamó en main.tsx');
  return actual;
};

export const useConciliacion = <T>(
  selector: (s: ConciliacionState & ConciliacionAcciones) => T,
): T => useStore(tienda(), selector);
