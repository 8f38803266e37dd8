// `npm run bench -- emision [--documentos N] [--ventas N]`: cobrar → committed and signed, on a
// real file database (WAL, synchronous=FULL) already holding N documents (default 100,000).
// Baseline in the same process: the same sales on an empty database. Target p95 ≤ 15 ms. Sales
// write the secuencial mark as the app does (docs/architecture.md); one more run without it
// prints what the mark costs, and the cost of one XSD validation of a sale's signed factura (what
// the strict simulator and `firmar DOC.xml` add; the sale path itself does not validate).
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIdGenerator, type Database, openDatabase } from '../../src/main/db';
import { protegerSecuenciales } from '../../src/main/db/marcaSecuenciales';
import { DEMO_ISSUER, seedDemoStore } from '../../src/main/demo';
import { silentLogger, systemClock } from '../../src/main/log';
import {
  createDemoSigningIdentity,
  loadSigningIdentity,
  trySignComprobante,
} from '../../src/main/signing';
import { problemaDeEsquema } from '../../src/main/sri/esquema';
import { createEmisionService } from '../../src/main/ventas';
import { ok } from '../../src/shared/result';
import { line, summarize, timeMs } from './_percentiles';

const option = (args: string[], name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};

const open = async (dir: string): Promise<Database> => {
  const opened = openDatabase(join(dir, 'mostrador.sqlite'), {
    logger: silentLogger,
    clock: systemClock,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const seeded = await seedDemoStore(opened.value, {
    clock: systemClock,
    ids: createIdGenerator(systemClock),
  });
  if (!seeded.ok) throw new Error(seeded.error.message);
  return opened.value;
};

/** Copies of one real sale, numbered after it, as if the store had been selling for months. */
const fillDocuments = (db: Database, n: number): void => {
  const template = db.sqlite.prepare('SELECT * FROM document LIMIT 1').get() as Record<
    string,
    unknown
  >;
  const lines = db.sqlite
    .prepare('SELECT * FROM document_line WHERE document_id = ?')
    .all(template.id);
  const ids = createIdGenerator(systemClock);
  const insertSale = db.sqlite.prepare(
    'INSERT INTO sale (id, emission_point_id, created_at, total_cents, change_cents) VALUES (?, ?, ?, ?, 0)',
  );
  const columns = Object.keys(template);
  const insertDoc = db.sqlite.prepare(
    `INSERT INTO document (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  const lineColumns = Object.keys((lines[0] ?? {}) as object);
  const insertLine = db.sqlite.prepare(
    `INSERT INTO document_line (${lineColumns.join(', ')}) VALUES (${lineColumns.map((c) => `@${c}`).join(', ')})`,
  );
  const insertHistory = db.sqlite.prepare(
    "INSERT INTO document_status_history (document_id, to_status, at, source) VALUES (?, 'AUTHORIZED', ?, 'sri')",
  );
  const statuses = ['AUTHORIZED', 'AUTHORIZED', 'AUTHORIZED', 'AUTHORIZED', 'REJECTED'];
  const start = Date.parse('2025-01-01T15:00:00Z');
  db.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const saleId = ids.newId();
      const id = ids.newId();
      const at = new Date(start + i * 60_000).toISOString();
      insertSale.run(saleId, template.emission_point_id, at, template.total_cents);
      const secuencial = 1_000_000 + i;
      const clave = `${String(template.clave_acceso).slice(0, 30)}${String(secuencial).padStart(9, '0')}${String(template.clave_acceso).slice(39)}`;
      insertDoc.run({
        ...template,
        id,
        sale_id: saleId,
        secuencial,
        clave_acceso: clave,
        fecha_emision: at.slice(0, 10),
        status: statuses[i % statuses.length],
        created_at: at,
        updated_at: at,
      });
      for (const l of lines as Record<string, unknown>[]) {
        insertLine.run({ ...l, id: ids.newId(), document_id: id });
      }
      insertHistory.run(id, at);
    }
  })();
};

export const run = async (args: string[]): Promise<void> => {
  const documentos = option(args, 'documentos', 100_000);
  const ventas = option(args, 'ventas', 500);
  const demo = createDemoSigningIdentity({
    ruc: DEMO_ISSUER.ruc,
    razonSocial: DEMO_ISSUER.razonSocial,
    now: new Date(),
  });
  const identity = loadSigningIdentity(demo.p12, demo.password, new Date());
  if (!identity.ok) throw new Error(identity.error.message);

  const measure = async (
    label: string,
    preload: number,
    conMarca = true,
  ): Promise<ReturnType<typeof summarize>> => {
    const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-emision-'));
    const db = await open(dir);
    const secuenciales = protegerSecuenciales(db, {
      backupDir: join(dir, 'backups'),
      logger: silentLogger,
    });
    if (!secuenciales.ok) throw new Error(secuenciales.error.message);
    const service = createEmisionService({
      ...(conMarca ? { marca: secuenciales.value.marca } : {}),
      db,
      clock: systemClock,
      ids: createIdGenerator(systemClock),
      codigoNumerico: () => String(randomInt(0, 100_000_000)).padStart(8, '0'),
      firmador: () => ok((xml, at) => trySignComprobante(xml, identity.value, { signingTime: at })),
      logger: silentLogger,
    });
    const products = db.sqlite
      .prepare("SELECT id, unit_price_micro AS p FROM product WHERE unit = 'unidad' LIMIT 5")
      .all() as { id: string; p: number }[];
    const cart = () => ({
      ventaId: randomUUID(),
      comprador: null,
      lineas: products.map((p) => ({
        productoId: p.id,
        cantidad: '1',
        precioUnitarioMicros: p.p,
        descuentoCentavos: 0,
      })),
      pagos: [{ formaPago: '01' as const, montoCentavos: 5_000 }],
    });
    const first = service.cobrar(cart());
    if (!first.ok) throw new Error(first.error.message);
    if (preload > 0) fillDocuments(db, preload);
    for (let i = 0; i < 20; i++) service.cobrar(cart()); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < ventas; i++) {
      const [r, ms] = timeMs(() => service.cobrar(cart()));
      if (!r.ok) throw new Error(r.error.message);
      samples.push(ms);
    }
    const count = (db.sqlite.prepare('SELECT COUNT(*) AS n FROM document').get() as { n: number })
      .n;
    firmada = (
      db.sqlite
        .prepare(
          "SELECT signed_xml AS x FROM document WHERE cod_doc = '01' ORDER BY rowid DESC LIMIT 1",
        )
        .get() as { x: string }
    ).x;
    db.close();
    rmSync(dir, { recursive: true, force: true });
    const summary = summarize(samples);
    console.log(line(`${label} (${count.toLocaleString('es-EC')} documentos)`, summary));
    return summary;
  };

  let firmada = '';
  console.log(
    `cobrar → confirmado y firmado, ${ventas} ventas de 5 líneas, WAL + synchronous=FULL`,
  );
  const sinMarca = await measure('base vacía, sin la marca de secuenciales', 0, false);
  const base = await measure('línea base: base vacía', 0);
  console.log(
    `la marca de secuenciales cuesta ${(base.p50 - sinMarca.p50).toFixed(2)} ms por venta (p50; ${(base.p50 / sinMarca.p50).toFixed(2)}×)`,
  );
  const loaded = await measure(
    `con ${documentos.toLocaleString('es-EC')} documentos previos`,
    documentos,
  );
  console.log(
    `razón p95 cargada/base: ${(loaded.p95 / base.p95).toFixed(2)}×   objetivo p95 ≤ 15 ms: ${loaded.p95 <= 15 ? 'cumple' : 'NO cumple'}`,
  );

  // The first validation compiles the WebAssembly module: warm it before sampling.
  const primero = await problemaDeEsquema(firmada);
  if (primero !== null) throw new Error(`La factura firmada no cumple el XSD: ${primero.mensaje}`);
  const muestrasXsd: number[] = [];
  for (let i = 0; i < 100; i++) {
    const inicio = performance.now();
    const problema = await problemaDeEsquema(firmada);
    muestrasXsd.push(performance.now() - inicio);
    if (problema !== null) throw new Error(problema.mensaje);
  }
  console.log(line('validación XSD de una factura de venta firmada', summarize(muestrasXsd)));
};
