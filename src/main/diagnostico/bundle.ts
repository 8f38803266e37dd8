/**
 * «Exportar diagnóstico» (issue 11 §5): what support needs to understand a counter, in one
 * ZIP — versions, database health and sizes, counts by status, queue ages, backups, and the
 * recent logs — without personal data or key material: no buyer names or ids, no XML, no
 * settings values, no certificate.
 */
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type Sqlite from 'better-sqlite3';
import { ZipFile } from 'yazl';
import { err, ok, type Result } from '../../shared/result';
import type { Clock } from '../log';
import { redactar, redactarTexto } from './redact';

export type DiagnosticoDeps = {
  sqlite: Sqlite.Database;
  /** Folder with `*.log` files (host: `<dataDir>/logs`; Electron: electron-log's folder). */
  logsDir: string;
  /** Backups shown by name and size only. */
  backups: () => { nombre: string; bytes: number; tomadoEn: string }[];
  version: string;
  clock: Clock;
};

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Tables worth counting: ours, not SQLite's nor FTS5's shadow tables. */
const tables = (sqlite: Sqlite.Database): string[] =>
  sqlite
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE '%_fts_%' ORDER BY name`,
    )
    .all()
    .map((r) => r.name);

const groupCount = (sqlite: Sqlite.Database, sql: string): Record<string, number | string> => {
  try {
    return Object.fromEntries(
      sqlite
        .prepare<[], { k: string; n: number | string }>(sql)
        .all()
        .map((r) => [r.k, r.n]),
    );
  } catch (error) {
    return { error: error instanceof Error ? redactarTexto(error.message) : 'desconocido' };
  }
};

/** The statistics part of the bundle; counts and states only. */
export const estadisticasBase = (sqlite: Sqlite.Database): Record<string, unknown> => {
  const pragma = (name: string): unknown => sqlite.pragma(name, { simple: true });
  const filas: Record<string, number> = {};
  for (const table of tables(sqlite)) {
    filas[table] =
      sqlite.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${quote(table)}`).get()?.n ?? 0;
  }
  return {
    sqlite: sqlite.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()?.v ?? null,
    pragmas: {
      page_size: pragma('page_size'),
      page_count: pragma('page_count'),
      freelist_count: pragma('freelist_count'),
      journal_mode: pragma('journal_mode'),
      synchronous: pragma('synchronous'),
      foreign_keys: pragma('foreign_keys'),
      user_version: pragma('user_version'),
      quick_check: pragma('quick_check'),
    },
    migraciones: sqlite
      .prepare<[], { tag: string; applied_at: string }>(
        'SELECT tag, applied_at FROM schema_migrations ORDER BY idx',
      )
      .all(),
    filas,
    documentosPorEstado: groupCount(
      sqlite,
      "SELECT cod_doc || ' ' || status AS k, count(*) AS n FROM document GROUP BY cod_doc, status",
    ),
    colaPorEstado: groupCount(
      sqlite,
      "SELECT kind || ' ' || status AS k, count(*) AS n FROM outbox_job GROUP BY kind, status",
    ),
    colaMasAntigua: groupCount(
      sqlite,
      "SELECT kind AS k, min(created_at) AS n FROM outbox_job WHERE status = 'pending' GROUP BY kind",
    ),
    impresionPorEstado: groupCount(
      sqlite,
      'SELECT status AS k, count(*) AS n FROM print_job GROUP BY status',
    ),
    ajustesConfigurados: sqlite
      .prepare<[], { key: string }>('SELECT key FROM settings ORDER BY key')
      .all()
      .map((r) => r.key),
  };
};

/** Re-redacts a log file line by line: older lines may predate a redaction rule. */
const limpiarLog = (text: string): string =>
  text
    .split('\n')
    .map((line) => {
      if (line.trim() === '') return line;
      try {
        return JSON.stringify(redactar(JSON.parse(line)));
      } catch {
        return redactarTexto(line);
      }
    })
    .join('\n')
    // Cédulas and RUCs of buyers may appear in free text; claves de acceso (49 digits) stay.
    .replace(/(?<!\d)\d{10}(\d{3})?(?!\d)/g, '[identificación oculta]');

/**
 * Writes the diagnostics ZIP to `archivo` (through a temporary file).
 * @example await exportarDiagnostico({ sqlite, logsDir, backups, version, clock }, '/tmp/diagnostico.zip')
 */
export const exportarDiagnostico = async (
  deps: DiagnosticoDeps,
  archivo: string,
): Promise<Result<{ archivo: string; bytes: number }>> => {
  const resumen = {
    generadoEn: deps.clock.now().toISOString(),
    versiones: {
      mostrador: deps.version,
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
      v8: process.versions.v8,
      modules: process.versions.modules,
    },
    sistema: {
      plataforma: process.platform,
      arquitectura: process.arch,
      version: os.release(),
      memoriaTotalMb: Math.round(os.totalmem() / 1024 / 1024),
      memoriaLibreMb: Math.round(os.freemem() / 1024 / 1024),
      procesadores: os.cpus().length,
      zonaHoraria: Intl.DateTimeFormat().resolvedOptions().timeZone,
      procesoMemoriaMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
      activoDesdeS: Math.round(process.uptime()),
    },
    baseDeDatos: estadisticasBase(deps.sqlite),
    respaldos: deps
      .backups()
      .map((b) => ({ nombre: b.nombre, bytes: b.bytes, tomadoEn: b.tomadoEn })),
  };
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(resumen, null, 2)}\n`), 'diagnostico.json');
  let logs: string[] = [];
  try {
    logs = readdirSync(deps.logsDir)
      .filter((name) => name.endsWith('.log'))
      .sort();
  } catch {
    logs = [];
  }
  for (const name of logs) {
    let text: string;
    try {
      text = readFileSync(path.join(deps.logsDir, name), 'utf8');
    } catch {
      continue;
    }
    zip.addBuffer(Buffer.from(limpiarLog(text)), `logs/${name}`);
  }
  zip.end();
  const partial = `${archivo}.${process.pid}.part`;
  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    await rename(partial, archivo);
  } catch (error) {
    await rm(partial, { force: true });
    return err(
      'diagnostico_fallido',
      `No se pudo escribir el diagnóstico en ${archivo}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return ok({ archivo, bytes: (await stat(archivo)).size });
};
