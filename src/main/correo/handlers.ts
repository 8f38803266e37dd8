/** Handlers of the `correo.*` calls: Ajustes › Correo and Conciliación's «Reenviar». */

import type { EntregaCorreo } from '../../shared/contract/correo';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import { err, ok, type Result } from '../../shared/result';
import { type AppUser, appendAudit, type Database } from '../db';
import type { Clock } from '../log';
import type { HandlerGroup } from '../rpc';
import type { CorreoAjustes } from './ajustes';
import type { createReenvio } from './reenvio';

type Reenviar = ReturnType<typeof createReenvio>;

export type CorreoCallName =
  | 'correo.estado'
  | 'correo.configurar'
  | 'correo.eliminar'
  | 'correo.probar'
  | 'correo.reenviar';

export type CorreoHandlersDeps = {
  ajustes: CorreoAjustes;
  db: Database;
  clock: Clock;
  /** An administrador's approval: null on a store without users yet, the approver otherwise. */
  administrador: (
    autorizacion: AprobacionEnLinea | undefined,
    accion: string,
  ) => Promise<Result<AppUser | null>>;
  usuarioActualId: () => string | null;
  /** The server changed: messages waiting for one are due now. */
  alCambiar: () => void;
  reenviar: Reenviar;
  /** A document's delivery as Conciliación shows it. */
  leerEntrega: (documentId: string) => EntregaCorreo | null;
  /** A delivery was queued again: wake the lane and tell the screens. */
  alReenviar: (documentId: string) => void;
};

/**
 * @example const handlers = { ...createCorreoHandlers({ ajustes, db, clock, administrador, usuarioActualId, alCambiar }) };
 */
export const createCorreoHandlers = (deps: CorreoHandlersDeps): HandlerGroup<CorreoCallName> => {
  const { ajustes, db, clock } = deps;
  const auditar = (quien: AppUser | null, action: string, detail: Record<string, unknown>) =>
    appendAudit(db, { userId: quien?.id ?? deps.usuarioActualId(), action, detail }, clock);
  return {
    'correo.estado': () => ok(ajustes.estado()),
    'correo.configurar': async ({ autorizacion, ...nuevo }) => {
      const admin = await deps.administrador(autorizacion, 'correo.configurar');
      if (!admin.ok) return admin;
      const r = await ajustes.configurar(nuevo);
      if (!r.ok) return r;
      // The audit names the server and the sender, never the password (only that it changed).
      auditar(admin.value, 'correo.configurado', {
        servidor: nuevo.servidor,
        puerto: nuevo.puerto,
        seguridad: nuevo.seguridad,
        usuario: nuevo.usuario,
        remitente: nuevo.remitenteCorreo,
        proveedor: nuevo.proveedor,
        contrasenaCambiada: nuevo.contrasena !== undefined,
      });
      deps.alCambiar();
      return r;
    },
    'correo.eliminar': async ({ autorizacion }) => {
      const admin = await deps.administrador(autorizacion, 'correo.eliminar');
      if (!admin.ok) return admin;
      const r = await ajustes.eliminar();
      if (!r.ok) return r;
      auditar(admin.value, 'correo.eliminado', {});
      deps.alCambiar();
      return r;
    },
    'correo.reenviar': ({ id, para }) => {
      const quien = deps.usuarioActualId();
      if (quien === null) return err('sin_sesion', 'Ingrese con su PIN para reenviar el correo.');
      const hecho = deps.reenviar(id, para, clock.now().toISOString());
      if (!hecho.ok) return hecho;
      const { antes } = hecho.value;
      appendAudit(
        db,
        {
          userId: quien,
          action: 'correo.reenviado',
          detail: {
            documentoId: id,
            para: hecho.value.para,
            antes:
              antes === null
                ? null
                : {
                    para: antes.para,
                    estado: antes.estado,
                    ...(antes.estado === 'rechazado' ? { motivo: antes.motivo } : {}),
                    ...(antes.estado === 'enviado' ? { enviadoEn: antes.enviadoEn } : {}),
                  },
          },
        },
        clock,
      );
      deps.alReenviar(id);
      const entrega = deps.leerEntrega(id);
      return entrega === null
        ? err('correo_documento', 'No se pudo leer el envío recién creado.')
        : ok(entrega);
    },
    'correo.probar': async ({ para, autorizacion }) => {
      const admin = await deps.administrador(autorizacion, 'correo.probar');
      if (!admin.ok) return admin;
      const prueba = await ajustes.probar(para);
      auditar(admin.value, 'correo.prueba', { para, exito: prueba.exito });
      return ok(prueba);
    },
  };
};
