/** The update settings (feed URL and channel), stored in the `settings` table. */
import * as z from 'zod';
import { type Database, getSetting, setSetting } from '../db';
import type { Clock } from '../log';
import type { Canal } from './feed';
import type { ConfigActualizaciones } from './policy';

export const UPDATE_SETTING_KEYS = {
  url: 'actualizaciones.url',
  canal: 'actualizaciones.canal',
} as const;

const urlSchema = z.url({ protocol: /^https?$/ });
const canalSchema = z.enum(['estable', 'beta']);

/**
 * The stored configuration; `fallbackUrl` (the feed baked into the build) when none was set.
 * @example leerConfigActualizaciones(db, null) // { url: null, canal: 'estable' }
 */
export const leerConfigActualizaciones = (
  db: Database,
  fallbackUrl: string | null,
): ConfigActualizaciones => {
  const url = getSetting(db, UPDATE_SETTING_KEYS.url, urlSchema.nullable());
  const canal = getSetting(db, UPDATE_SETTING_KEYS.canal, canalSchema);
  return {
    url: url.ok && url.value !== undefined ? url.value : fallbackUrl,
    canal: canal.ok && canal.value !== undefined ? canal.value : 'estable',
  };
};

export const guardarConfigActualizaciones = (
  db: Database,
  config: { url?: string | null; canal?: Canal },
  clock: Clock,
): void => {
  if (config.url !== undefined) setSetting(db, UPDATE_SETTING_KEYS.url, config.url, clock);
  if (config.canal !== undefined) setSetting(db, UPDATE_SETTING_KEYS.canal, config.canal, clock);
};
