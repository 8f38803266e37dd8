/** People who use the counter, with their role and PIN (stored hashed). */
import { asc, eq } from 'drizzle-orm';
import type { Clock } from '../../log';
import type { Database } from '../connection';
import type { IdGenerator } from '../ids';
import { pimientaDe } from '../pimienta';
import { hashPin, pimientaCorresponde, pinConPimienta, verifyPin } from '../pin';
import { appUser, type ROLES } from '../schema';

export type AppUser = Omit<typeof appUser.$inferSelect, 'pinHash'>;
export type Rol = (typeof ROLES)[number];

const publicColumns = {
  id: appUser.id,
  nombre: appUser.nombre,
  rol: appUser.rol,
  active: appUser.active,
  createdAt: appUser.createdAt,
};

export const listUsers = (db: Database): AppUser[] =>
  db.orm.select(publicColumns).from(appUser).orderBy(asc(appUser.nombre)).all();

export const getUser = (db: Database, id: string): AppUser | undefined =>
  db.orm.select(publicColumns).from(appUser).where(eq(appUser.id, id)).get();

/** Creates a user; `pin` must already be validated (`validatePin`). */
export const createUser = async (
  db: Database,
  input: { nombre: string; rol: Rol; pin: string },
  deps: { clock: Clock; ids: IdGenerator },
): Promise<AppUser> => {
  const pinHash = await hashPin(input.pin, await pimientaDe(db));
  return db.orm
    .insert(appUser)
    .values({
      id: deps.ids.newId(),
      nombre: input.nombre.trim(),
      rol: input.rol,
      pinHash,
      active: true,
      createdAt: deps.clock.now().toISOString(),
    })
    .returning(publicColumns)
    .get();
};

/**
 * The active user whose PIN this is, checking only `userId` (no PIN enumeration).
 * `'sin_pimienta'`: the hash needs the keychain's pepper and the keychain did not give it (locked)
 * or gave another one (a backup from another computer): the PIN was not checked at all. A correct PIN under an older hash without
 * pepper is re-hashed with it (issue 15 §5).
 */
export const checkUserPin = async (
  db: Database,
  userId: string,
  pin: string,
): Promise<AppUser | undefined | 'sin_pimienta'> => {
  const row = db.orm.select().from(appUser).where(eq(appUser.id, userId)).get();
  if (row === undefined || !row.active) return undefined;
  const pimienta = await pimientaDe(db);
  const conPimienta = pinConPimienta(row.pinHash);
  if (!pimientaCorresponde(row.pinHash, pimienta)) return 'sin_pimienta';
  if (!(await verifyPin(pin, row.pinHash, pimienta))) return undefined;
  if (!conPimienta && pimienta !== null) {
    const pinHash = await hashPin(pin, pimienta);
    // Only if nobody changed the PIN meanwhile (cambiarPin during the slow hash).
    db.sqlite
      .prepare('UPDATE app_user SET pin_hash = ? WHERE id = ? AND pin_hash = ?')
      .run(pinHash, row.id, row.pinHash);
  }
  const { pinHash: _hidden, ...user } = row;
  return user;
};
