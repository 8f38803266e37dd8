import { guardarConfiguracionBalanza, leerConfiguracionBalanza } from '../catalogo/balanza';
import { appendAudit, type Database } from '../db';
import type { Clock } from '../log';
import type { HandlerGroup } from '../rpc';
import { exigirAutorizacion } from './autorizacion';

/** `ajustes.*` calls of the scale-label layout; changing it needs an administrador. */
export const createBalanzaHandlers = (deps: {
  db: Database;
  clock: Clock;
}): HandlerGroup<'ajustes.etiquetaBalanza' | 'ajustes.guardarEtiquetaBalanza'> => {
  const { db, clock } = deps;
  const leer = () => {
    const r = leerConfiguracionBalanza(db);
    return r.ok ? { ok: true as const, value: { configuracion: r.value } } : r;
  };
  return {
    'ajustes.etiquetaBalanza': () => leer(),
    'ajustes.guardarEtiquetaBalanza': async ({ autorizacion, configuracion }) => {
      const quien = await exigirAutorizacion(db, autorizacion, 'administrador', {
        clock,
        accion: 'ajustes.etiqueta_balanza',
      });
      if (!quien.ok) return quien;
      db.sqlite.transaction(() => {
        guardarConfiguracionBalanza(db, configuracion, clock);
        appendAudit(
          db,
          {
            userId: quien.value?.id ?? null,
            action: 'ajustes.etiqueta_balanza',
            detail: { configuracion },
          },
          clock,
        );
      })();
      return leer();
    },
  };
};
