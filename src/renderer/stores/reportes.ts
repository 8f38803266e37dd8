import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { Exportacion } from '../../shared/contract/mantenimiento';
import type { Reporte, ResumenTributario } from '../../shared/contract/reportes';
import {
  type Comparacion,
  hoyEnEcuador,
  type Periodo,
  type Rango,
  rangoDePeriodo,
} from '../../shared/periodos';
import type { Result } from '../../shared/result';

/** The part of `MostradorApi` Reportes uses; tests give a fake. */
export type ReportesApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

export type Mensaje = { tipo: 'error' | 'info'; texto: string };

export type ReportesState = {
  periodo: Periodo;
  rango: Rango;
  /** Emission point id, or null for every point in this database. */
  punto: string | null;
  /** This terminal's emission point (the default), once known. */
  puntoPropio: string | null;
  puntos: { id: string; codigo: string; descripcion: string }[];
  comparar: Comparacion;
  /** `AAAA-MM` of the tax summary. */
  mes: string;
  reporte: Reporte | null;
  tributario: ResumenTributario | null;
  cargando: boolean;
  exportando: 'xlsx' | 'pdf' | null;
  mensaje: Mensaje | null;
};

export type ReportesAcciones = {
  /** Loads the emission points (picking this terminal's) and the reports. */
  iniciar: (codigoPropio: string | null) => Promise<void>;
  elegirPeriodo: (periodo: Periodo) => Promise<void>;
  elegirRango: (rango: Partial<Rango>) => Promise<void>;
  elegirPunto: (punto: string | null) => Promise<void>;
  elegirComparacion: (comparar: Comparacion) => Promise<void>;
  elegirMes: (mes: string) => Promise<void>;
  cargar: () => Promise<void>;
  /** Writes the file in main; in the browser its bytes come back to be downloaded. */
  exportar: (formato: 'xlsx' | 'pdf', descargar: boolean) => Promise<Exportacion | null>;
  cerrarMensaje: () => void;
};

export const createReportesStore = (api: ReportesApi, hoy = () => hoyEnEcuador(new Date())) => {
  // A slower answer to an older choice must not overwrite a newer one.
  let generacion = 0;
  const store = createStore<ReportesState & ReportesAcciones>()((set, get) => {
    const filtro = () => {
      const s = get();
      return {
        desde: s.rango.desde,
        hasta: s.rango.hasta,
        comparar: s.comparar,
        ...(s.punto === null ? {} : { puntoEmisionId: s.punto }),
      };
    };
    const cargarTributario = async () => {
      const { mes, punto } = get();
      const r = await api.call('reportes.tributario', {
        mes,
        ...(punto === null ? {} : { puntoEmisionId: punto }),
      });
      if (r.ok) set({ tributario: r.value });
      else set({ tributario: null, mensaje: { tipo: 'error', texto: r.error.message } });
    };
    const inicial = rangoDePeriodo('hoy', hoy());
    return {
      periodo: 'hoy',
      rango: inicial,
      punto: null,
      puntoPropio: null,
      puntos: [],
      comparar: 'semana',
      mes: inicial.hasta.slice(0, 7),
      reporte: null,
      tributario: null,
      cargando: false,
      exportando: null,
      mensaje: null,

      iniciar: async (codigoPropio) => {
        const r = await api.call('conciliacion.puntosEmision', {});
        if (r.ok) {
          const propio = r.value.find((p) => p.codigo === codigoPropio)?.id ?? null;
          set({ puntos: r.value, puntoPropio: propio, punto: get().punto ?? propio });
        }
        await get().cargar();
      },
      elegirPeriodo: async (periodo) => {
        if (periodo === 'rango') {
          set({ periodo });
          return;
        }
        const rango = rangoDePeriodo(periodo, hoy());
        // Comparing a month with the month before reads better than with the week before.
        const comparar: Comparacion =
          periodo === 'mes' || periodo === 'mes_anterior' ? 'mes' : get().comparar;
        set({ periodo, rango, comparar, mes: rango.hasta.slice(0, 7) });
        await get().cargar();
      },
      elegirRango: async (cambio) => {
        const rango = { ...get().rango, ...cambio };
        set({ periodo: 'rango', rango, mes: rango.hasta.slice(0, 7) });
        if (rango.desde > rango.hasta) {
          set({ mensaje: { tipo: 'error', texto: 'La fecha inicial es posterior a la final.' } });
          return;
        }
        await get().cargar();
      },
      elegirPunto: async (punto) => {
        set({ punto });
        await get().cargar();
      },
      elegirComparacion: async (comparar) => {
        set({ comparar });
        await get().cargar();
      },
      elegirMes: async (mes) => {
        set({ mes });
        await cargarTributario();
      },
      cargar: async () => {
        const yo = ++generacion;
        set({ cargando: true, mensaje: null });
        const [r] = await Promise.all([
          api.call('reportes.generar', { filtro: filtro() }),
          cargarTributario(),
        ]);
        if (yo !== generacion) return;
        set({ cargando: false });
        if (r.ok) set({ reporte: r.value });
        else set({ reporte: null, mensaje: { tipo: 'error', texto: r.error.message } });
      },
      exportar: async (formato, descargar) => {
        set({ exportando: formato, mensaje: null });
        const r = await api.call('reportes.exportar', { filtro: filtro(), formato, descargar });
        set({ exportando: null });
        if (!r.ok) {
          set({ mensaje: { tipo: 'error', texto: r.error.message } });
          return null;
        }
        set({ mensaje: { tipo: 'info', texto: `Archivo guardado en ${r.value.archivo}.` } });
        return r.value;
      },
      cerrarMensaje: () => set({ mensaje: null }),
    };
  });
  return store;
};

export type ReportesStore = ReturnType<typeof createReportesStore>;

let actual: ReportesStore | null = null;

/** Creates the app's Reportes store on the real API. */
export const conectarReportes = (api: ReportesApi): ReportesStore => {
  actual = createReportesStore(api);
  return actual;
};

const tienda = (): ReportesStore => {
  if (actual === null) throw new Error('conectarReportes no se llamó en main.tsx');
  return actual;
};

export const useReportes = <T>(selector: (s: ReportesState & ReportesAcciones) => T): T =>
  useStore(tienda(), selector);
