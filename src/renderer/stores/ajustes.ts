import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { Local, Logo, TiendaConfig } from '../../shared/contract/ajustes';
import type { ConfiguracionBalanza } from '../../shared/contract/balanza';
import type { CertificadoEstado } from '../../shared/contract/certificado';
import type { Result } from '../../shared/result';

/** The part of `MostradorApi` Ajustes uses; tests give a fake. */
export type AjustesApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

/** Whether the first-run welcome takes the screen: only on a store with no emission point. */
export type Bienvenida = 'cargando' | 'necesaria' | 'no';

/**
 * The settings loaded together when Ajustes opens, which the welcome and the sections show. Each
 * section's changes go through its own store (`firma`, `emisor`, `local`, `balanza`,
 * `impresoras`…), which publishes the saved value here: one copy of each.
 */
export type AjustesState = {
  api: AjustesApi;
  bienvenida: Bienvenida;
  certificado: CertificadoEstado | null;
  tienda: TiendaConfig | null;
  logo: Logo | null;
  /** Restaurant (propina) and province/canton (IVA 8 % holidays). */
  local: Local | null;
  /** How scale labels are read; `configuracion: null` when the store does not use them. */
  balanza: { configuracion: ConfiguracionBalanza | null } | null;
  /**
   * The welcome's administrador step is done. Only that: the PIN is never kept (issue 15), each
   * later step asks for a single-use approval like Ajustes does.
   */
  administradorListo: boolean;
};

export type AjustesAcciones = {
  cargar: () => Promise<void>;
  empezarBienvenida: () => void;
  terminarBienvenida: () => void;
};

export type AjustesStore = ReturnType<typeof createAjustesStore>;

export const createAjustesStore = (api: AjustesApi) =>
  createStore<AjustesState & AjustesAcciones>()((set, get) => ({
    api,
    bienvenida: 'cargando',
    certificado: null,
    tienda: null,
    logo: null,
    local: null,
    balanza: null,
    administradorListo: false,
    cargar: async () => {
      const [certificado, tienda, logo, local, balanza] = await Promise.all([
        api.call('certificado.resumen', {}),
        api.call('ajustes.tienda', {}),
        api.call('ajustes.logo', {}),
        api.call('ajustes.local', {}),
        api.call('ajustes.etiquetaBalanza', {}),
      ]);
      const estado = get();
      set({
        ...(certificado.ok ? { certificado: certificado.value } : {}),
        ...(tienda.ok ? { tienda: tienda.value } : {}),
        ...(logo.ok ? { logo: logo.value } : {}),
        ...(local.ok ? { local: local.value } : {}),
        ...(balanza.ok ? { balanza: balanza.value } : {}),
        // Decided once: a welcome in progress stays until its last step, and a store that
        // cannot be read shows the normal screens (with their own errors), never a blank page.
        ...(estado.bienvenida === 'cargando'
          ? {
              bienvenida:
                tienda.ok && tienda.value.puntoEmision === null ? 'necesaria' : ('no' as const),
            }
          : {}),
      });
    },
    empezarBienvenida: () => set({ administradorListo: true }),
    terminarBienvenida: () => set({ bienvenida: 'no', administradorListo: false }),
  }));

let instancia: AjustesStore | null = null;

/** Called once by `main.tsx` with the app's client; loads what Ajustes and the welcome show. */
export const conectarAjustes = (api: AjustesApi): AjustesStore => {
  instancia ??= createAjustesStore(api);
  void instancia.getState().cargar();
  return instancia;
};

const sinConectar = createAjustesStore({
  call: async () => ({
    ok: false,
    error: { code: 'sin_conexion', message: 'Ajustes no está conectado.' },
  }),
});

export const ajustesStore = (): AjustesStore => instancia ?? sinConectar;

export const useAjustes = <T>(selector: (s: AjustesState & AjustesAcciones) => T): T =>
  useStore(ajustesStore(), selector);
