/**
 * Ajustes › Firma electrónica: importing, replacing, unlocking and removing the .p12, and the
 * administrador's confirmation of a certificate of another RUC. The section's forms keep only
 * what is typed; every call, its "enviando" and its note live here.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { CertificadoEstado, ModoDesbloqueo } from '../../shared/contract/certificado';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import { type AppError, err, ok, type Result } from '../../shared/result';
import { ajustesStore } from './ajustes';
import { type Desenlace, type Nota, notaDe } from './nota';

/** The part of `MostradorApi` Ajustes › Firma uses; tests give a fake. */
export type FirmaApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

export type { Desenlace } from './nota';

export type NotaFirma = Nota;

/**
 * The section's three forms, each with its own note and button: the import (which also removes
 * the firma), the unlock prompt and the other-RUC confirmation.
 */
export type FormularioFirma = 'firma' | 'desbloqueo' | 'otroRuc';

export type FirmaState = {
  notas: Readonly<Record<FormularioFirma, NotaFirma>>;
  enviando: Readonly<Record<FormularioFirma, boolean>>;
};

export type FirmaAcciones = {
  /**
   * Runs one action of a form (usually wrapped in the approval dialog) and shows its outcome
   * under that form; a second press while it runs does nothing. Answers the outcome, so the form
   * clears what was typed only when it was done.
   */
  hacer: (
    formulario: FormularioFirma,
    accion: () => Promise<Desenlace>,
    exito: string,
  ) => Promise<Desenlace>;
  importar: (
    p12: { p12Base64: string; password: string; modo: ModoDesbloqueo },
    autorizacion?: AprobacionEnLinea,
  ) => Promise<AppError | null>;
  desbloquear: (password: string) => Promise<AppError | null>;
  /** The administrador types both RUCs; main checks them and audits the confirmation. */
  confirmarOtroRuc: (
    rucs: { rucCertificado: string; rucEmisor: string },
    autorizacion?: AprobacionEnLinea,
  ) => Promise<AppError | null>;
  quitar: (autorizacion?: AprobacionEnLinea) => Promise<AppError | null>;
  /** A form shown again starts without the note of an earlier visit, as it always did. */
  olvidarNota: (formulario: FormularioFirma) => void;
};

/** Checked before any approval is asked for: the file the person picked, or the Spanish error. */
export const archivoElegido = <T>(archivo: T | undefined): Result<T> =>
  archivo === undefined
    ? err('ajuste_invalido', 'Elija el archivo de la firma electrónica (.p12 o .pfx).')
    : ok(archivo);

export type FirmaStore = ReturnType<typeof createFirmaStore>;

const conAprobacion = (autorizacion: AprobacionEnLinea | undefined) =>
  autorizacion === undefined ? {} : { autorizacion };

const ninguno = { firma: false, desbloqueo: false, otroRuc: false } as const;

/**
 * `publicar` hands each new state of the certificate to whoever shows it (the Ajustes store,
 * which the welcome and the warnings read): one copy, not two.
 */
export const createFirmaStore = (api: FirmaApi, publicar: (c: CertificadoEstado) => void) =>
  createStore<FirmaState & FirmaAcciones>()((set, get) => {
    const aplicar = (r: Result<CertificadoEstado>): AppError | null => {
      if (!r.ok) return r.error;
      publicar(r.value);
      return null;
    };
    const poner = (formulario: FormularioFirma, enviando: boolean, nota: NotaFirma) =>
      set({
        enviando: { ...get().enviando, [formulario]: enviando },
        notas: { ...get().notas, [formulario]: nota },
      });
    return {
      notas: { firma: null, desbloqueo: null, otroRuc: null },
      enviando: ninguno,

      hacer: async (formulario, accion, exito) => {
        if (get().enviando[formulario]) return 'cancelado';
        poner(formulario, true, null);
        let desenlace: Desenlace = 'cancelado';
        try {
          desenlace = await accion();
        } finally {
          poner(formulario, false, notaDe(desenlace, exito));
        }
        return desenlace;
      },

      importar: async ({ p12Base64, password, modo }, autorizacion) =>
        aplicar(
          await api.call('certificado.importar', {
            p12Base64,
            password,
            modo,
            ...conAprobacion(autorizacion),
          }),
        ),

      desbloquear: async (password) =>
        aplicar(await api.call('certificado.desbloquear', { password })),

      confirmarOtroRuc: async ({ rucCertificado, rucEmisor }, autorizacion) =>
        aplicar(
          await api.call('certificado.confirmarOtroRuc', {
            rucCertificado: rucCertificado.trim() === '' ? null : rucCertificado.trim(),
            rucEmisor: rucEmisor.trim(),
            ...conAprobacion(autorizacion),
          }),
        ),

      quitar: async (autorizacion) =>
        aplicar(
          await api.call('certificado.eliminar', {
            confirmar: true,
            ...conAprobacion(autorizacion),
          }),
        ),

      olvidarNota: (formulario) => set({ notas: { ...get().notas, [formulario]: null } }),
    };
  });

let instancia: FirmaStore | null = null;

/** Called once by `main.tsx` with the app's client. */
export const conectarFirma = (api: FirmaApi): FirmaStore => {
  instancia ??= createFirmaStore(api, (certificado) => ajustesStore().setState({ certificado }));
  return instancia;
};

const sinConectar = createFirmaStore(
  {
    call: async () => ({
      ok: false,
      error: { code: 'sin_conexion', message: 'Ajustes › Firma no está conectado.' },
    }),
  },
  () => {},
);

export const firmaStore = (): FirmaStore => instancia ?? sinConectar;

export const useFirma = <T>(selector: (s: FirmaState & FirmaAcciones) => T): T =>
  useStore(firmaStore(), selector);
