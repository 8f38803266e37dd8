/**
 * The store's legal profile (restaurant or not, province and canton), one JSON setting. Read on
 * every sale: a missing or unreadable value means the defaults (not a restaurant, no place).
 */
import { type Local, localSchema } from '../../../shared/contract/ajustes';
import type { Clock } from '../../log';
import type { Database } from '../connection';
import { getSetting, setSetting } from './settings';

export const LOCAL_SETTING = 'tienda.local';

export const LOCAL_POR_DEFECTO: Local = { esRestaurante: false, provincia: null, canton: null };

/** @example leerLocal(db) // { esRestaurante: false, provincia: null, canton: null } */
export const leerLocal = (db: Database): Local => {
  const leido = getSetting(db, LOCAL_SETTING, localSchema);
  return leido.ok && leido.value !== undefined ? leido.value : LOCAL_POR_DEFECTO;
};

export const guardarLocal = (db: Database, local: Local, clock: Clock): void =>
  setSetting(db, LOCAL_SETTING, localSchema.parse(local), clock);
