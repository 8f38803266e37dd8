/** Handlers of the `factio.*` calls and `compradores.consultar`, over the sync service. */

import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import { ok, type Result } from '../../shared/result';
import { type AppUser, appendAudit, type Database, type IdGenerator } from '../db';
import type { Clock } from '../log';
import type { HandlerGroup } from '../rpc';
import { aceptarCambioEmisor, leerCambioEmisor } from './cambiosEmisor';
import { origenDe, urlFactioPermitida } from './seguridad';
import type { SyncService } from './service';

export type SyncCallName =
  | 'factio.estado'
  | 'factio.guardarClave'
  | 'factio.eliminarClave'
  | 'factio.probar'
  | 'factio.configurar'
  | 'factio.sincronizar'
  | 'factio.conciliacion'
  | 'compradores.consultar'
  | 'factio.cambioEmisor'
  | 'factio.aceptarCambioEmisor';

export type SyncHandlersDeps = {
  sync: SyncService;
  db: Database;
  ids: IdGenerator;
  clock: Clock;
  /** Training mode: http to 127.0.0.1 is allowed (the built-in fakes). */
  modoPractica: boolean;
  /**
   * An administrador's approval (`exigirAutorizacion` of Ajustes): null on a store without
   * users yet, the approver otherwise, or the Spanish refusal.
   */
  administrador: (
    autorizacion: AprobacionEnLinea | undefined,
    accion: string,
  ) => Promise<Result<AppUser | null>>;
  /** Who is at the counter, named in the audit when no approver is (first use). */
  usuarioActualId: () => string | null;
};

/**
 * @example const handlers = { ...createSyncHandlers({ sync, db, clock, modoPractica, administrador, usuarioActualId }) };
 */
export const createSyncHandlers = (deps: SyncHandlersDeps): HandlerGroup<SyncCallName> => {
  const { sync, db, clock } = deps;
  const auditar = (quien: AppUser | null, action: string, detail: Record<string, unknown>) =>
    appendAudit(db, { userId: quien?.id ?? deps.usuarioActualId(), action, detail }, clock);
  return {
    'factio.estado': () => ok(sync.estado()),
    'factio.guardarClave': async ({ clave, autorizacion }) => {
      const admin = await deps.administrador(autorizacion, 'factio.guardarClave');
      if (!admin.ok) return admin;
      const r = await sync.guardarClave(clave);
      if (r.ok) auditar(admin.value, 'factio.clave_guardada', { claveFinal: r.value.claveFinal });
      return r;
    },
    'factio.eliminarClave': async ({ autorizacion }) => {
      const admin = await deps.administrador(autorizacion, 'factio.eliminarClave');
      if (!admin.ok) return admin;
      const r = await sync.eliminarClave();
      if (r.ok) auditar(admin.value, 'factio.clave_eliminada', {});
      return r;
    },
    'factio.probar': async () => ok(await sync.probar()),
    'factio.configurar': async ({ ambiente, url, autorizacion }) => {
      const permitida = urlFactioPermitida(url, deps.modoPractica);
      if (!permitida.ok) return permitida;
      const admin = await deps.administrador(autorizacion, 'factio.configurar');
      if (!admin.ok) return admin;
      const antes = sync.estado();
      const estado = sync.configurar(ambiente, url);
      auditar(admin.value, 'factio.configurado', {
        antes: { ambiente: antes.ambiente, servidor: origenDe(antes.url) },
        despues: { ambiente, servidor: origenDe(url) },
      });
      return ok(estado);
    },
    'factio.cambioEmisor': () => {
      const cambio = leerCambioEmisor(db);
      const valor = (v: unknown): string | boolean | null =>
        typeof v === 'string' || typeof v === 'boolean' ? v : v === null ? null : String(v);
      return ok(
        cambio === null
          ? null
          : {
              recibidoEn: cambio.recibidoEn,
              campos: cambio.campos.map((c) => ({
                campo: c.campo,
                antes: valor(c.antes),
                despues: valor(c.despues),
              })),
            },
      );
    },
    'factio.aceptarCambioEmisor': async ({ autorizacion }) => {
      const admin = await deps.administrador(autorizacion, 'factio.aceptarCambioEmisor');
      if (!admin.ok) return admin;
      const hecho = aceptarCambioEmisor(db, { clock, ids: deps.ids }, admin.value);
      return hecho.ok ? ok({ aceptado: true }) : hecho;
    },
    'factio.sincronizar': () => ok(sync.sincronizar()),
    'factio.conciliacion': async ({ desde, hasta }) => ok(await sync.conciliacion(desde, hasta)),
    'compradores.consultar': async ({ identificacion }) =>
      ok(await sync.consultarComprador(identificacion)),
  };
};
