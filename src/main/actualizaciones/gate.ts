/**
 * When an update may be installed. Installing restarts the app, so it must wait while:
 * a sale is open in the counter (the renderer reports its cart), a credit note is being
 * emitted (the emission holds a lease), or a document sits in `SUBMITTED_TO_SRI` (its answer
 * is on the wire; docs/architecture.md §4).
 */
import type Sqlite from 'better-sqlite3';

export type MotivoEspera = 'venta_abierta' | 'nota_credito' | 'documento_en_envio';

export type Espera = { motivo: MotivoEspera; mensaje: string };

export type Actividad = {
  /** The renderer says whether its cart has lines (`app.carritoAbierto`). */
  carritoAbierto: (puesto: string, abierto: boolean) => void;
  /** Held while a credit note is emitted; call the returned function when done. */
  ocupar: (motivo: 'nota_credito') => () => void;
  /** Empty when installing now would interrupt nothing. */
  esperas: () => Espera[];
};

/** Counts documents whose SRI request is in flight. */
export const documentosEnEnvio = (sqlite: Sqlite.Database) => {
  const count = sqlite.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM document WHERE status = 'SUBMITTED_TO_SRI'",
  );
  return (): number => (sqlite.open ? (count.get()?.n ?? 0) : 0);
};

/**
 * The activity tracker the update policy asks before installing.
 * @example const actividad = createActividad({ enEnvio: documentosEnEnvio(db.sqlite) })
 */
export const createActividad = (deps: { enEnvio: () => number }): Actividad => {
  const carritos = new Set<string>();
  const notas = new Set<symbol>();
  return {
    carritoAbierto: (puesto, abierto) => {
      if (abierto) carritos.add(puesto);
      else carritos.delete(puesto);
    },
    ocupar: () => {
      const lease = Symbol('nota_credito');
      notas.add(lease);
      return () => {
        notas.delete(lease);
      };
    },
    esperas: () => {
      const list: Espera[] = [];
      if (carritos.size > 0) {
        list.push({ motivo: 'venta_abierta', mensaje: 'Hay una venta abierta en la caja.' });
      }
      if (notas.size > 0) {
        list.push({ motivo: 'nota_credito', mensaje: 'Se está emitiendo una nota de crédito.' });
      }
      const enEnvio = deps.enEnvio();
      if (enEnvio > 0) {
        list.push({
          motivo: 'documento_en_envio',
          mensaje:
            enEnvio === 1
              ? 'Un documento enviado al SRI espera respuesta.'
              : `${enEnvio} documentos enviados al SRI esperan respuesta.`,
        });
      }
      return list;
    },
  };
};
