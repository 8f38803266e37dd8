// `npm run bench -- reportes [--documentos N] [--base N] [--repeticiones N] [--productos N]`:
// each report of the Reportes screen for a month and for a year, on a real file database (WAL,
// synchronous=FULL, the app's migrations) holding N documents (default 1,000,000 over 365 days,
// 1–5 lines each from a catalog of 1,500 products, 4 % credit notes). Baseline in the same
// process: the same reports on 10,000 documents. Target (issue 21): p95 ≤ 100 ms.
//
// Seeding: rows are bulk-inserted with the aggregate triggers and the indexes off, then the
// aggregates are filled by the migrations' own backfill statements (what a store's data gets
// when it upgrades) and the triggers and indexes come back.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, defaultMigrationsDir, openDatabase } from '../../src/main/db';
import { silentLogger, systemClock } from '../../src/main/log';
import { createConsultasReportes } from '../../src/main/reportes';
import { rangoDelMes } from '../../src/shared/periodos';
import { type SiembraReportes, sembrarReportes } from '../../test/fixtures/reportes';
import { line, type Summary, summarize, timeMs } from './_percentiles';

const option = (args: string[], name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};

const TABLAS = ['document', 'document_line', 'document_tax', 'document_payment', 'sale'];
/** The aggregates' tables: emptied and refilled by the migrations' backfill statements. */
const AGREGADOS = /^INSERT INTO `(document_day_\w+|document_month_\w+)`/;

/** The backfill statements of the migrations, in order (`INSERT INTO document_day_…`). */
const rellenos = (): string[] =>
  readdirSync(defaultMigrationsDir())
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(defaultMigrationsDir(), f), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) => s.replace(/^(--[^\n]*\n)+/, '').trim())
        .filter((s) => AGREGADOS.test(s)),
    );

