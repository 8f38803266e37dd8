/**
 * The issuer's data and ambiente are the store's fiscal identity: a sync never rewrites them
 * (issue 15 item 2). What Factio says differently is kept as a proposal that an administrador
 * accepts in Ajustes; the ambiente is never taken from Factio at all — it changes only through
 * `ajustes.cambiarAmbiente`, with its own confirmations.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import {
  type AppUser,
  appendAudit,
  type Database,
  deleteSetting,
  getSetting,
  type IdGenerator,
  type Issuer,
  type IssuerInput,
  schema,
  setSetting,
  upsertIssuer,
} from '../db';
import type { Clock } from '../log';

export const CLAVE_CAMBIO_EMISOR = 'factio.cambio_emisor_pendiente';

/** Issuer fields a sync may propose; the ambiente is not among them on purpose. */
const CAMPOS = [
  'razonSocial',
  'nombreComercial',
  'direccionMatriz',
  'obligadoContabilidad',
  'contribuyenteEspecial',
  'agenteRetencion',
  'regimen',
] as const;
type Campo = (typeof CAMPOS)[number];

const cambioSchema = z.object({
  issuerId: z.string(),
  ruc: z.string(),
  recibidoEn: z.string(),
  campos: z.array(z.object({ campo: z.string(), antes: z.unknown(), despues: z.unknown() })),
  propuesta: z.record(z.string(), z.unknown()),
});
export type CambioEmisor = z.infer<typeof cambioSchema>;

/**
 * What to write for an issuer Factio sent: a new one as sent (ambiente included: nothing local
 * to protect yet); an existing one unchanged but linked, with the differences kept to accept.
 */
export const resolverEmisorDeFactio = (
  db: Database,
  existente: Issuer | undefined,
  propuesto: IssuerInput,
  clock: Clock,
): IssuerInput => {
  if (existente === undefined) return propuesto;
  const campos = CAMPOS.filter((c) => existente[c] !== propuesto[c]).map((c: Campo) => ({
    campo: c,
    antes: existente[c],
    despues: propuesto[c],
  }));
  if (campos.length > 0) {
    const previo = leerCambioEmisor(db);
    const nuevo: CambioEmisor = {
      issuerId: existente.id,
      ruc: existente.ruc,
      recibidoEn: clock.now().toISOString(),
      campos,
      propuesta: Object.fromEntries(CAMPOS.map((c) => [c, propuesto[c]])),
    };
    if (JSON.stringify(previo?.propuesta) !== JSON.stringify(nuevo.propuesta)) {
      setSetting(db, CLAVE_CAMBIO_EMISOR, nuevo, clock);
      appendAudit(
        db,
        {
          action: 'factio.cambio_emisor_pendiente',
          detail: { campos: campos.map((c) => c.campo) },
        },
        clock,
      );
    }
  }
  const { id: _id, updatedAt: _u, ...actual } = existente;
  return { ...actual, id: existente.id, remoteId: propuesto.remoteId ?? existente.remoteId };
};

/** @example emisorPorId(db, id)?.razonSocial */
export const emisorPorId = (db: Database, id: string): Issuer | undefined =>
  db.orm.select().from(schema.issuer).where(eq(schema.issuer.id, id)).get();

export const leerCambioEmisor = (db: Database): CambioEmisor | null => {
  const r = getSetting(db, CLAVE_CAMBIO_EMISOR, cambioSchema);
  return r.ok && r.value !== undefined ? r.value : null;
};

/** The administrador accepts what Factio proposed: written and audited, naming them. */
export const aceptarCambioEmisor = (
  db: Database,
  deps: { clock: Clock; ids: IdGenerator },
  admin: AppUser | null,
): Result<void> => {
  const cambio = leerCambioEmisor(db);
  if (cambio === null) {
    return err('sin_cambio_emisor', 'No hay cambios de Factio pendientes para el emisor.');
  }
  const fila = db.sqlite
    .prepare<[string], { ruc: string; ambiente: IssuerInput['ambiente']; remoteId: string | null }>(
      'SELECT ruc, ambiente, remote_id AS remoteId FROM issuer WHERE id = ?',
    )
    .get(cambio.issuerId);
  if (fila === undefined) {
    deleteSetting(db, CLAVE_CAMBIO_EMISOR);
    return err('sin_cambio_emisor', 'El emisor de ese cambio ya no existe.');
  }
  db.sqlite.transaction(() => {
    // The RUC and the ambiente stay as they are: only Ajustes changes them.
    upsertIssuer(
      db,
      {
        ...(cambio.propuesta as Omit<IssuerInput, 'ruc' | 'ambiente'>),
        id: cambio.issuerId,
        ruc: fila.ruc,
        ambiente: fila.ambiente,
        remoteId: fila.remoteId,
      },
      deps,
    );
    deleteSetting(db, CLAVE_CAMBIO_EMISOR);
    appendAudit(
      db,
      {
        userId: admin?.id ?? null,
        action: 'ajustes.cambio_emisor_aceptado',
        detail: { campos: cambio.campos.map((c) => c.campo) },
      },
      deps.clock,
    );
  })();
  return ok(undefined);
};
