import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput, EventPayload } from '../../shared/contract';
import type { CarritoObtenido } from '../../shared/contract/carrito';
import type {
  CompradorGuardado,
  ProductoCaja,
  TipoIdentificacionCaja,
  ValidacionIdentificacion,
} from '../../shared/contract/catalogo';
import type { CertificadoEstado } from '../../shared/contract/certificado';
import { correoSchema, MENSAJE_CORREO_INVALIDO } from '../../shared/contract/correo';
import type { ResultadoImpresion } from '../../shared/contract/impresion';
import type {
  Calculo,
  Carrito,
  Cobro,
  CompradorCarrito,
  FormaPagoCaja,
} from '../../shared/contract/ventas';
import type { AppError, Result } from '../../shared/result';
import {
  cantidadTexto,
  descuentoMaximoCentavos,
  formatoDolares,
  parseCantidadMicros,
  subtotalLineaCentavos,
} from '../screens/cobro/dinero';

/** Code of main's warning for cash over USD 500 to an identified buyer (ventas/efectivo.ts). */
export const AVISO_EFECTIVO = 'efectivo_sobre_500';

/** The part of `MostradorApi` the checkout uses; tests give a fake. */
export type CobroApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
  subscribe: <E extends 'documento' | 'impresion' | 'pantallaCliente.correoPropuesto'>(
    name: E,
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
};

export type LineaCobro = {
  /** Local key of the line (the same product may be on two lines, e.g. at two prices). */
  clave: string;
  producto: ProductoCaja;
  /** Micro-units; exact. */
  cantidadMicros: number;
  descuentoCentavos: number;
};

export type PagoCobro = { clave: string; formaPago: FormaPagoCaja; montoCentavos: number };

export type Mensaje = { tipo: 'error' | 'info'; texto: string; code?: string };

export type Busqueda = {
  texto: string;
  resultados: readonly ProductoCaja[];
  seleccion: number;
  cargando: boolean;
  /** Spanish message when nothing matched or the search failed. */
  nota: string | null;
};

export type EdicionComprador = {
  tipo: TipoIdentificacionCaja;
  identificacion: string;
  validacion: ValidacionIdentificacion | null;
  encontrado: CompradorGuardado | null;
  razonSocial: string;
  email: string;
  telefono: string;
  direccion: string;
  guardando: boolean;
  error: string | null;
  /** Why the e-mail was refused (Spanish); the sale goes on with «Seguir sin correo». */
  errorCorreo: string | null;
};

export type VentaReciente = {
  documentoId: string;
  numero: string;
  totalCentavos: number;
  vueltoCentavos: number;
  pagadoCentavos: number;
  estado: string;
  detalle: string | null;
  /** What happened to the RIDE's print job (the queue's events), or null while not known. */
  impresion: ResultadoImpresion | null;
};

export type Panel = 'ninguno' | 'busqueda' | 'comprador';

export type CobroState = {
  ventaId: string;
  lineas: readonly LineaCobro[];
  /** Index of the line F9/F10/Ctrl+Supr act on; the last one added by default. */
  seleccionada: number;
  comprador: CompradorCarrito | null;
  pagos: readonly PagoCobro[];
  /** Propina in cents (restaurants, Alt+P); 0 = none. */
  propinaCentavos: number;
  /**
   * The cashier was warned that this cash payment over USD 500 costs the buyer the IVA credit
   * and pressed F12 again: charge it. Any change to the cart asks again.
   */
  efectivoConfirmado: boolean;
  calculo: Calculo | null;
  /** A recalculation is in flight: totals on screen may be one change behind. */
  calculando: boolean;
  mensaje: Mensaje | null;
  panel: Panel;
  busqueda: Busqueda;
  edicionComprador: EdicionComprador;
  cobrando: boolean;
  /** Newest first; the first one is the «última venta» card. */
  recientes: readonly VentaReciente[];
  certificado: CertificadoEstado | null;
  /**
   * The e-mail the buyer typed on the customer display for this cart (issue 19 §4), waiting for
   * the cashier: Enter uses it as if typed in F3, Esc discards it. Never used on its own.
   */
  correoPropuesto: { ventaId: string; email: string } | null;
};

