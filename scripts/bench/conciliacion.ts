// `npm run bench -- conciliacion [--documentos N] [--base N] [--repeticiones N]`: Conciliación's
// list (first and later pages), each filter, the status counts and the daily summary on a real
// file database (WAL, synchronous=FULL, the app's migrations and indexes) holding N documents
// (default 1,000,000 over 365 days, with IVA and payment rows). Baseline in the same process:
// the same queries on 10,000 documents. Target (docs/architecture.md §12): ≤ 50 ms each.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsultas } from '../../src/main/conciliacion';
import { type Database, openDatabase } from '../../src/main/db';
import { silentLogger, systemClock } from '../../src/main/log';
import type { FiltroDocumentos } from '../../src/shared/contract/conciliacion';
import { sembrarDocumentos } from '../../test/fixtures/documentos';
import { line, type Summary, summarize, timeMs } from './_percentiles';

const option = (args: string[], name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};

const TABLAS = ['document', 'document_tax', 'document_payment'];

/** A migrated store with `n` documents; indexes are built after the bulk insert (faster). */
const preparar = (
  dir: string,
  n: number,
): { db: Database; siembra: ReturnType<typeof sembrarDocumentos>; ms: number } => {
  mkdirSync(dir, { recursive: true });
  const opened = openDatabase(join(dir, 'mostrador.sqlite'), {
    logger: silentLogger,
    clock: systemClock,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value;
  const [siembra, ms] = timeMs(() => {
    const indices = db.sqlite
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN (${TABLAS.map(() => '?').join(', ')})`,
      )
      .all(...TABLAS) as { name: string; sql: string }[];
    for (const i of indices) db.sqlite.exec(`DROP INDEX ${i.name}`);
    const s = sembrarDocumentos(db.sqlite, { documentos: n, dias: 365, semilla: 42 });
    for (const i of indices) db.sqlite.exec(i.sql);
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return s;
  });
  return { db, siembra, ms };
};

type Caso = { nombre: string; correr: () => unknown };

const casos = (db: Database, s: ReturnType<typeof sembrarDocumentos>): Caso[] => {
  const q = createConsultas(db.sqlite);
  const ano: FiltroDocumentos = { desde: s.desde, hasta: s.hasta };
  const dia: FiltroDocumentos = { desde: s.hasta, hasta: s.hasta };
  const mesDesde = `${s.hasta.slice(0, 8)}01`;
  const mes: FiltroDocumentos = { desde: mesDesde, hasta: s.hasta };
  // A page 20 pages deep: the cursor is what the renderer would send.
  let cursor = q.listar(ano, null, 100).siguiente;
  for (let i = 0; i < 19 && cursor !== null; i++) cursor = q.listar(ano, cursor, 100).siguiente;
  const profundo = cursor;
  const comprador = s.compradores[17] as string;
  const lista = (nombre: string, f: FiltroDocumentos): Caso => ({
    nombre: `lista: ${nombre}`,
    correr: () => q.listar(f, null, 100),
  });
  return [
    lista('primera página, todo el año', ano),
    {
      nombre: 'lista: página 21 (cursor), todo el año',
      correr: () => q.listar(ano, profundo, 100),
    },
    lista('un día', dia),
    lista('estado AUTHORIZED, año', { ...ano, estado: 'AUTHORIZED' }),
    lista('estado REJECTED, año', { ...ano, estado: 'REJECTED' }),
    lista('grupo con_error, año', { ...ano, estado: 'con_error' }),
    lista('grupo pendientes, año', { ...ano, estado: 'pendientes' }),
    lista('grupo autorizados, año', { ...ano, estado: 'autorizados' }),
    lista('punto de emisión 002, año', { ...ano, puntoEmisionId: s.puntos[1] as string }),
    lista('notas de crédito, año', { ...ano, codDoc: '04' }),
    lista('un comprador, año', { ...ano, comprador }),
    lista('consumidor final, año', { ...ano, comprador: '9999999999999' }),
    lista('NC + con_error + punto 001, año', {
      ...ano,
      codDoc: '04',
      estado: 'con_error',
      puntoEmisionId: s.puntos[0] as string,
    }),
    lista('un día, pendientes, punto 002', {
      ...dia,
      estado: 'pendientes',
      puntoEmisionId: s.puntos[1] as string,
    }),
    { nombre: 'conteos por estado: un día', correr: () => q.conteos(dia) },
    { nombre: 'conteos por estado: el mes', correr: () => q.conteos(mes) },
    { nombre: 'conteos por estado: todo el año', correr: () => q.conteos(ano) },
    { nombre: 'resumen diario (IVA y formas de pago)', correr: () => q.resumen(s.hasta, s.hasta) },
    {
      nombre: 'resumen diario de un punto',
      correr: () => q.resumen(s.hasta, s.hasta, s.puntos[0]),
    },
    { nombre: 'resumen del mes', correr: () => q.resumen(mesDesde, s.hasta) },
    {
      nombre: 'atascados (banner)',
      correr: () => q.atascados(new Date(`${s.hasta}T23:00:00.000Z`), 15),
    },
  ];
};

const medir = (lista: Caso[], repeticiones: number): Map<string, Summary> => {
  const out = new Map<string, Summary>();
  for (const c of lista) {
    for (let i = 0; i < 3; i++) c.correr(); // warm the statement cache and the page cache
    const muestras: number[] = [];
    for (let i = 0; i < repeticiones; i++) muestras.push(timeMs(c.correr)[1]);
    out.set(c.nombre, summarize(muestras));
  }
  return out;
};

export const run = async (args: string[]): Promise<void> => {
  const n = option(args, 'documentos', 1_000_000);
  const nBase = option(args, 'base', 10_000);
  const repeticiones = option(args, 'repeticiones', 30);
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-conciliacion-'));
  try {
    console.log(
      `Conciliación: ${n} documentos en 365 días (base: ${nBase}), ${repeticiones} repeticiones`,
    );
    const base = preparar(join(dir, 'base'), nBase);
    console.log(`  sembrado de la base: ${(base.ms / 1000).toFixed(1)} s`);
    const grande = preparar(join(dir, 'grande'), n);
    console.log(`  sembrado de ${n}: ${(grande.ms / 1000).toFixed(1)} s`);
    const rBase = medir(casos(base.db, base.siembra), repeticiones);
    const rGrande = medir(casos(grande.db, grande.siembra), repeticiones);
    console.log(`\n${n} documentos (objetivo p95 ≤ 50 ms):`);
    let peor = 0;
    for (const [nombre, s] of rGrande) {
      const b = rBase.get(nombre);
      peor = Math.max(peor, s.p95);
      const ratio =
        b === undefined || b.p50 === 0 ? '' : `  ×${(s.p50 / b.p50).toFixed(1)} vs base`;
      console.log(`${line(nombre, s)}${ratio}${s.p95 > 50 ? '  ⚠ sobre 50 ms' : ''}`);
    }
    console.log(`\nBase, ${nBase} documentos:`);
    for (const [nombre, s] of rBase) console.log(line(nombre, s));
    console.log(`\nPeor p95 con ${n}: ${peor.toFixed(2)} ms`);
    base.db.close();
    grande.db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
