import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput, EventPayload } from '../../shared/contract';
import type { AprobacionEnLinea, RolUsuario, Usuario } from '../../shared/contract/sesion';
import type { AppError, Result } from '../../shared/result';

/** The part of `MostradorApi` the session uses; tests give a fake. */
export type SesionApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
  subscribe: (name: 'sesion', listener: (payload: EventPayload<'sesion'>) => void) => () => void;
};

export type SesionState = {
  /** False until `sesion.actual` answered: the login is not flashed before we know. */
  cargada: boolean;
  usuario: Usuario | null;
  usuarios: readonly Usuario[];
  /** «Cambiar usuario» open while someone is logged in. */
  cambiando: boolean;
  /** Who was at the counter last (still, or before a logout): the login starts on them. */
  ultimoUsuario: string | null;
  /** Who approved last in any approval dialog: the next one starts on them. Never the PIN. */
  ultimoAprobador: string | null;
};

export type SesionAcciones = {
  recargar: () => Promise<void>;
  /** Logs in; returns the Spanish error to show, or null. */
  iniciar: (usuarioId: string, pin: string) => Promise<AppError | null>;
  cerrar: () => Promise<void>;
  abrirCambio: () => void;
  cancelarCambio: () => void;
  recordarAprobador: (usuarioId: string) => void;
  /** User management, each authorized by an administrador: the error to show, or null. */
  crearUsuario: (
    usuario: { nombre: string; rol: RolUsuario; pin: string },
    autorizacion: AprobacionEnLinea,
  ) => Promise<AppError | null>;
  cambiarPin: (
    usuarioId: string,
    pin: string,
    autorizacion: AprobacionEnLinea,
  ) => Promise<AppError | null>;
  desactivar: (usuarioId: string, autorizacion: AprobacionEnLinea) => Promise<AppError | null>;
};

const ORDEN: readonly RolUsuario[] = ['cajero', 'supervisor', 'administrador'];

/** @example alcanzaRol('supervisor', 'cajero') // true */
export const alcanzaRol = (rol: RolUsuario, minimo: RolUsuario): boolean =>
  ORDEN.indexOf(rol) >= ORDEN.indexOf(minimo);

export const ROL_TEXTO: Record<RolUsuario, string> = {
  cajero: 'Cajero',
  supervisor: 'Supervisor',
  administrador: 'Administrador',
};

/** The state for a new user at the counter: who it is, and the memory of who was. */
const conUsuario = (usuario: Usuario | null) =>
  usuario === null ? { usuario } : { usuario, ultimoUsuario: usuario.id };

export const createSesionStore = (api: SesionApi) => {
  const store = createStore<SesionState & SesionAcciones>()((set, get) => ({
    cargada: false,
    usuario: null,
    usuarios: [],
    cambiando: false,
    ultimoUsuario: null,
    ultimoAprobador: null,
    recargar: async () => {
      const [actual, usuarios] = await Promise.all([
        api.call('sesion.actual', {}),
        api.call('usuarios.listar', {}),
      ]);
      set({
        cargada: actual.ok || get().cargada,
        ...(actual.ok ? conUsuario(actual.value.usuario) : {}),
        ...(usuarios.ok ? { usuarios: usuarios.value } : {}),
      });
    },
    iniciar: async (usuarioId, pin) => {
      const r = await api.call('sesion.iniciar', { usuarioId, pin });
      if (!r.ok) return r.error;
      set({ ...conUsuario(r.value.usuario), cambiando: false });
      return null;
    },
    cerrar: async () => {
      const r = await api.call('sesion.cerrar', {});
      if (r.ok) set({ ...conUsuario(r.value.usuario), cambiando: false });
    },
    abrirCambio: () => {
      set({ cambiando: true });
      void get().recargar();
    },
    cancelarCambio: () => set({ cambiando: false }),
    recordarAprobador: (usuarioId) => set({ ultimoAprobador: usuarioId }),
    crearUsuario: async (usuario, autorizacion) => {
      const r = await api.call('usuarios.crear', { ...usuario, autorizacion });
      await get().recargar();
      return r.ok ? null : r.error;
    },
    cambiarPin: async (usuarioId, pin, autorizacion) => {
      const r = await api.call('usuarios.cambiarPin', { usuarioId, pin, autorizacion });
      return r.ok ? null : r.error;
    },
    desactivar: async (usuarioId, autorizacion) => {
      const r = await api.call('usuarios.desactivar', { usuarioId, autorizacion });
      await get().recargar();
      return r.ok ? null : r.error;
    },
  }));
  // Main changed the user (another window, a deactivation, the first administrador created in
  // Ajustes): follow it, and refresh the list, which may have a new user.
  api.subscribe('sesion', ({ usuario }) => {
    store.setState({ ...conUsuario(usuario), cargada: true });
    void store.getState().recargar();
  });
  return store;
};

export type SesionStore = ReturnType<typeof createSesionStore>;

let store: SesionStore | null = null;

/** Called once by `main.tsx` with the app's client; loads the session and the users. */
export const conectarSesion = (api: SesionApi): SesionStore => {
  store = createSesionStore(api);
  void store.getState().recargar();
  return store;
};

const sinConectar = createSesionStore({
  call: async () => ({
    ok: false,
    error: { code: 'sin_conexion', message: 'La sesión no está conectada.' },
  }),
  subscribe: () => () => {},
});

export const useSesion = <T>(selector: (s: SesionState & SesionAcciones) => T): T =>
  useStore(store ?? sinConectar, selector);