export type CobroAcciones = {
  escanear: (codigo: string) => Promise<void>;
  agregarProducto: (producto: ProductoCaja) => void;
  seleccionar: (indice: number) => void;
  moverSeleccion: (delta: number) => void;
  cambiarCantidad: (clave: string, texto: string) => boolean;
  cambiarDescuento: (clave: string, centavos: number) => boolean;
  quitarLinea: (clave: string) => void;
  abrirBusqueda: (texto?: string) => void;
  buscar: (texto: string) => Promise<void>;
  moverBusqueda: (delta: number) => void;
  elegirBusqueda: (indice?: number) => void;
  abrirComprador: () => void;
  cerrarPanel: () => void;
  editarComprador: (cambios: Partial<EdicionComprador>) => void;
  validarIdentificacion: () => Promise<void>;
  usarComprador: () => Promise<boolean>;
  /** Uses the buyer without an e-mail (the typed one was refused or is not wanted). */
  usarSinCorreo: () => Promise<boolean>;
  /**
   * The cashier accepts the display's e-mail: it fills the buyer's field exactly as typing it in
   * F3 would (saved for that buyer, on the cart). With F3 open it only fills the field.
   */
  aceptarCorreoPropuesto: () => Promise<boolean>;
  descartarCorreoPropuesto: () => void;
  consumidorFinal: () => void;
  agregarPago: (formaPago: FormaPagoCaja, montoCentavos: number) => void;
  quitarPago: (clave: string) => void;
  /** Sets the propina (0 removes it); main refuses it outside restaurants. */
  fijarPropina: (centavos: number) => void;
  cobrar: () => Promise<boolean>;
  /**
   * Selling needs an open cash shift: opens it with the float and charges the cart, in one
   * step. Returns the Spanish error to show in the dialog, or null when the sale went through
   * (or failed for another reason, shown as usual).
   */
  abrirTurnoYCobrar: (fondoCentavos: number) => Promise<string | null>;
  descartarMensaje: () => void;
  avisar: (texto: string, code: string) => void;
  cargarCertificado: () => Promise<void>;
  /**
   * Puts back the cart main kept (after a reload or a restart); if its sale was already
   * charged, shows that sale as done and starts a new cart instead.
   */
  restaurar: (carrito: CarritoObtenido) => void;
  /**
   * Subscribes to document status and print events, and to the e-mail the buyer proposes on the
   * customer display; returns the unsubscribe.
   */
  escucharDocumentos: () => () => void;
  /** The last sale's RIDE did not print (printer off, no paper): try the same job again now. */
  reintentarImpresion: () => Promise<void>;
  /** Asks main for the status of the recent sales: after a reconnect, events may be missed. */
  refrescarRecientes: () => Promise<void>;
};

export type CobroStore = ReturnType<typeof createCobroStore>;

export type CobroDeps = {
  api: CobroApi;
  /** A uuid per cart (`crypto.randomUUID`). */
  nuevoId: () => string;
  /** How long to wait for more typing before searching, in ms (0 in tests). */
  esperaBusquedaMs?: number;
};

const RECIENTES = 5;

const busquedaVacia: Busqueda = {
  texto: '',
  resultados: [],
  seleccion: 0,
  cargando: false,
  nota: null,
};

const edicionVacia: EdicionComprador = {
  tipo: '05',
  identificacion: '',
  validacion: null,
  encontrado: null,
  razonSocial: '',
  email: '',
  telefono: '',
  direccion: '',
  guardando: false,
  error: null,
  errorCorreo: null,
};

/** The cashier types digits; the length tells a cédula from a RUC. */
const tipoPorLongitud = (tipo: TipoIdentificacionCaja, numero: string): TipoIdentificacionCaja => {
  if (tipo !== '04' && tipo !== '05') return tipo;
  if (/^\d{13}$/.test(numero)) return '04';
  if (/^\d{10}$/.test(numero)) return '05';
  return tipo;
};

const sinConexionMensaje = (error: AppError): Mensaje => ({
  tipo: 'error',
  texto: error.message,
  code: error.code,
});

const yaRegistrada = (numero: string): string =>
  `Venta ${numero} ya registrada: no se cobró otra vez.`;

/** The cart as the contract wants it: product, quantity, discount; main prices each line. */
export const carritoDe = (
  state: Pick<CobroState, 'lineas' | 'comprador' | 'pagos'> & { propinaCentavos?: number },
): Carrito => ({
  comprador: state.comprador,
  lineas: state.lineas.map((l) => ({
    productoId: l.producto.id,
    cantidad: cantidadTexto(l.cantidadMicros),
    descuentoCentavos: l.descuentoCentavos,
  })),
  pagos: state.pagos.map((p) => ({ formaPago: p.formaPago, montoCentavos: p.montoCentavos })),
  ...((state.propinaCentavos ?? 0) > 0 ? { propinaCentavos: state.propinaCentavos } : {}),
});

