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
 * (`carrito.obtener`). A burst of scans is saved once, right after it (the scan's own round trip
 * keeps the priority); one save in flight at a time, changes meanwhile sent together after it.
 * @example persistirCarrito(conectarCobro(cliente.api), cliente.api)
 */
export const persistirCarrito = (
  store: CobroStore,
  api: Api,
  /** A burst of scans is saved once, this long after its last change (0 in tests). */
  esperaMs = 120,
): Promise<void> => {
  let listo = false;
  let enVuelo = false;
  let sucio = false;
  let temporizador: ReturnType<typeof setTimeout> | null = null;
  const guardarPronto = (): void => {
    if (temporizador !== null) clearTimeout(temporizador);
    temporizador = setTimeout(() => {
      temporizador = null;
      void guardar();
    }, esperaMs);
  };
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
    if (!listo || !cambio(actual, previo)) return;
    // A new sale id (after Cobrar) is saved at once; cart edits wait for the burst to end.
    if (actual.ventaId !== previo.ventaId) void guardar();
    else guardarPronto();
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
