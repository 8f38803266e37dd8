import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput, EventPayload } from '../../shared/contract';
import type {
  FacturaEncontrada,
  FacturaParaNota,
  NotaEmitida,
} from '../../shared/contract/notasCredito';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import type { FormaPagoCaja, Totales } from '../../shared/contract/ventas';
import { esRechazoDeAprobacion } from '../../shared/errores';
import type { Result } from '../../shared/result';
import { cantidadTexto, parseCantidadMicros } from '../screens/cobro/dinero';

/** The part of `MostradorApi` this screen uses; tests give a fake. */
export type NotasCreditoApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
  subscribe: (
    name: 'documento',
    listener: (payload: EventPayload<'documento'>) => void,
  ) => () => void;
};

export type Mensaje = { tipo: 'error' | 'info'; texto: string };

export type NotasCreditoState = {
  texto: string;
  fecha: string;
  resultados: readonly FacturaEncontrada[] | null;
  buscando: boolean;
  factura: FacturaParaNota | null;
  /** What the cashier typed per factura line number; empty = not returned. */
  cantidades: Readonly<Record<number, string>>;
  motivo: string;
  reembolso: FormaPagoCaja;
  totales: Totales | null;
  /** The supervisor dialog is open. */
  autorizando: boolean;
  emitida: NotaEmitida | null;
  /** Live SRI status of the emitted note. */
  estadoEmitida: string | null;
  mensaje: Mensaje | null;
  /** Per-line problems (quantity over what is left, not a number). */
  erroresLinea: Readonly<Record<number, string>>;
};

export type NotasCreditoAcciones = {
  setTexto: (texto: string) => void;
  setFecha: (fecha: string) => void;
  buscar: () => Promise<void>;
  abrir: (facturaId: string) => Promise<void>;
  volver: () => void;
  setCantidad: (linea: number, texto: string) => void;
  devolverTodo: () => void;
  setMotivo: (motivo: string) => void;
  setReembolso: (reembolso: FormaPagoCaja) => void;
  /** Checks the form; opens the supervisor dialog when it is complete. */
  pedirAutorizacion: () => void;
  cancelarAutorizacion: () => void;
  /** Emits with the supervisor's PIN; the Spanish error to show in the dialog, or null. */
  emitir: (autorizacion: AprobacionEnLinea) => Promise<string | null>;
  nueva: () => void;
};

export type NotasCreditoStore = ReturnType<typeof createNotasCreditoStore>;

const inicial = (): NotasCreditoState => ({
  texto: '',
  fecha: '',
  resultados: null,
  buscando: false,
  factura: null,
  cantidades: {},
  motivo: '',
  reembolso: '01',
  totales: null,
  autorizando: false,
  emitida: null,
  estadoEmitida: null,
  mensaje: null,
  erroresLinea: {},
});

/** Lines with a quantity typed, as the contract wants them. */
export const lineasPedidas = (
  cantidades: Readonly<Record<number, string>>,
): { linea: number; cantidad: string }[] =>
  Object.entries(cantidades).flatMap(([linea, texto]) => {
    const micros = parseCantidadMicros(texto);
    return micros === null ? [] : [{ linea: Number(linea), cantidad: cantidadTexto(micros) }];
  });

const esCero = (texto: string): boolean => /^0*([.,]0*)?$/.test(texto.trim());

const erroresDe = (factura: FacturaParaNota, cantidades: Readonly<Record<number, string>>) => {
  const errores: Record<number, string> = {};
  for (const [clave, texto] of Object.entries(cantidades)) {
    if (esCero(texto)) continue;
    const linea = factura.lineas.find((l) => l.linea === Number(clave));
    const micros = parseCantidadMicros(texto);
    if (linea === undefined) continue;
    if (micros === null) errores[linea.linea] = 'Cantidad no válida.';
    else if (micros > linea.disponibleMicros)
      errores[linea.linea] = `Quedan ${cantidadTexto(linea.disponibleMicros)} por devolver.`;
  }
  return errores;
};

