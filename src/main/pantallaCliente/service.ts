/**
 * The customer display's picture (issue 18 §6): the cart as the cashier scans it (priced by
 * main, never by a screen), the total, what was paid and the change, the store's name and logo,
 * and after the sale the QR of the authorized document. Each change is one `pantallaCliente`
 * event with the whole picture. The display's one message back is the buyer's e-mail (issue 19
 * §4), accepted only while the cart on screen asks for it, passed to the cashier as an event and
 * written nowhere: Cobro fills the buyer's field when the cashier accepts it.
 */
import type { CarritoGuardado } from '../../shared/contract/carrito';
import { MENSAJE_CORREO_INVALIDO } from '../../shared/contract/correo';
import { type PantallaCliente, propuestaCorreoSchema } from '../../shared/contract/pantallaCliente';
import type { Calculo, Carrito, Cobro } from '../../shared/contract/ventas';
import { err, ok, type Result } from '../../shared/result';
import { qrCode } from '../print/ride/barcode';

export type PantallaClienteDeps = {
  /** Main's own pricing of a cart (`ventas.calcular`). */
  calcular: (carrito: Carrito) => Result<Calculo>;
  descripcion: (productoId: string) => string | null;
  tienda: () => PantallaCliente['tienda'];
  claveDe: (documentoId: string) => string | null;
  emitir: (pantalla: PantallaCliente) => void;
  /** Tells the cashier's app what the buyer typed (`pantallaCliente.correoPropuesto`). */
  proponer: (propuesta: { ventaId: string; email: string }) => void;
  /** A random id per e-mail request (`crypto.randomUUID`). */
  nuevaSolicitud: () => string;
  /** Milliseconds, for the pause between two proposals. */
  ahora: () => number;
};

/** A buyer may correct a typo, but not flood the cashier: one proposal per pause, a few per cart. */
export const PAUSA_PROPUESTAS_MS = 2_000;
export const MAX_PROPUESTAS_POR_CARRITO = 5;

export type PantallaClienteService = {
  estado: () => PantallaCliente;
  /** The cart was saved (`carrito.guardar`): show its lines and totals. */
  alGuardarCarrito: (carrito: CarritoGuardado) => void;
  /** A sale was charged: its total, payment and change stay until the next cart. */
  alCobrar: (cobro: Cobro, pagadoCentavos: number) => void;
  /** A document was authorized: the sale on display shows its QR. */
  alAutorizar: (documentoId: string) => void;
  /**
   * The display's proposal (untrusted input): validated, accepted only for the request on screen,
   * then sent to the cashier as an event. Nothing is written.
   */
  proponerCorreo: (entrada: unknown) => Result<{ enviado: true }>;
  /**
   * The cashier discarded the proposal for cart `ventaId`: the display asks again, with a new
   * request (its «Listo…» would otherwise stand). The pace and the count per cart carry on.
   * False when that cart no longer asks.
   */
  descartarCorreo: (ventaId: string) => boolean;
};

const cantidadVisible = (cantidad: string): string =>
  cantidad.includes('.') ? cantidad.replace(/0+$/, '').replace(/\.$/, '') : cantidad;

