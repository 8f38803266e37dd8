import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AppEstado } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import type { Cliente, ConexionLocal } from '../api';
import { type PantallaId, pantallaInicial } from '../pantallas';
import type { AvisosStore } from './avisos';

export type Carga = { tipo: 'cargando' } | { tipo: 'lista' } | { tipo: 'fallida'; error: AppError };

/** App-level state shown in the frame: fed by `app.estado` at start and by events after. */
export type AppState = {
  carga: Carga;
  version: string | null;
  ambiente: AppEstado['ambiente'] | null;
  backendSri: AppEstado['backendSri'] | null;
  /** Whether the SRI answers; null until known. */
  enLinea: boolean | null;
  /** Documents waiting to reach the SRI; null until known. */
  outboxPendientes: number | null;
  ultimoErrorSri: string | null;
  /** The machine's clock against the SRI's; null until known. */
  relojSri: NonNullable<AppEstado['relojSri']> | null;
  /** Who emits from this counter; null until onboarding configures it (or not yet known). */
  tienda: AppEstado['tienda'];
  /** The channel to the local service (browser host) or main process (Electron). */
  conexionLocal: ConexionLocal;
  pantalla: PantallaId;
  ayudaAbierta: boolean;
  irA: (pantalla: PantallaId) => void;
  alternarAyuda: () => void;
  cerrarAyuda: () => void;
};

export const createAppStore = () =>
  createStore<AppState>()((set) => ({
    carga: { tipo: 'cargando' },
    version: null,
    ambiente: null,
    backendSri: null,
    enLinea: null,
    outboxPendientes: null,
    ultimoErrorSri: null,
    relojSri: null,
    tienda: null,
    conexionLocal: 'conectando',
    pantalla: pantallaInicial,
    ayudaAbierta: false,
    irA: (pantalla) => set({ pantalla, ayudaAbierta: false }),
    alternarAyuda: () => set((state) => ({ ayudaAbierta: !state.ayudaAbierta })),
    cerrarAyuda: () => set({ ayudaAbierta: false }),
  }));

export type AppStore = ReturnType<typeof createAppStore>;

export const appStore: AppStore = createAppStore();

export const useApp = <T>(selector: (state: AppState) => T): T => useStore(appStore, selector);

/**
 * Feeds the store from the service: subscribes to `conectividad` and `outbox` first (so no
 * event is lost), then asks `app.estado`; asks again whenever the channel comes back, since
 * events sent while it was down are gone. A value from an event newer than the `app.estado`
 * request wins over the answer. Returns the function that stops it all, and `recargar`.
 */
export const conectarApp = (
  cliente: Pick<Cliente, 'api' | 'onConexion'>,
  store: AppStore,
  avisos: AvisosStore,
): { desconectar: () => void; recargar: () => Promise<void> } => {
  let eventosConectividad = 0;
  let eventosOutbox = 0;
  let eventosReloj = 0;
  let activo = true;

  const recargar = async (): Promise<void> => {
    const conectividadAntes = eventosConectividad;
    const outboxAntes = eventosOutbox;
    const relojAntes = eventosReloj;
    if (store.getState().carga.tipo !== 'lista') store.setState({ carga: { tipo: 'cargando' } });
    const estado = await cliente.api.call('app.estado', {});
    if (!activo) return;
    if (!estado.ok) {
      // Keep the last known values on screen: stale but labelled is better than blank.
      if (store.getState().carga.tipo !== 'lista') {
        store.setState({ carga: { tipo: 'fallida', error: estado.error } });
      }
      avisos.getState().avisar(estado.error);
      return;
    }
    const v = estado.value;
    store.setState({
      carga: { tipo: 'lista' },
      version: v.version,
      ambiente: v.ambiente,
      backendSri: v.backendSri,
      tienda: v.tienda,
      ...(eventosConectividad === conectividadAntes ? { enLinea: v.enLinea } : {}),
      ...(eventosReloj === relojAntes ? { relojSri: v.relojSri ?? null } : {}),
      ...(eventosOutbox === outboxAntes
        ? { outboxPendientes: v.outboxPendientes, ultimoErrorSri: v.ultimoErrorSri }
        : {}),
    });
  };

  const dejarConectividad = cliente.api.subscribe('conectividad', ({ enLinea }) => {
    eventosConectividad += 1;
    store.setState({ enLinea });
  });
  const dejarOutbox = cliente.api.subscribe('outbox', ({ pendientes, ultimoErrorSri }) => {
    eventosOutbox += 1;
    store.setState({ outboxPendientes: pendientes, ultimoErrorSri });
  });
  const dejarReloj = cliente.api.subscribe('relojSri', (relojSri) => {
    eventosReloj += 1;
    store.setState({ relojSri });
  });
  let anterior: ConexionLocal | null = null;
  const dejarConexion = cliente.onConexion((conexionLocal) => {
    store.setState({ conexionLocal });
    if (conexionLocal === 'conectado' && anterior === 'reconectando') void recargar();
    anterior = conexionLocal;
  });
  void recargar();

  return {
    recargar,
    desconectar: () => {
      activo = false;
      dejarConectividad();
      dejarOutbox();
      dejarReloj();
      dejarConexion();
    },
  };
};