export const createNotasCreditoStore = (api: NotasCreditoApi) => {
  const store = createStore<NotasCreditoState & NotasCreditoAcciones>()((set, get) => {
    let pedidoTotales = 0;
    const recalcular = async (): Promise<void> => {
      const { factura, cantidades, erroresLinea } = get();
      const lineas = lineasPedidas(cantidades);
      const pedido = ++pedidoTotales;
      if (factura === null || lineas.length === 0 || Object.keys(erroresLinea).length > 0) {
        set({ totales: null });
        return;
      }
      const r = await api.call('notasCredito.calcular', { facturaId: factura.id, lineas });
      if (pedido !== pedidoTotales) return;
      set(
        r.ok
          ? { totales: r.value }
          : { totales: null, mensaje: { tipo: 'error', texto: r.error.message } },
      );
    };

    const abrir = async (facturaId: string): Promise<void> => {
      const r = await api.call('notasCredito.factura', { facturaId });
      if (!r.ok) {
        set({ mensaje: { tipo: 'error', texto: r.error.message } });
        return;
      }
      set({
        factura: r.value,
        cantidades: {},
        erroresLinea: {},
        motivo: '',
        reembolso: '01',
        totales: null,
        emitida: null,
        estadoEmitida: null,
        mensaje: r.value.noElegible === null ? null : { tipo: 'error', texto: r.value.noElegible },
      });
    };

    return {
      ...inicial(),
      setTexto: (texto) => set({ texto }),
      setFecha: (fecha) => set({ fecha }),
      buscar: async () => {
        const { texto, fecha } = get();
        if (texto.trim() === '' && fecha === '') {
          set({
            mensaje: {
              tipo: 'error',
              texto: 'Escriba un número, una clave de acceso o un comprador, o elija una fecha.',
            },
          });
          return;
        }
        set({ buscando: true, mensaje: null });
        const r = await api.call('notasCredito.buscar', {
          texto: texto.trim(),
          ...(fecha === '' ? {} : { fecha }),
        });
        if (!r.ok) {
          set({
            buscando: false,
            resultados: null,
            mensaje: { tipo: 'error', texto: r.error.message },
          });
          return;
        }
        set({
          buscando: false,
          resultados: r.value,
          mensaje:
            r.value.length === 0 ? { tipo: 'info', texto: 'No se encontraron facturas.' } : null,
        });
        // One match is what the cashier asked for: open it straight away.
        const unica = r.value.length === 1 ? r.value[0] : undefined;
        if (unica !== undefined) await abrir(unica.id);
      },
      abrir,
      // Back to an empty search: the next invoice is typed, not appended to the last one.
      volver: () => set({ ...inicial() }),
      setCantidad: (linea, texto) => {
        const factura = get().factura;
        if (factura === null) return;
        const cantidades = { ...get().cantidades, [linea]: texto };
        set({ cantidades, erroresLinea: erroresDe(factura, cantidades), mensaje: null });
        void recalcular();
      },
      devolverTodo: () => {
        const factura = get().factura;
        if (factura === null) return;
        const cantidades: Record<number, string> = {};
        for (const l of factura.lineas) {
          if (l.disponibleMicros > 0) cantidades[l.linea] = cantidadTexto(l.disponibleMicros);
        }
        set({ cantidades, erroresLinea: {}, mensaje: null });
        void recalcular();
      },
      setMotivo: (motivo) => set({ motivo }),
      setReembolso: (reembolso) => set({ reembolso }),
      pedirAutorizacion: () => {
        const { factura, cantidades, motivo, erroresLinea } = get();
        if (factura === null) return;
        const falta =
          factura.noElegible ??
          (lineasPedidas(cantidades).length === 0
            ? 'Escriba la cantidad a devolver en al menos una línea.'
            : Object.keys(erroresLinea).length > 0
              ? 'Corrija las cantidades marcadas.'
              : motivo.trim().length < 3
                ? 'Escriba el motivo de la devolución.'
                : null);
        if (falta !== null) {
          set({ mensaje: { tipo: 'error', texto: falta } });
          return;
        }
        set({ autorizando: true, mensaje: null });
      },
      cancelarAutorizacion: () => set({ autorizando: false }),
      emitir: async (autorizacion) => {
        const { factura, cantidades, motivo, reembolso } = get();
        if (factura === null) return 'No hay factura elegida.';
        const r = await api.call('notasCredito.emitir', {
          notaId: crypto.randomUUID(),
          facturaId: factura.id,
          lineas: lineasPedidas(cantidades),
          motivo: motivo.trim(),
          reembolso,
          autorizacion,
        });
        if (!r.ok) {
          // PIN and role problems stay in the dialog; anything else closes it and shows here.
          if (esRechazoDeAprobacion(r.error)) {
            return r.error.message;
          }
          set({ autorizando: false, mensaje: { tipo: 'error', texto: r.error.message } });
          return null;
        }
        set({
          autorizando: false,
          emitida: r.value,
          estadoEmitida: r.value.estado,
          mensaje: { tipo: 'info', texto: `Nota de crédito ${r.value.numero} emitida.` },
        });
        return null;
      },
      nueva: () => set({ ...inicial() }),
    };
  });
  api.subscribe('documento', ({ documentoId, estado }) => {
    const { emitida } = store.getState();
    if (emitida !== null && emitida.documentoId === documentoId)
      store.setState({ estadoEmitida: estado });
  });
  return store;
};

let store: NotasCreditoStore | null = null;

/** Called once by `main.tsx` with the app's client. */
export const conectarNotasCredito = (api: NotasCreditoApi): NotasCreditoStore => {
  store = createNotasCreditoStore(api);
  return store;
};

const sinConectar = createNotasCreditoStore({
  call: async () => ({ ok: false, error: { code: 'sin_conexion', message: 'No conectado.' } }),
  subscribe: () => () => {},
});

export const useNotasCredito = <T>(
  selector: (s: NotasCreditoState & NotasCreditoAcciones) => T,
): T => useStore(store ?? sinConectar, selector);
