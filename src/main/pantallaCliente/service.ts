/**
 * The customer display's picture (issue 18 §6): the cart as the cashier scans it (priced by
 * main, never by a screen), the total, what was paid and the change, the store's name and logo,
 * and after the sale the QR of the authorized document. Each change is one `pantallaCliente`
 * event with the whole picture; the display only listens.
 */
import type { CarritoGuardado } from '../../shared/contract/carrito';
import type { PantallaCliente } from '../../shared/contract/pantallaCliente';
import type { Calculo, Carrito, Cobro } from '../../shared/contract/ventas';
import type { Result } from '../../shared/result';
import { qrCode } from '../print/ride/barcode';

export type PantallaClienteDeps = {
  /** Main's own pricing of a cart (`ventas.calcular`). */
  calcular: (carrito: Carrito) => Result<Calculo>;
  descripcion: (productoId: string) => string | null;
  tienda: () => PantallaCliente['tienda'];
  claveDe: (documentoId: string) => string | null;
  emitir: (pantalla: PantallaCliente) => void;
};

export type PantallaClienteService = {
  estado: () => PantallaCliente;
  /** The cart was saved (`carrito.guardar`): show its lines and totals. */
  alGuardarCarrito: (carrito: CarritoGuardado) => void;
  /** A sale was charged: its total, payment and change stay until the next cart. */
  alCobrar: (cobro: Cobro, pagadoCentavos: number) => void;
  /** A document was authorized: the sale on display shows its QR. */
  alAutorizar: (documentoId: string) => void;
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
  });
  let actual: PantallaCliente | null = null;
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
      });
    },
    alCobrar: (cobro, pagadoCentavos) => {
      cobradaId = cobro.ventaId;
      poner({
        ...(actual ?? vacia()),
        totalCentavos: cobro.totales.totalCentavos,
        pagadoCentavos,
        vueltoCentavos: cobro.vueltoCentavos,
        venta: { documentoId: cobro.documentoId, numero: cobro.numero, autorizada: false },
        qr: null,
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
  };
};