const preparar = (
  dir: string,
  n: number,
  productos: number,
): { db: Database; siembra: SiembraReportes; ms: number } => {
  mkdirSync(dir, { recursive: true });
  const opened = openDatabase(join(dir, 'mostrador.sqlite'), {
    logger: silentLogger,
    clock: systemClock,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value;
  const [siembra, ms] = timeMs(() => {
    const lista = TABLAS.map(() => '?').join(', ');
    const indices = db.sqlite
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${lista})`,
      )
      .all(...TABLAS) as { name: string; sql: string }[];
    // Only the triggers that keep aggregates; the protections (no update/delete) stay on.
    const disparadores = (
      db.sqlite
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${lista})`,
        )
        .all(...TABLAS) as { name: string; sql: string }[]
    ).filter((t) => /INSERT INTO `document_(day|month)_/.test(t.sql));
    for (const i of indices) db.sqlite.exec(`DROP INDEX ${i.name}`);
    for (const t of disparadores) db.sqlite.exec(`DROP TRIGGER ${t.name}`);
    const s = sembrarReportes(db.sqlite, { documentos: n, dias: 365, productos, semilla: 42 });
    for (const i of indices) db.sqlite.exec(i.sql);
    db.sqlite.transaction(() => {
      for (const r of rellenos()) db.sqlite.exec(r);
    })();
    for (const t of disparadores) db.sqlite.exec(t.sql);
    db.sqlite.exec('ANALYZE');
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return s;
  });
  return { db, siembra, ms };
};

type Caso = { nombre: string; correr: () => unknown };

const casos = (db: Database, siembra: SiembraReportes): Caso[] => {
  const q = createConsultasReportes(db.sqlite);
  const mesActual = siembra.hasta.slice(0, 7);
  // A whole month: the one before the last (the last is still running).
  const mes = rangoDelMes(
    new Date(Date.UTC(Number(mesActual.slice(0, 4)), Number(mesActual.slice(5, 7)) - 2, 1))
      .toISOString()
      .slice(0, 7),
  );
  const ano = { desde: siembra.desde, hasta: siembra.hasta };
  const estaSemana = { desde: siembra.hasta.slice(0, 8).concat('19'), hasta: siembra.hasta };
  const out: Caso[] = [];
  for (const [nombre, r] of [
    ['mes', mes],
    ['año', ano],
  ] as const) {
    const filtro = { ...r, comparar: nombre === 'mes' ? ('mes' as const) : ('ano' as const) };
    out.push(
      { nombre: `ventas por hora y por día (${nombre})`, correr: () => q.ventas(filtro) },
      { nombre: `productos (${nombre})`, correr: () => q.reporteProductos(r) },
      { nombre: `cajeros (${nombre})`, correr: () => q.porCajero(r) },
      { nombre: `formas de pago (${nombre})`, correr: () => q.porFormaPago(r) },
      { nombre: `motivos de NC (${nombre})`, correr: () => q.motivos(r) },
      { nombre: `todo el reporte (${nombre})`, correr: () => q.reporte(filtro) },
      {
        nombre: `todo el reporte, un punto (${nombre})`,
        correr: () => q.reporte({ ...filtro, puntoEmisionId: 'pto-rep-1' }),
      },
    );
  }
  out.push(
    { nombre: 'productos (esta semana)', correr: () => q.reporteProductos(estaSemana) },
    {
      nombre: 'productos (10 meses y medio)',
      correr: () =>
        q.reporteProductos({ desde: `${siembra.desde.slice(0, 8)}20`, hasta: siembra.hasta }),
    },
    { nombre: 'resumen tributario (mes)', correr: () => q.tributario(mes.desde.slice(0, 7)) },
    {
      nombre: 'resumen tributario, los 12 meses (año)',
      correr: () => {
        for (let i = 0; i < 12; i++) {
          const m = new Date(
            Date.UTC(Number(mesActual.slice(0, 4)), Number(mesActual.slice(5, 7)) - 1 - i, 1),
          );
          q.tributario(m.toISOString().slice(0, 7));
        }
      },
    },
  );
  return out;
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
  const productos = option(args, 'productos', 1_500);
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-reportes-'));
  try {
    console.log(
      `Reportes: ${n} documentos en 365 días, ${productos} productos (base: ${nBase}), ${repeticiones} repeticiones`,
    );
    const base = preparar(join(dir, 'base'), nBase, productos);
    console.log(`  sembrado de la base: ${(base.ms / 1000).toFixed(1)} s`);
    const grande = preparar(join(dir, 'grande'), n, productos);
    console.log(`  sembrado de ${n}: ${(grande.ms / 1000).toFixed(1)} s`);
    for (const t of [
      'document_day_hour',
      'document_day_user',
      'document_day_product',
      'document_month_product',
      'document_day_motivo',
    ]) {
      const { c } = grande.db.sqlite.prepare(`SELECT COUNT(*) AS c FROM ${t}`).get() as {
        c: number;
      };
      console.log(`  ${t}: ${c} filas`);
    }
    const rBase = medir(casos(base.db, base.siembra), repeticiones);
    const rGrande = medir(casos(grande.db, grande.siembra), repeticiones);
    console.log(`\n${n} documentos (objetivo p95 ≤ 100 ms):`);
    let peor = 0;
    for (const [nombre, x] of rGrande) {
      const b = rBase.get(nombre);
      peor = Math.max(peor, x.p95);
      const ratio =
        b === undefined || b.p50 === 0 ? '' : `  ×${(x.p50 / b.p50).toFixed(1)} vs base`;
      console.log(`${line(nombre, x)}${ratio}${x.p95 > 100 ? '  ⚠ sobre 100 ms' : ''}`);
    }
    console.log(`\nBase, ${nBase} documentos:`);
    for (const [nombre, x] of rBase) console.log(line(nombre, x));
    console.log(`\nPeor p95 con ${n}: ${peor.toFixed(2)} ms`);
    base.db.close();
    grande.db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
