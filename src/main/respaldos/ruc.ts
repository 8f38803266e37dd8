/**
 * Whose backup it is (issue 15 §6). Restoring another store's backup replaces this store's
 * sales, users and issuer with someone else's: legal when a technician moves a store to a new
 * company, never by accident. A backup of another RUC needs an administrador's confirmation that
 * names both RUCs (`confirmarOtroRuc` of the call, bound to its approval).
 *
 * Which RUC "the store" has: the open database's issuer; with a damaged database (the recovery
 * screen, `mostrador restaurar`) every RUC still known — the damaged file's issuer if it can be
 * read, and the RUCs of the secuenciales' mark kept in the data folder (written with every sale,
 * outside the database). The marks beside other backups are not used: a crafted backup can bring
 * its own. When none is known (a new machine, a store that never sold) there is nothing to
 * compare and the backup is taken as this store's.
 */
import Sqlite from 'better-sqlite3';
import { err, ok, type Result } from '../../shared/result';
import { archivoMarcaDe, leerMarca } from '../db/marcaSecuenciales';

export type ConfirmacionOtroRuc = { rucRespaldo: string; rucTienda: string };

const leerRucs = (file: string): string[] => {
  let db: Sqlite.Database | undefined;
  try {
    db = new Sqlite(file, { readonly: true, fileMustExist: true });
    return (db.prepare('SELECT DISTINCT ruc FROM issuer ORDER BY ruc').all() as { ruc: string }[])
      .map((f) => f.ruc)
      .filter((r) => r.length > 0);
  } catch {
    return [];
  } finally {
    db?.close();
  }
};

/** The issuer's RUC in a backup (checked by `inspectBackup` first); null when it has none. */
export const rucDelRespaldo = (file: string): string | null => leerRucs(file)[0] ?? null;

/**
 * The RUCs a store with a damaged or missing database is known by: its database's issuer if the
 * file still reads, and the data folder's secuenciales mark (`<RUC>-<estab>-<pto>-<codDoc>`).
 */
export const rucsConocidos = (databaseFile: string): string[] => {
  const rucs = new Set(leerRucs(databaseFile));
  for (const clave of Object.keys(leerMarca(archivoMarcaDe(databaseFile)))) {
    const ruc = clave.split('-')[0];
    if (ruc !== undefined && /^\d{13}$/.test(ruc)) rucs.add(ruc);
  }
  return [...rucs].sort();
};

/**
 * Same store, nothing known to compare, or a confirmation naming exactly both RUCs: ok (with the
 * confirmation when the RUCs differ, for the audit). Otherwise `respaldo_otro_ruc`.
 * @example revisarRuc('0999999999001', ['1790012345001'], undefined) // err('respaldo_otro_ruc', …)
 */
export const revisarRuc = (
  rucRespaldo: string | null,
  rucsTienda: readonly string[],
  confirmacion: ConfirmacionOtroRuc | undefined,
): Result<ConfirmacionOtroRuc | null> => {
  if (rucRespaldo === null || rucsTienda.length === 0 || rucsTienda.includes(rucRespaldo)) {
    return ok(null);
  }
  if (
    confirmacion !== undefined &&
    confirmacion.rucRespaldo === rucRespaldo &&
    rucsTienda.includes(confirmacion.rucTienda)
  ) {
    return ok(confirmacion);
  }
  const tienda = rucsTienda.map((r) => `RUC ${r}`).join(' o ');
  return err(
    'respaldo_otro_ruc',
    `El respaldo es de otra tienda: RUC ${rucRespaldo}; esta tienda es ${tienda}. Restaurarlo reemplaza los datos de esta tienda por los de la otra: un administrador debe confirmarlo nombrando los dos RUC.`,
    'confirmarOtroRuc',
  );
};
