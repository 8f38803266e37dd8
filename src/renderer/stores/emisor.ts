import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { EmisorEntrada, Secuencial, TiendaConfig } from '../../shared/contract/ajustes';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import { type AppError, err, ok, type Result } from '../../shared/result';
import { ajustesStore } from './ajustes';

/** The part of `MostradorApi` Ajustes › Emisor uses; tests give a fake. */
export type EmisorApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

export type EmisorState = {
  /** Non-blocking findings of the last change saved (e.g. a RUC check digit). */
  advertencias: readonly string[];
};

export type EmisorAcciones = {
  guardarEmisor: (
    emisor: EmisorEntrada,
    autorizacion?: AprobacionEnLinea,
  ) => Promise<AppError | null>;
  guardarPunto: (
    punto: {
      establecimiento: { codigo: string; direccion: string };
      puntoEmision: { codigo: string; descripcion: string };
    },
    autorizacion?: AprobacionEnLinea,
  ) => Promise<AppError | null>;
  cambiarAmbiente: (
    ambiente: 'pruebas' | 'produccion',
    autorizacion?: AprobacionEnLinea,
  ) => Promise<AppError | null>;
  fijarSecuencial: (
    codDoc: Secuencial['codDoc'],
    siguiente: number,
    autorizacion?: AprobacionEnLinea,
  ) => Promise<AppError | null>;
};

/** Checked before any approval is asked for: `'42'` → 42, anything else → the Spanish error. */
export const leerSecuencial = (texto: string): Result<number> => {
  const valor = texto.trim();
  const siguiente = Number(valor);
  if (!/^\d{1,9}$/.test(valor) || siguiente < 1) {
    return err('ajuste_invalido', 'El secuencial es un número de 1 a 999999999.');
  }
  return ok(siguiente);
};

export type EmisorStore = ReturnType<typeof createEmisorStore>;

const conAprobacion = (autorizacion: AprobacionEnLinea | undefined) =>
  autorizacion === undefined ? {} : { autorizacion };

/**
 * `publicar` hands each saved store configuration to whoever shows it (the Ajustes store, which
 * the welcome and the other sections read): one copy of the configuration, not two.
 */
export const createEmisorStore = (api: EmisorApi, publicar: (tienda: TiendaConfig) => void) =>
  createStore<EmisorState & EmisorAcciones>()((set) => {
    const guardar = (r: Result<TiendaConfig>): AppError | null => {
      if (!r.ok) return r.error;
      publicar(r.value);
      set({ advertencias: r.value.advertencias ?? [] });
      return null;
    };
    return {
      advertencias: [],
      guardarEmisor: async (emisor, autorizacion) =>
        guardar(
          await api.call('ajustes.guardarEmisor', { emisor, ...conAprobacion(autorizacion) }),
        ),
      guardarPunto: async ({ establecimiento, puntoEmision }, autorizacion) =>
        guardar(
          await api.call('ajustes.guardarPuntoEmision', {
            establecimiento: { ...establecimiento, nombreComercial: null },
            puntoEmision,
            ...conAprobacion(autorizacion),
          }),
        ),
      cambiarAmbiente: async (ambiente, autorizacion) =>
        guardar(
          await api.call('ajustes.cambiarAmbiente', {
            ambiente,
            // Going to producción is confirmed on screen before it is asked for.
            ...(ambiente === 'produccion' ? { confirmarProduccion: true } : {}),
            ...conAprobacion(autorizacion),
          }),
        ),
      fijarSecuencial: async (codDoc, siguiente, autorizacion) =>
        guardar(
          await api.call('ajustes.fijarSecuencial', {
            codDoc,
            siguiente,
            ...conAprobacion(autorizacion),
          }),
        ),
    };
  });

let instancia: EmisorStore | null = null;

/** Called once by `main.tsx` with the app's client. */
export const conectarEmisor = (api: EmisorApi): EmisorStore => {
  instancia ??= createEmisorStore(api, (tienda) => ajustesStore().setState({ tienda }));
  return instancia;
};

const sinConectar = createEmisorStore(
  {
    call: async () => ({
      ok: false,
      error: { code: 'sin_conexion', message: 'Ajustes › Emisor no está conectado.' },
    }),
  },
  () => {},
);

export const emisorStore = (): EmisorStore => instancia ?? sinConectar;

export const useEmisor = <T>(selector: (s: EmisorState & EmisorAcciones) => T): T =>
  useStore(emisorStore(), selector);
