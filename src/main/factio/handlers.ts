/** Handlers of the `factio.*` calls and `compradores.consultar`, over the sync service. */

import { ok } from '../../shared/result';
import type { HandlerGroup } from '../rpc';
import type { SyncService } from './service';

export type SyncCallName =
  | 'factio.estado'
  | 'factio.guardarClave'
  | 'factio.eliminarClave'
  | 'factio.probar'
  | 'factio.configurar'
  | 'factio.sincronizar'
  | 'factio.conciliacion'
  | 'compradores.consultar';

/**
 * @example const handlers = { ...createSyncHandlers({ sync }) };
 */
export const createSyncHandlers = (deps: { sync: SyncService }): HandlerGroup<SyncCallName> => {
  const { sync } = deps;
  return {
    'factio.estado': () => ok(sync.estado()),
    'factio.guardarClave': ({ clave }) => sync.guardarClave(clave),
    'factio.eliminarClave': () => sync.eliminarClave(),
    'factio.probar': async () => ok(await sync.probar()),
    'factio.configurar': ({ ambiente, url }) => ok(sync.configurar(ambiente, url)),
    'factio.sincronizar': () => ok(sync.sincronizar()),
    'factio.conciliacion': async ({ desde, hasta }) => ok(await sync.conciliacion(desde, hasta)),
    'compradores.consultar': async ({ identificacion }) =>
      ok(await sync.consultarComprador(identificacion)),
  };
};
