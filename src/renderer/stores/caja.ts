import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput, EventPayload } from '../../shared/contract';
import type { Conteo, ReporteZ, Turno } from '../../shared/contract/caja';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import type { AppError, Result } from '../../shared/result';
import { formatoDolares } from '../screens/cobro/dinero';

/** The part of `MostradorApi` the Caja screen uses; tests give a fake. */
export type CajaApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
  subscribe: <E extends 'documento' | 'outbox'>(
    name: E,
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
};

export type Cierre = { reporte: ReporteZ; impresion: { trabajoId: number } | { error: string } };

export type CajaState = {
  turno: Turno | null;
  pendientesSri: number;
  usuario: string | null;
  /** The difference a cashier may close with alone; beyond it, a supervisor. */
  toleranciaCentavos: number;
  cargado: boolean;
  /** The shift just closed: its Z report stays on screen until a new shift opens. */
  cierre: Cierre | null;
  mensaje: { tipo: 'error' | 'info'; texto: string } | null;
};

export type CajaAcciones = {
  cargar: () => Promise<void>;
  abrir: (fondoCentavos: number) => Promise<void>;
  /** Returns the Spanish error (for the authorization dialog or the form), or null when done. */
  movimiento: (input: {
    tipo: 'entrada' | 'salida';
    montoCentavos: number;
    motivo: string;
    autorizacion?: AprobacionEnLinea;
  }) => Promise<string | null>;
  /** The error (its code tells a needed authorization apart), or null when closed. */
  cerrar: (
    conteo: Conteo,
    aunConPendientes: boolean,
    autorizacion?: AprobacionEnLinea,
  ) => Promise<AppError | null>;
  /** The store's closing margin, approved by an administrador: the Spanish error, or null. */
  fijarTolerancia: (
    toleranciaCentavos: number,
    autorizacion: AprobacionEnLinea,
  ) => Promise<string | null>;
  pdfZ: (turnoId: string) => Promise<{ nombreArchivo: string; pdfBase64: string } | null>;
  reimprimirZ: (turnoId: string) => Promise<void>;
  cerrarMensaje: () => void;
};

export const createCajaStore = (api: CajaApi) => {
  const store = createStore<CajaState & CajaAcciones>()((set, get) => ({
    turno: null,
    pendientesSri: 0,
    usuario: null,
    toleranciaCentavos: 0,
    cargado: false,
    cierre: null,
    mensaje: null,

    cargar: async () => {
      const r = await api.call('caja.estado', {});
      if (!r.ok) {
        set({ mensaje: { tipo: 'error', texto: r.error.message } });
        return;
      }
      set({ ...r.value, cargado: true });
    },

    abrir: async (fondoCentavos) => {
      const r = await api.call('caja.abrir', { fondoCentavos });
      if (!r.ok) {
        set({ mensaje: { tipo: 'error', texto: r.error.message } });
        return;
      }
      set({
        turno: r.value,
        cierre: null,
        mensaje: {
          tipo: 'info',
          texto: `Turno ${r.value.numero} abierto con ${formatoDolares(fondoCentavos)} de fondo.`,
        },
      });
    },

    movimiento: async (input) => {
      const r = await api.call('caja.movimiento', input);
      if (!r.ok) return r.error.message;
      set({
        turno: r.value,
        mensaje: {
          tipo: 'info',
          texto: input.tipo === 'entrada' ? 'Entrada registrada.' : 'Salida registrada.',
        },
      });
      return null;
    },

    cerrar: async (conteo, aunConPendientes, autorizacion) => {
      const r = await api.call('caja.cerrar', {
        conteo,
        aunConPendientes,
        ...(autorizacion === undefined ? {} : { autorizacion }),
      });
      if (!r.ok) return r.error;
      set({
        cierre: r.value,
        turno: null,
        mensaje: {
          tipo: 'info',
          texto:
            'trabajoId' in r.value.impresion
              ? `Turno ${r.value.reporte.turno.numero} cerrado. El reporte Z está en la cola de impresión.`
              : `Turno ${r.value.reporte.turno.numero} cerrado. No se pudo imprimir el reporte Z: ${r.value.impresion.error}`,
        },
      });
      await get().cargar();
      return null;
    },

    fijarTolerancia: async (toleranciaCentavos, autorizacion) => {
      const r = await api.call('caja.fijarTolerancia', { toleranciaCentavos, autorizacion });
      if (!r.ok) return r.error.message;
      set({
        toleranciaCentavos: r.value.toleranciaCentavos,
        mensaje: {
          tipo: 'info',
          texto: `Margen de diferencia al cerrar: ${formatoDolares(r.value.toleranciaCentavos)}.`,
        },
      });
      return null;
    },

    pdfZ: async (turnoId) => {
      const r = await api.call('caja.reporteZPdf', { turnoId });
      if (r.ok) return r.value;
      set({ mensaje: { tipo: 'error', texto: r.error.message } });
      return null;
    },

    reimprimirZ: async (turnoId) => {
      const r = await api.call('caja.imprimirReporteZ', { turnoId });
      set({
        mensaje: r.ok
          ? { tipo: 'info', texto: 'Reporte Z en la cola de impresión.' }
          : { tipo: 'error', texto: r.error.message },
      });
    },

    cerrarMensaje: () => set({ mensaje: null }),
  }));

  /** Sales move the expected cash and the queue: refresh while something is loaded. */
  const escuchar = (): (() => void) => {
    let pendiente: ReturnType<typeof setTimeout> | null = null;
    const pronto = () => {
      if (pendiente !== null || !store.getState().cargado) return;
      pendiente = setTimeout(() => {
        pendiente = null;
        void store.getState().cargar();
      }, 400);
    };
    const a = api.subscribe('documento', pronto);
    const b = api.subscribe('outbox', pronto);
    return () => {
      a();
      b();
      if (pendiente !== null) clearTimeout(pendiente);
    };
  };
  return Object.assign(store, { escuchar });
};

export type CajaStore = ReturnType<typeof createCajaStore>;

let actual: CajaStore | null = null;

export const conectarCaja = (api: CajaApi): CajaStore => {
  actual = createCajaStore(api);
  actual.escuchar();
  return actual;
};

export const useCaja = <T>(selector: (s: CajaState & CajaAcciones) => T): T => {
  if (actual === null) throw new Error('conectarCaja no se llamó en main.tsx');
  return useStore(actual, selector);
};
