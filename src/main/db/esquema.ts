/**
 * The schema a backup must have (issue 15 §6). A restored file brings its own tables, indexes and
 * triggers; one whose audit or immutability triggers were dropped, or with a trigger added that
 * erases audit rows, would run as the store's database. Before a restore its `sqlite_master` is
 * compared with the one the migrations produce at the backup's own migration level (an older
 * backup is migrated after the restore, so it is compared with that older schema).
 */
import Sqlite from 'better-sqlite3';
import { type Clock, silentLogger } from '../log';
import { type Migration, migrate } from './migrator';

type Tipo = 'table' | 'index' | 'trigger' | 'view';

export type ObjetoEsquema = { tipo: Tipo; nombre: string; sql: string | null };

/** `tipo:nombre` → normalized SQL. */
export type Esquema = Map<string, ObjetoEsquema>;

const NOMBRE_TIPO: Record<Tipo, { art: string; nombre: string }> = {
  table: { art: 'la', nombre: 'tabla' },
  index: { art: 'el', nombre: 'índice' },
  trigger: { art: 'el', nombre: 'disparador' },
  view: { art: 'la', nombre: 'vista' },
};

/**
 * Whitespace and identifier quoting vary with how SQLite rewrote a statement (ALTER TABLE);
 * neither changes what it does. String literals keep their case and spaces.
 */
export const normalizarSql = (sql: string): string => {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (c === "'") {
      const fin = sql.indexOf("'", i + 1);
      const hasta = fin === -1 ? sql.length : fin + 1;
      out += sql.slice(i, hasta);
      i = hasta;
      continue;
    }
    if (c === '"' || c === '`' || c === '[' || c === ']') {
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      while (i < sql.length && /\s/.test(sql[i] as string)) i++;
      if (out.length > 0 && !/[(,]$/.test(out)) out += ' ';
      continue;
    }
    if ((c === ')' || c === ',' || c === '(') && out.endsWith(' ')) out = out.slice(0, -1);
    out += c.toLowerCase();
    i++;
  }
  return out.trim();
};

/** Statistics tables appear after ANALYZE / `PRAGMA optimize`; they hold no behaviour. */
const ESTADISTICAS = /^sqlite_stat[1-4]$/;

/** The tables, indexes, triggers and views of an open database. */
export const leerEsquema = (sqlite: Sqlite.Database): Esquema => {
  const filas = sqlite
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'index', 'trigger', 'view')",
    )
    .all() as { type: Tipo; name: string; sql: string | null }[];
  const esquema: Esquema = new Map();
  for (const f of filas) {
    if (f.type === 'table' && ESTADISTICAS.test(f.name)) continue;
    esquema.set(`${f.type}:${f.name}`, {
      tipo: f.type,
      nombre: f.name,
      sql: f.sql === null ? null : normalizarSql(f.sql),
    });
  }
  return esquema;
};

const relojFijo: Clock = { now: () => new Date(0) };

const cache = new Map<string, Esquema>();

/**
 * The schema the first `hasta` migrations produce, from an in-memory database migrated once per
 * level and process.
 */
export const esquemaDeReferencia = (migrations: readonly Migration[], hasta: number): Esquema => {
  const aplicadas = migrations.slice(0, hasta);
  const clave = aplicadas.map((m) => `${m.tag}:${m.hash}`).join('|');
  const guardado = cache.get(clave);
  if (guardado !== undefined) return guardado;
  const memoria = new Sqlite(':memory:');
  try {
    const hecho = migrate(memoria, {
      file: ':memory:',
      migrations: aplicadas,
      backupDir: '',
      clock: relojFijo,
      logger: silentLogger,
    });
    // The app's own migrations failing on an empty database is a broken build, not user input.
    if (!hecho.ok) throw new Error(`Migraciones inválidas: ${hecho.error.message}`);
    const esquema = leerEsquema(memoria);
    cache.set(clave, esquema);
    return esquema;
  } finally {
    memoria.close();
  }
};

/**
 * What differs between a database's schema and the reference, in words for the owner: «falta el
 * disparador audit_log_no_delete», «sobra el disparador x», «cambió la tabla y». Empty when equal.
 */
export const diferenciasDeEsquema = (real: Esquema, referencia: Esquema): string[] => {
  const diferencias: string[] = [];
  const nombre = (o: ObjetoEsquema) => `${NOMBRE_TIPO[o.tipo].art} ${NOMBRE_TIPO[o.tipo].nombre}`;
  for (const [clave, esperado] of referencia) {
    const hallado = real.get(clave);
    if (hallado === undefined) diferencias.push(`falta ${nombre(esperado)} ${esperado.nombre}`);
    else if (hallado.sql !== esperado.sql) {
      diferencias.push(`cambió ${nombre(esperado)} ${esperado.nombre}`);
    }
  }
  for (const [clave, hallado] of real) {
    if (!referencia.has(clave)) diferencias.push(`sobra ${nombre(hallado)} ${hallado.nombre}`);
  }
  return diferencias;
};
