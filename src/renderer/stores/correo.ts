import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { CorreoEstado, ProveedorCorreo, SeguridadCorreo } from '../../shared/contract/correo';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import type { AppError, Result } from '../../shared/result';
import { type Desenlace, type Nota, notaDe } from './nota';

/** The part of `MostradorApi` Ajustes › Correo uses; tests give a fake. */
export type CorreoApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

export type { Desenlace } from './nota';

export type NotaCorreo = Nota;

/** What the person typed in the form; the password only when they typed a new one. */
export type FormularioCorreo = {
  servidor: string;
  puerto: string;
  seguridad: SeguridadCorreo;
  usuario: string;
  contrasena: string;
  remitenteNombre: string;
  remitenteCorreo: string;
  proveedor: ProveedorCorreo;
};

export type CorreoState = {
  estado: CorreoEstado | null;
  nota: NotaCorreo;
  ocupado: boolean;
};

export type CorreoAcciones = {
  cargar: () => Promise<void>;
  /** Runs one action (usually inside the approval dialog), shows its outcome and reloads. */
  hacer: (accion: () => Promise<Desenlace>, exito: string | (() => string)) => Promise<void>;
  guardar: (f: FormularioCorreo, autorizacion?: AprobacionEnLinea) => Promise<AppError | null>;
  eliminar: (autorizacion?: AprobacionEnLinea) => Promise<AppError | null>;
  /** «Enviar prueba»: the server's answer becomes the note (ok or error), in Spanish. */
  probar: (para: string, autorizacion?: AprobacionEnLinea) => Promise<Result<string>>;
};

export type CorreoStore = ReturnType<typeof createCorreoStore>;

const conAprobacion = (autorizacion: AprobacionEnLinea | undefined) =>
  autorizacion === undefined ? {} : { autorizacion };

const vacioANull = (texto: string): string | null => (texto.trim() === '' ? null : texto.trim());

/** The form as the saved settings show it (the password is never shown, only typed anew). */
export const formularioDe = (e: CorreoEstado | null): FormularioCorreo => ({
  servidor: e?.servidor ?? '',
  puerto: e?.puerto === null || e?.puerto === undefined ? '587' : String(e.puerto),
  seguridad: e?.seguridad ?? 'starttls',
  usuario: e?.usuario ?? '',
  contrasena: '',
  remitenteNombre: e?.remitenteNombre ?? '',
  remitenteCorreo: e?.remitenteCorreo ?? '',
  proveedor: e?.proveedor ?? 'smtp',
});

export const createCorreoStore = (api: CorreoApi) =>
  createStore<CorreoState & CorreoAcciones>()((set, get) => ({
    estado: null,
    nota: null,
    ocupado: false,

    cargar: async () => {
      const r = await api.call('correo.estado', {});
      if (r.ok) set({ estado: r.value });
      else set({ nota: { tipo: 'error', texto: r.error.message } });
    },

    hacer: async (accion, exito) => {
      set({ ocupado: true, nota: null });
      try {
        const desenlace = await accion();
        const texto = typeof exito === 'string' ? exito : exito();
        set({
          nota: notaDe(desenlace, texto),
        });
        await get().cargar();
      } finally {
        set({ ocupado: false });
      }
    },

    guardar: async (f, autorizacion) => {
      const usuario = vacioANull(f.usuario);
      const r = await api.call('correo.configurar', {
        servidor: f.servidor.trim(),
        // Main checks the range again; a non-number reaches it as NaN and is refused there.
        puerto: Number(f.puerto.trim()),
        seguridad: f.seguridad,
        usuario,
        ...(usuario !== null && f.contrasena !== '' ? { contrasena: f.contrasena } : {}),
        remitenteNombre: vacioANull(f.remitenteNombre),
        remitenteCorreo: f.remitenteCorreo.trim(),
        proveedor: f.proveedor,
        ...conAprobacion(autorizacion),
      });
      if (!r.ok) return r.error;
      set({ estado: r.value });
      return null;
    },

    eliminar: async (autorizacion) => {
      const r = await api.call('correo.eliminar', {
        confirmar: true,
        ...conAprobacion(autorizacion),
      });
      if (!r.ok) return r.error;
      set({ estado: r.value });
      return null;
    },

    probar: async (para, autorizacion) => {
      const r = await api.call('correo.probar', {
        para: para.trim(),
        ...conAprobacion(autorizacion),
      });
      if (!r.ok) return r;
      return r.value.exito
        ? { ok: true, value: r.value.mensaje }
        : { ok: false, error: { code: 'correo_config', message: r.value.mensaje } };
    },
  }));

let instancia: CorreoStore | null = null;

/** Called once by `main.tsx` with the app's client; the section loads when it is shown. */
export const conectarCorreo = (api: CorreoApi): CorreoStore => {
  instancia ??= createCorreoStore(api);
  return instancia;
};

const sinConectar = createCorreoStore({
  call: async () => ({
    ok: false,
    error: { code: 'sin_conexion', message: 'Ajustes › Correo no está conectado.' },
  }),
});

export const correoStore = (): CorreoStore => instancia ?? sinConectar;

export const useCorreo = <T>(selector: (s: CorreoState & CorreoAcciones) => T): T =>
  useStore(correoStore(), selector);
