import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import type { Result } from '../../../shared/result';

type Api = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

type StoreConLineas = {
  getState: () => { lineas: readonly unknown[] };
  subscribe: (listener: (state: { lineas: readonly unknown[] }) => void) => () => void;
};

/**
 * Tells main whether the checkout has an open sale (`app.carritoAbierto`), so no update
 * installs in the middle of it. Only the changes between empty and not empty are sent.
 * @example vigilarCarrito(conectarCobro(cliente.api), cliente.api)
 */
export const vigilarCarrito = (cobro: StoreConLineas, api: Api): (() => void) => {
  let abierto = cobro.getState().lineas.length > 0;
  void api.call('app.carritoAbierto', { abierto });
  return cobro.subscribe((state) => {
    const ahora = state.lineas.length > 0;
    if (ahora === abierto) return;
    abierto = ahora;
    void api.call('app.carritoAbierto', { abierto });
  });
};
