import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { CarritoGuardado } from '../../shared/contract/carrito';
import type { Result } from '../../shared/result';
import { cantidadTexto } from '../screens/cobro/dinero';
import type { CobroState, CobroStore } from './cobro';

type Api = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

type Parte = Pick<CobroState, 'ventaId' | 'lineas' | 'comprador' | 'pagos'>;

/** What main keeps of the cart: what was chosen, never a price. */
export const carritoGuardado = (s: Parte): CarritoGuardado => ({
  ventaId: s.ventaId,
  comprador: s.comprador,
  lineas: s.lineas.map((l) => ({
    productoId: l.producto.id,
    cantidad: cantidadTexto(l.cantidadMicros),
    descuentoCentavos: l.descuentoCentavos,
  })),
  pagos: s.pagos.map((p) => ({ formaPago: p.formaPago, montoCentavos: p.montoCentavos })),
});

const cambio = (a: Parte, b: Parte): boolean =>
  a.ventaId !== b.ventaId ||
  a.lineas !== b.lineas ||
  a.comprador !== b.comprador ||
  a.pagos !== b.pagos;

/**
 * Keeps the checkout's cart in main (`carrito.guardar`) and brings it back on start
 * (`carrito.obtener`). One save in flight at a time; changes meanwhile are sent together right
 * after, so a burst of scans costs no more than one round trip behind.
 * @example persistirCarrito(conectarCobro(cliente.api), cliente.api)
 */
export const persistirCarrito = (store: CobroStore, api: Api): Promise<void> => {
  let listo = false;
  let enVuelo = false;
  let sucio = false;
  const guardar = async (): Promise<void> => {
    if (enVuelo) {
      sucio = true;
      return;
    }
    enVuelo = true;
    do {
      sucio = false;
      await api.call('carrito.guardar', carritoGuardado(store.getState()));
    } while (sucio);
    enVuelo = false;
  };
  store.subscribe((actual, previo) => {
    if (listo && cambio(actual, previo)) void guardar();
  });
  const inicial = store.getState();
  return api.call('carrito.obtener', {}).then((r) => {
    const intacto = !cambio(store.getState(), inicial);
    listo = true;
    if (r.ok && r.value !== null && intacto) {
      store.getState().restaurar(r.value);
      // A charged sale leaves a new cart, whose id main must know.
      if (r.value.registrada !== null) void guardar();
    } else {
      void guardar();
    }
  });
};