/** Line value before IVA, computed here so a scanned line shows at once. */
export const valorLinea = (linea: LineaCobro): number =>
  subtotalLineaCentavos(linea.cantidadMicros, linea.producto.precioUnitarioMicros) -
  linea.descuentoCentavos;

export const createCobroStore = (deps: CobroDeps) => {
  let siguienteClave = 1;
  const clave = (): string => `l${siguienteClave++}`;
  /** Increases with every cart change: an answer for an older cart is dropped. */
  let revision = 0;
  let revisionBusqueda = 0;
  /** Scans are applied in the order they were read, even if answers come back out of order. */
  let colaEscaneo: Promise<void> = Promise.resolve();
  let temporizadorBusqueda: ReturnType<typeof setTimeout> | null = null;
  let revisionComprador = 0;

  const store = createStore<CobroState & CobroAcciones>()((set, get) => {
    const recalcular = async (): Promise<void> => {
      const actual = ++revision;
      const state = get();
      if (state.lineas.length === 0) {
        set({ calculo: null, calculando: false });
        return;
      }
      set({ calculando: true });
      const r = await deps.api.call('ventas.calcular', carritoDe(state));
      if (actual !== revision) return;
      if (!r.ok) {
        // The cart stays; the cashier sees why the totals could not be computed.
        set({ calculando: false, mensaje: sinConexionMensaje(r.error) });
        return;
      }
      set({ calculo: r.value, calculando: false });
    };

    const cambiarCarrito = (parcial: Partial<CobroState>): void => {
      set({ ...parcial, efectivoConfirmado: false });
      void recalcular();
    };

    const error = (texto: string, code?: string): void =>
      set({
        mensaje: code === undefined ? { tipo: 'error', texto } : { tipo: 'error', texto, code },
      });

    const agregarProducto = (producto: ProductoCaja): void => {
      const { lineas } = get();
      // Weighed goods get their own line: each scan is a different weight to type.
      const indice = producto.pesable
        ? -1
        : lineas.findIndex(
            (l) =>
              l.producto.id === producto.id &&
              l.producto.precioUnitarioMicros === producto.precioUnitarioMicros,
          );
      if (indice >= 0) {
        const nuevas = lineas.map((l, i) =>
          i === indice ? { ...l, cantidadMicros: l.cantidadMicros + 1_000_000 } : l,
        );
        cambiarCarrito({ lineas: nuevas, seleccionada: indice, mensaje: null });
        return;
      }
      const linea: LineaCobro = {
        clave: clave(),
        producto,
        cantidadMicros: 1_000_000,
        descuentoCentavos: 0,
      };
      cambiarCarrito({
        lineas: [...lineas, linea],
        seleccionada: lineas.length,
        mensaje: producto.pesable
          ? {
              tipo: 'info',
              texto: `«${producto.descripcion}» se vende por ${producto.unidad}: escriba el peso con F9.`,
            }
          : null,
      });
    };

    /** Looks the code up among the cart's products first: a repeat scan needs no round trip. */
    const enCarrito = (codigo: string): ProductoCaja | undefined =>
      get().lineas.find(
        (l) =>
          !l.producto.pesable &&
          (l.producto.codigosBarras.includes(codigo) || l.producto.codigo === codigo),
      )?.producto;

    const escanearUno = async (codigo: string): Promise<void> => {
      const local = enCarrito(codigo);
      if (local !== undefined) {
        agregarProducto(local);
        return;
      }
      const r = await deps.api.call('catalogo.escanear', { codigo });
      if (!r.ok) {
        error(r.error.message, r.error.code);
        return;
      }
      if (r.value.producto === null) {
        set({
          mensaje: {
            tipo: 'error',
            code: 'producto_no_encontrado',
            texto: `No hay ningún producto con el código «${codigo}». Búsquelo por nombre en la lista que se abrió, o revise el código.`,
          },
        });
        get().abrirBusqueda(codigo);
        return;
      }
      const { producto, cantidadMicros } = r.value;
      if (cantidadMicros === null) {
        agregarProducto(producto);
        return;
      }
      // A scale label: main read the weight (or the quantity for its price); its own line.
      const { lineas } = get();
      cambiarCarrito({
        lineas: [...lineas, { clave: clave(), producto, cantidadMicros, descuentoCentavos: 0 }],
        seleccionada: lineas.length,
        mensaje: null,
      });
    };

    /**
     * The print queue's events tell what happens next; this one read covers the events that
     * came before the sale was on screen (a PDF is saved within milliseconds). It never
     * overwrites what an event already said.
     */
    const seguirImpresion = (documentoId: string): void => {
      void deps.api.call('documentos.obtener', { id: documentoId }).then((r) => {
        if (!r.ok) return;
        const trabajo = r.value.impresiones.at(-1);
        if (trabajo === undefined) return;
        const actual = get().recientes.find((v) => v.documentoId === documentoId);
        if (actual !== undefined && actual.impresion === null) {
          actualizarReciente(documentoId, { impresion: trabajo.resultado });
        }
      });
    };

    /** An event of a newer job (a reprint) replaces an older one; never the reverse. */
    const alImprimir = (impresion: ResultadoImpresion): void => {
      const { documentoId } = impresion;
      if (documentoId === null) return;
      const actual = get().recientes.find((v) => v.documentoId === documentoId);
      if (actual === undefined) return;
      if (actual.impresion !== null && actual.impresion.trabajoId > impresion.trabajoId) return;
      actualizarReciente(documentoId, { impresion });
    };

    const actualizarReciente = (documentoId: string, cambios: Partial<VentaReciente>): void =>
      set((s) => ({
        recientes: s.recientes.map((v) =>
          v.documentoId === documentoId ? { ...v, ...cambios } : v,
        ),
      }));

    return {
      ventaId: deps.nuevoId(),
      lineas: [],
      seleccionada: -1,
      comprador: null,
      pagos: [],
      propinaCentavos: 0,
      efectivoConfirmado: false,
      calculo: null,
      calculando: false,
      mensaje: null,
      panel: 'ninguno',
      busqueda: busquedaVacia,
      edicionComprador: edicionVacia,
      cobrando: false,
      recientes: [],
      certificado: null,
      correoPropuesto: null,

      escanear: (texto) => {
        const codigo = texto.trim();
        if (codigo === '') return colaEscaneo;
        colaEscaneo = colaEscaneo.then(() => escanearUno(codigo));
        return colaEscaneo;
      },

      agregarProducto,

      seleccionar: (indice) => {
        const { lineas } = get();
        if (indice >= 0 && indice < lineas.length) set({ seleccionada: indice });
      },

      moverSeleccion: (delta) => {
        const { lineas, seleccionada } = get();
        if (lineas.length === 0) return;
        const base = seleccionada < 0 ? lineas.length - 1 : seleccionada;
        set({ seleccionada: Math.min(Math.max(base + delta, 0), lineas.length - 1) });
      },

      cambiarCantidad: (claveLinea, texto) => {
        const linea = get().lineas.find((l) => l.clave === claveLinea);
        if (linea === undefined) return false;
        const micros = parseCantidadMicros(texto);
        if (micros === null) {
          error(
            `La cantidad «${texto}» no es válida: escriba un número mayor que cero, con hasta 6 decimales (por ejemplo 2 o 0.750).`,
            'cantidad_invalida',
          );
          return false;
        }
        if (linea.producto.unidad === 'unidad' && micros % 1_000_000 !== 0) {
          error(
            `«${linea.producto.descripcion}» se vende por unidades: escriba una cantidad entera.`,
            'cantidad_fraccionada',
          );
          return false;
        }
        const maximo = descuentoMaximoCentavos(
          subtotalLineaCentavos(micros, linea.producto.precioUnitarioMicros),
          linea.producto.descuentoMaximoBp,
        );
        cambiarCarrito({
          lineas: get().lineas.map((l) =>
            l.clave === claveLinea
              ? {
                  ...l,
                  cantidadMicros: micros,
                  // A smaller quantity cannot keep a discount above its new limit.
                  descuentoCentavos: Math.min(l.descuentoCentavos, maximo),
                }
              : l,
          ),
          mensaje: null,
        });
        return true;
      },

      cambiarDescuento: (claveLinea, centavos) => {
        const linea = get().lineas.find((l) => l.clave === claveLinea);
        if (linea === undefined) return false;
        const subtotal = subtotalLineaCentavos(
          linea.cantidadMicros,
          linea.producto.precioUnitarioMicros,
        );
        const maximo = descuentoMaximoCentavos(subtotal, linea.producto.descuentoMaximoBp);
        if (centavos > maximo) {
          error(
            maximo === 0
              ? `«${linea.producto.descripcion}» no admite descuento en caja.`
              : `El descuento máximo de «${linea.producto.descripcion}» es ${formatoDolares(maximo)} (${linea.producto.descuentoMaximoBp / 100} %). Escriba un valor menor o pida autorización a un supervisor.`,
            'descuento_excede',
          );
          return false;
        }
        cambiarCarrito({
          lineas: get().lineas.map((l) =>
            l.clave === claveLinea ? { ...l, descuentoCentavos: centavos } : l,
          ),
          mensaje: null,
        });
        return true;
      },

      quitarLinea: (claveLinea) => {
        const lineas = get().lineas.filter((l) => l.clave !== claveLinea);
        cambiarCarrito({
          lineas,
          seleccionada: Math.min(get().seleccionada, lineas.length - 1),
          mensaje: null,
        });
      },

      abrirBusqueda: (texto = '') => {
        set({ panel: 'busqueda', busqueda: { ...busquedaVacia, texto } });
        if (texto.trim() !== '') void get().buscar(texto);
      },

      buscar: (texto) => {
        set((s) => ({ busqueda: { ...s.busqueda, texto } }));
        if (temporizadorBusqueda !== null) clearTimeout(temporizadorBusqueda);
        const actual = ++revisionBusqueda;
        if (texto.trim() === '') {
          set({ busqueda: { ...busquedaVacia, texto } });
          return Promise.resolve();
        }
        set((s) => ({ busqueda: { ...s.busqueda, cargando: true } }));
        return new Promise<void>((resolve) => {
          temporizadorBusqueda = setTimeout(async () => {
            const r = await deps.api.call('catalogo.buscar', { texto, limite: 20 });
            if (actual === revisionBusqueda) {
              set((s) => ({
                busqueda: r.ok
                  ? {
                      ...s.busqueda,
                      resultados: r.value.productos,
                      seleccion: 0,
                      cargando: false,
                      nota:
                        r.value.productos.length === 0
                          ? `Ningún producto coincide con «${texto.trim()}». Pruebe con otra palabra o con parte del código.`
                          : null,
                    }
                  : { ...s.busqueda, resultados: [], cargando: false, nota: r.error.message },
              }));
            }
            resolve();
          }, deps.esperaBusquedaMs ?? 80);
        });
      },

      moverBusqueda: (delta) =>
        set((s) => {
          const n = s.busqueda.resultados.length;
          if (n === 0) return s;
          return {
            busqueda: {
              ...s.busqueda,
              seleccion: Math.min(Math.max(s.busqueda.seleccion + delta, 0), n - 1),
            },
          };
        }),

      elegirBusqueda: (indice) => {
        const { busqueda } = get();
        const producto = busqueda.resultados[indice ?? busqueda.seleccion];
        if (producto === undefined) return;
        set({ panel: 'ninguno', busqueda: busquedaVacia });
        agregarProducto(producto);
      },

      abrirComprador: () => {
        const { comprador } = get();
        set({
          panel: 'comprador',
          edicionComprador:
            comprador === null
              ? edicionVacia
              : {
                  ...edicionVacia,
                  tipo: comprador.tipoIdentificacion,
                  identificacion: comprador.identificacion,
                  razonSocial: comprador.razonSocial,
                  email: comprador.email ?? '',
                  telefono: comprador.telefono ?? '',
                  direccion: comprador.direccion ?? '',
                },
        });
        if (comprador !== null) void get().validarIdentificacion();
      },

      cerrarPanel: () => {
        if (temporizadorBusqueda !== null) clearTimeout(temporizadorBusqueda);
        revisionBusqueda++;
        set({ panel: 'ninguno', busqueda: busquedaVacia });
      },

      editarComprador: (cambios) => {
        const antes = get().edicionComprador;
        const siguiente = {
          ...antes,
          ...cambios,
          error: null,
          errorCorreo: cambios.email === undefined ? antes.errorCorreo : null,
        };
        const cambiaNumero =
          cambios.identificacion !== undefined ||
          (cambios.tipo !== undefined && cambios.tipo !== antes.tipo);
        if (cambios.identificacion !== undefined && cambios.tipo === undefined) {
          siguiente.tipo = tipoPorLongitud(antes.tipo, cambios.identificacion.trim());
        }
        set({
          edicionComprador: cambiaNumero
            ? { ...siguiente, validacion: null, encontrado: null }
            : siguiente,
        });
        if (cambiaNumero) void get().validarIdentificacion();
      },

      validarIdentificacion: async () => {
        const actual = ++revisionComprador;
        const { tipo, identificacion } = get().edicionComprador;
        if (identificacion.trim() === '') return;
        const r = await deps.api.call('catalogo.comprador', {
          tipoIdentificacion: tipo,
          identificacion: identificacion.trim(),
        });
        if (actual !== revisionComprador) return;
        set((s) => {
          if (!r.ok) return { edicionComprador: { ...s.edicionComprador, error: r.error.message } };
          const encontrado = r.value.comprador;
          const e = s.edicionComprador;
          return {
            edicionComprador: {
              ...e,
              validacion: r.value.validacion,
              encontrado,
              // What the store knows fills the blanks; what the cashier typed stays.
              ...(encontrado === null
                ? {}
                : {
                    razonSocial: e.razonSocial === '' ? encontrado.razonSocial : e.razonSocial,
                    email: e.email === '' ? (encontrado.email ?? '') : e.email,
                    telefono: e.telefono === '' ? (encontrado.telefono ?? '') : e.telefono,
                    direccion: e.direccion === '' ? (encontrado.direccion ?? '') : e.direccion,
                  }),
            },
          };
        });
      },

      usarComprador: async () => {
        const e = get().edicionComprador;
        if (e.guardando) return false;
        if (e.validacion !== null && !e.validacion.valida) {
          set({ edicionComprador: { ...e, error: e.validacion.mensaje } });
          return false;
        }
        if (e.razonSocial.trim() === '') {
          set({
            edicionComprador: {
              ...e,
              error: 'Escriba el nombre o la razón social del comprador.',
            },
          });
          return false;
        }
        // Checked here for an immediate answer; main checks the same schema again.
        const correo = e.email.trim() === '' ? null : correoSchema.safeParse(e.email);
        if (correo !== null && !correo.success) {
          set({
            edicionComprador: {
              ...e,
              errorCorreo: correo.error.issues[0]?.message ?? MENSAJE_CORREO_INVALIDO,
            },
          });
          return false;
        }
        const email = correo?.data ?? null;
        set({ edicionComprador: { ...e, guardando: true, error: null, errorCorreo: null } });
        const r = await deps.api.call('catalogo.guardarComprador', {
          tipoIdentificacion: e.tipo,
          identificacion: e.identificacion.trim(),
          razonSocial: e.razonSocial.trim(),
          ...(email === null ? {} : { email }),
          ...(e.telefono.trim() === '' ? {} : { telefono: e.telefono.trim() }),
          ...(e.direccion.trim() === '' ? {} : { direccion: e.direccion.trim() }),
        });
        if (!r.ok) {
          const delCorreo = r.error.field === 'email';
          set((s) => ({
            edicionComprador: {
              ...s.edicionComprador,
              guardando: false,
              ...(delCorreo ? { errorCorreo: r.error.message } : { error: r.error.message }),
            },
          }));
          return false;
        }
        const c = r.value.comprador;
        const comprador: CompradorCarrito = {
          tipoIdentificacion: e.tipo,
          identificacion: c.identificacion,
          razonSocial: c.razonSocial,
          // What the cashier left in the field, not what the record kept: an emptied field
          // means this sale goes without e-mail.
          ...(email === null ? {} : { email }),
          ...(c.telefono === null ? {} : { telefono: c.telefono }),
          ...(c.direccion === null ? {} : { direccion: c.direccion }),
        };
        cambiarCarrito({
          comprador,
          panel: 'ninguno',
          edicionComprador: edicionVacia,
          mensaje:
            r.value.advertencias.length > 0
              ? { tipo: 'info', texto: r.value.advertencias.join(' ') }
              : null,
        });
        return true;
      },

      usarSinCorreo: () => {
        set((s) => ({ edicionComprador: { ...s.edicionComprador, email: '', errorCorreo: null } }));
        return get().usarComprador();
      },

      aceptarCorreoPropuesto: async () => {
        const { correoPropuesto, ventaId, comprador, panel } = get();
        set({ correoPropuesto: null });
        if (correoPropuesto === null || correoPropuesto.ventaId !== ventaId || comprador === null) {
          return false;
        }
        if (panel === 'comprador') {
          get().editarComprador({ email: correoPropuesto.email });
          return true;
        }
        set({
          edicionComprador: {
            ...edicionVacia,
            tipo: comprador.tipoIdentificacion,
            identificacion: comprador.identificacion,
            razonSocial: comprador.razonSocial,
            email: correoPropuesto.email,
            telefono: comprador.telefono ?? '',
            direccion: comprador.direccion ?? '',
          },
        });
        const hecho = await get().usarComprador();
        // The reason is in F3's panel (the buyer's record refused it): show it there.
        if (!hecho) set({ panel: 'comprador' });
        return hecho;
      },

      descartarCorreoPropuesto: () => {
        const { correoPropuesto } = get();
        set({ correoPropuesto: null });
        // The buyer's display asks again instead of saying «Listo» for an e-mail nobody took.
        if (correoPropuesto !== null) {
          void deps.api.call('pantallaCliente.descartarCorreo', {
            ventaId: correoPropuesto.ventaId,
          });
        }
      },

      consumidorFinal: () =>
        cambiarCarrito({
          comprador: null,
          panel: 'ninguno',
          edicionComprador: edicionVacia,
          mensaje: null,
        }),

      agregarPago: (formaPago, montoCentavos) => {
        if (!Number.isSafeInteger(montoCentavos) || montoCentavos <= 0) {
          error('Escriba un monto mayor que cero, por ejemplo 20 o 4.50.', 'monto_invalido');
          return;
        }
        cambiarCarrito({
          pagos: [...get().pagos, { clave: clave(), formaPago, montoCentavos }],
          mensaje: null,
        });
      },

      quitarPago: (clavePago) =>
        cambiarCarrito({ pagos: get().pagos.filter((p) => p.clave !== clavePago) }),

      fijarPropina: (centavos) => {
        if (!Number.isSafeInteger(centavos) || centavos < 0) {
          error(
            'Escriba la propina con punto decimal, por ejemplo 2.50; 0 la quita.',
            'monto_invalido',
          );
          return;
        }
        cambiarCarrito({ propinaCentavos: centavos, mensaje: null });
      },

      cobrar: async () => {
        // Scans still in flight belong to this sale.
        await colaEscaneo;
        const state = get();
        if (state.cobrando) return false;
        if (state.lineas.length === 0) {
          error('El carrito está vacío: escanee o busque un producto antes de cobrar.', 'vacio');
          return false;
        }
        set({ cobrando: true, mensaje: null });
        const carrito = carritoDe(state);
        const enEfectivo =
          carrito.pagos.length === 0 || carrito.pagos.some((p) => p.formaPago === '01');
        // The cash warning needs main's word on this very cart (its total and buyer).
        if (carrito.pagos.length === 0 || (enEfectivo && carrito.comprador !== null)) {
          const calculo = await deps.api.call('ventas.calcular', carrito);
          if (!calculo.ok) {
            set({ cobrando: false, mensaje: sinConexionMensaje(calculo.error) });
            return false;
          }
          const aviso = calculo.value.avisos.find((a) => a.code === AVISO_EFECTIVO);
          if (aviso !== undefined && !get().efectivoConfirmado) {
            // One more F12 charges it in cash anyway; card or transfer clears the warning.
            set({
              cobrando: false,
              efectivoConfirmado: true,
              mensaje: { tipo: 'error', texto: aviso.message, code: aviso.code },
            });
            return false;
          }
          const total = calculo.value.totales.totalCentavos;
          // No payment typed: F12 charges the exact total in cash, as the screen says.
          if (carrito.pagos.length === 0 && total > 0) {
            carrito.pagos = [{ formaPago: '01', montoCentavos: total }];
          }
        }
        const r = await deps.api.call('ventas.cobrar', { ...carrito, ventaId: state.ventaId });
        if (!r.ok) {
          // Nothing is lost: the cart, buyer and payments stay for the cashier to fix and retry.
          set({ cobrando: false, mensaje: sinConexionMensaje(r.error) });
          return false;
        }
        const cobro: Cobro = r.value;
        const pagado = carrito.pagos.reduce((a, p) => a + p.montoCentavos, 0);
        const reciente: VentaReciente = {
          documentoId: cobro.documentoId,
          numero: cobro.numero,
          totalCentavos: cobro.totales.totalCentavos,
          vueltoCentavos: cobro.vueltoCentavos,
          pagadoCentavos: pagado,
          estado: cobro.estado,
          detalle: null,
          impresion: null,
        };
        revision++;
        set((s) => ({
          ventaId: deps.nuevoId(),
          lineas: [],
          seleccionada: -1,
          comprador: null,
          pagos: [],
          propinaCentavos: 0,
          efectivoConfirmado: false,
          calculo: null,
          calculando: false,
          cobrando: false,
          panel: 'ninguno',
          busqueda: busquedaVacia,
          edicionComprador: edicionVacia,
          mensaje: cobro.repetida
            ? { tipo: 'info', texto: yaRegistrada(cobro.numero) }
            : cobro.advertencias.length > 0
              ? { tipo: 'info', texto: cobro.advertencias.join(' ') }
              : null,
          recientes: [
            reciente,
            ...s.recientes.filter((v) => v.documentoId !== cobro.documentoId),
          ].slice(0, RECIENTES),
        }));
        seguirImpresion(cobro.documentoId);
        return true;
      },

      abrirTurnoYCobrar: async (fondoCentavos) => {
        const abierto = await deps.api.call('caja.abrir', { fondoCentavos });
        // Another screen may have opened it meanwhile: charge anyway.
        if (!abierto.ok && abierto.error.code !== 'turno_abierto') return abierto.error.message;
        await get().cobrar();
        return null;
      },

      descartarMensaje: () => set({ mensaje: null }),

      avisar: (texto, code) => error(texto, code),

      cargarCertificado: async () => {
        const r = await deps.api.call('certificado.resumen', {});
        if (r.ok) set({ certificado: r.value });
      },

      restaurar: (carrito) => {
        const r = carrito.registrada;
        if (r !== null) {
          setTimeout(() => seguirImpresion(r.documentoId), 0);
          revision++;
          set((s) => ({
            ventaId: deps.nuevoId(),
            lineas: [],
            seleccionada: -1,
            comprador: null,
            pagos: [],
            calculo: null,
            calculando: false,
            mensaje: { tipo: 'info', texto: yaRegistrada(r.numero) },
            recientes: [
              {
                documentoId: r.documentoId,
                numero: r.numero,
                totalCentavos: r.totalCentavos,
                vueltoCentavos: r.vueltoCentavos,
                // Not known after a restart: what was handed over is the total plus the change.
                pagadoCentavos: r.totalCentavos + r.vueltoCentavos,
                estado: r.estado,
                detalle: null,
                impresion: null,
              },
              ...s.recientes.filter((v) => v.documentoId !== r.documentoId),
            ].slice(0, RECIENTES),
          }));
          return;
        }
        const lineas = carrito.lineas.flatMap((l): LineaCobro[] => {
          const micros = parseCantidadMicros(l.cantidad);
          return micros === null
            ? []
            : [
                {
                  clave: clave(),
                  producto: l.producto,
                  cantidadMicros: micros,
                  descuentoCentavos: l.descuentoCentavos,
                },
              ];
        });
        cambiarCarrito({
          ventaId: carrito.ventaId,
          lineas,
          seleccionada: lineas.length - 1,
          comprador: carrito.comprador,
          pagos: carrito.pagos.map((p) => ({ clave: clave(), ...p })),
        });
      },

      escucharDocumentos: () => {
        const dejarDocumento = deps.api.subscribe('documento', ({ documentoId, estado, detalle }) =>
          actualizarReciente(documentoId, { estado, detalle }),
        );
        const dejarImpresion = deps.api.subscribe('impresion', alImprimir);
        const dejarCorreo = deps.api.subscribe('pantallaCliente.correoPropuesto', (p) => {
          // Only for the cart on screen with an identified buyer: a late one for a charged
          // cart, or for consumidor final, has nowhere to go.
          const s = get();
          if (p.ventaId === s.ventaId && s.comprador !== null) set({ correoPropuesto: p });
        });
        return () => {
          dejarDocumento();
          dejarImpresion();
          dejarCorreo();
        };
      },

      reintentarImpresion: async () => {
        const impresion = get().recientes[0]?.impresion;
        if (impresion == null || !impresion.reintentable) return;
        const r = await deps.api.call('impresion.reintentar', { trabajoId: impresion.trabajoId });
        if (!r.ok) {
          set({ mensaje: { tipo: 'error', texto: r.error.message } });
          return;
        }
        // The queue's events may already have said more (printing, printed): they win.
        if (get().recientes[0]?.impresion === impresion) alImprimir(r.value);
      },

      refrescarRecientes: async () => {
        await Promise.all(
          get().recientes.map(async (v) => {
            const r = await deps.api.call('documentos.obtener', { id: v.documentoId });
            if (!r.ok) return;
            const trabajo = r.value.impresiones.at(-1);
            actualizarReciente(v.documentoId, {
              ...(r.value.estado === v.estado ? {} : { estado: r.value.estado, detalle: null }),
              ...(trabajo === undefined ? {} : { impresion: trabajo.resultado }),
            });
          }),
        );
      },
    };
  });
  return store;
};

export type CobroStoreState = CobroState & CobroAcciones;

let instancia: CobroStore | null = null;

/**
 * Gives the screen its store; `main.tsx` calls it once with the app's client. The store follows
 * document events for the app's lifetime, not only while Cobro is on screen, so the recent
 * sales never go stale behind another screen.
 */
export const conectarCobro = (api: CobroApi): CobroStore => {
  if (instancia === null) {
    instancia = createCobroStore({ api, nuevoId: () => crypto.randomUUID() });
    instancia.getState().escucharDocumentos();
  }
  return instancia;
};

export const cobroStore = (): CobroStore => {
  if (instancia === null) throw new Error('conectarCobro no se llamó antes de mostrar Cobro');
  return instancia;
};

export const useCobro = <T>(selector: (state: CobroStoreState) => T): T =>
  useStore(cobroStore(), selector);
