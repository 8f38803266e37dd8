/**
 * Backup files on disk: `<base>-<ISO stamp>-<label>.sqlite`, as `backupDatabase` names them.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export type TipoRespaldo = 'diario' | 'manual' | 'migracion' | 'antes_de_restaurar';

export type RespaldoArchivo = {
  nombre: string;
  ruta: string;
  tomadoEn: string;
  tipo: TipoRespaldo;
  bytes: number;
};

export const LABELS = {
  diario: 'diario',
  manual: 'manual',
  antesDeRestaurar: 'antes-de-restaurar',
} as const;

const NAME = /^(.+)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(.+?)(?:-\d+)?\.sqlite$/;

const tipoDe = (label: string): TipoRespaldo | null => {
  if (label === LABELS.diario) return 'diario';
  if (label === LABELS.manual) return 'manual';
  if (label === LABELS.antesDeRestaurar) return 'antes_de_restaurar';
  if (label.startsWith('antes-de-')) return 'migracion';
  return null;
};

/** Reads a backup file name; null for anything else in the folder. */
export const parseBackupName = (
  name: string,
  base: string,
): { at: Date; tipo: TipoRespaldo } | null => {
  const match = NAME.exec(name);
  if (match === null || match[1] !== base) return null;
  const tipo = tipoDe(match[7] as string);
  if (tipo === null) return null;
  const at = new Date(`${match[2]}T${match[3]}:${match[4]}:${match[5]}.${match[6]}Z`);
  return Number.isNaN(at.getTime()) ? null : { at, tipo };
};

/** The backups of database `base` in `folder`, newest first; an absent folder has none. */
export const listBackups = (folder: string, base: string): RespaldoArchivo[] => {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const found: RespaldoArchivo[] = [];
  for (const nombre of names) {
    const parsed = parseBackupName(nombre, base);
    if (parsed === null) continue;
    const ruta = path.join(folder, nombre);
    try {
      found.push({
        nombre,
        ruta,
        tomadoEn: parsed.at.toISOString(),
        tipo: parsed.tipo,
        bytes: statSync(ruta).size,
      });
    } catch {
      // Removed between readdir and stat (another rotation): not a backup any more.
    }
  }
  return found.sort((a, b) => (a.tomadoEn < b.tomadoEn ? 1 : a.tomadoEn > b.tomadoEn ? -1 : 0));
};