/** @example const pantalla = createPantallaCliente({ calcular, descripcion, tienda, claveDe, emitir }) */
export const createPantallaCliente = (deps: PantallaClienteDeps): PantallaClienteService => {
  const vacia = (): PantallaCliente => ({
    tienda: deps.tienda(),
    lineas: [],
    totalCentavos: 0,
    pagadoCentavos: 0,
    vueltoCentavos: 0,
    venta: null,
    qr: null,
    correo: null,
  });
  let actual: PantallaCliente | null = null;
  /** The open cart's request for the buyer's e-mail, while it stands. */
  let pedido: { ventaId: string; solicitud: string; enviadas: number; ultima: number } | null =
    null;
  /** The cart already charged: a save of it that arrives late must not undo the sale. */
  let cobradaId: string | null = null;
  const poner = (pantalla: PantallaCliente): void => {
    actual = pantalla;
    deps.emitir(pantalla);
  };

  return {
    estado: () => actual ?? vacia(),
    alGuardarCarrito: (carrito) => {
      if (carrito.ventaId === cobradaId) return;
      const pide =
        carrito.lineas.length > 0 &&
        carrito.comprador !== null &&
        carrito.comprador.email === undefined;
      if (!pide) pedido = null;
      else if (pedido?.ventaId !== carrito.ventaId) {
        pedido = {
          ventaId: carrito.ventaId,
          solicitud: deps.nuevaSolicitud(),
          enviadas: 0,
          ultima: Number.NEGATIVE_INFINITY,
        };
      }
      if (carrito.lineas.length === 0) {
        // The next cart starts empty: the sale (change, QR) stays in view until a scan.
        if (actual?.venta != null) return;
        poner(vacia());
        return;
      }
      const calculo = deps.calcular({
        comprador: carrito.comprador,
        lineas: carrito.lineas,
        pagos: carrito.pagos,
      });
      if (!calculo.ok) return;
      poner({
        ...vacia(),
        lineas: carrito.lineas.map((l, i) => {
          const c = calculo.value.lineas[i];
          return {
            descripcion: deps.descripcion(l.productoId) ?? '',
            cantidad: cantidadVisible(l.cantidad),
            totalCentavos: (c?.totalSinImpuestoCentavos ?? 0) + (c?.ivaCentavos ?? 0),
          };
        }),
        totalCentavos: calculo.value.totales.totalCentavos,
        pagadoCentavos: calculo.value.pagadoCentavos,
        vueltoCentavos: calculo.value.vueltoCentavos,
        correo: pedido === null ? null : { solicitud: pedido.solicitud },
      });
    },
    alCobrar: (cobro, pagadoCentavos) => {
      cobradaId = cobro.ventaId;
      pedido = null;
      poner({
        ...(actual ?? vacia()),
        totalCentavos: cobro.totales.totalCentavos,
        pagadoCentavos,
        vueltoCentavos: cobro.vueltoCentavos,
        venta: { documentoId: cobro.documentoId, numero: cobro.numero, autorizada: false },
        qr: null,
        correo: null,
      });
    },
    alAutorizar: (documentoId) => {
      if (actual?.venta?.documentoId !== documentoId) return;
      const clave = deps.claveDe(documentoId);
      if (clave === null) return;
      const qr = qrCode(clave);
      poner({
        ...actual,
        venta: { ...actual.venta, autorizada: true },
        qr: { columnas: qr.columns, modulos: qr.pixels.join('') },
      });
    },
    proponerCorreo: (entrada) => {
      const r = propuestaCorreoSchema.safeParse(entrada);
      if (!r.success) {
        const delCorreo = r.error.issues.some((i) => i.path[0] === 'email');
        return delCorreo
          ? err('validacion', MENSAJE_CORREO_INVALIDO, 'email')
          : err('solicitud_invalida', 'La solicitud de la pantalla no es válida.');
      }
      if (pedido === null || pedido.solicitud !== r.data.solicitud) {
        return err(
          'correo_no_pedido',
          'Ahora no hay una compra que pida su correo. Dígaselo al cajero, por favor.',
        );
      }
      const ahora = deps.ahora();
      if (
        pedido.enviadas >= MAX_PROPUESTAS_POR_CARRITO ||
        ahora - pedido.ultima < PAUSA_PROPUESTAS_MS
      ) {
        return err('limite', 'Espere un momento: el cajero está revisando su correo.');
      }
      pedido = { ...pedido, enviadas: pedido.enviadas + 1, ultima: ahora };
      deps.proponer({ ventaId: pedido.ventaId, email: r.data.email });
      return ok({ enviado: true });
    },
    descartarCorreo: (ventaId) => {
      if (pedido === null || pedido.ventaId !== ventaId) return false;
      pedido = { ...pedido, solicitud: deps.nuevaSolicitud() };
      if (actual !== null && actual.correo !== null) {
        poner({ ...actual, correo: { solicitud: pedido.solicitud } });
      }
      return true;
    },
  };
};
