/**
 * The real migrations on seeded data (docs/architecture.md §6): every migration has a case that seeds rows
 * at the previous version and checks them after; a table rebuild with ON DELETE CASCADE
 * children loses nothing; refused databases keep their bytes.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultMigrationsDir,
  loadMigrations,
  type Migration,
  migrate,
  openDatabase,
} from '../../src/main/db';
import { copyMigrations, createFixedClock, createTempDir } from '../../src/main/db/testing';
import { silentLogger } from '../../src/main/log';

const loadReal = (dir = defaultMigrationsDir()): Migration[] => {
  const loaded = loadMigrations(dir);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
};

const fileHash = (file: string): string =>
  createHash('sha256').update(readFileSync(file)).digest('hex');

/** Every row of every ordinary table, to compare before and after a migration. */
const dumpTables = (db: Sqlite.Database): Record<string, unknown[]> => {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT LIKE 'product_fts%' AND name <> 'schema_migrations' ORDER BY name`,
    )
    .all() as { name: string }[];
  // WITHOUT ROWID tables (0008's aggregates) have no rowid: their primary key orders them.
  const sinRowid = new Set(
    (db.prepare('SELECT name FROM pragma_table_list WHERE wr = 1').all() as { name: string }[]).map(
      (t) => t.name,
    ),
  );
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      db.prepare(`SELECT * FROM "${name}"${sinRowid.has(name) ? '' : ' ORDER BY rowid'}`).all(),
    ]),
  );
};

const T = '2025-03-14T15:00:00.000Z';

/** Rows a store has after a few sales, inserted with plain SQL as of schema version 0000. */
const seedStoreAtV0 = (db: Sqlite.Database): void => {
  db.exec(`
    INSERT INTO issuer (id, ruc, razon_social, direccion_matriz, obligado_contabilidad, ambiente, updated_at)
      VALUES ('iss', '0992817364001', 'COMERCIAL DON LUCHO CIA. LTDA.', 'Av. Quito 1523', 1, '1', '${T}');
    INSERT INTO establishment (id, issuer_id, code, address, active, updated_at)
      VALUES ('est', 'iss', '001', 'Av. Quito 1523', 1, '${T}');
    INSERT INTO emission_point (id, establishment_id, code, description, active, updated_at)
      VALUES ('pto', 'est', '001', 'Caja 1', 1, '${T}');
    INSERT INTO sequence VALUES ('pto', '01', 3), ('pto', '04', 1);
    INSERT INTO product (id, search_rowid, code, description, unit_price_micro, iva_codigo_porcentaje, updated_at)
      VALUES ('p1', 1, 'TDL-001', 'Leche entera Vita 1 L', 1050000, '0', '${T}'),
             ('p2', 2, 'TDL-002', 'Atún Real en aceite 180 g', 1434783, '4', '${T}');
    INSERT INTO product_barcode VALUES ('7861042100370', 'p1'), ('7861042100741', 'p2');
    INSERT INTO app_user VALUES ('u1', 'Andrea Mendoza', 'cajero', 'scrypt$15$8$1$x$y', 1, '${T}');
    INSERT INTO sale (id, emission_point_id, user_id, created_at, total_cents, change_cents)
      VALUES ('s1', 'pto', 'u1', '${T}', 270, 30);
    INSERT INTO document (id, sale_id, cod_doc, version, ambiente, emission_point_id, estab, pto_emi,
        secuencial, clave_acceso, fecha_emision, buyer_tipo, buyer_identificacion, buyer_razon_social,
        subtotal_cents, descuento_cents, iva_cents, total_cents, status, signed_xml, created_at, updated_at)
      VALUES ('d1', 's1', '01', '1.1.0', '1', 'pto', '001', '001', 1,
        '1403202501099281736400110010010000000011234567811', '2025-03-14', '07', '9999999999999',
        'CONSUMIDOR FINAL', 248, 0, 22, 270, 'SIGNED', '<factura id="comprobante"/>', '${T}', '${T}');
    INSERT INTO document_line VALUES ('l1', 'd1', 1, 'p1', 'TDL-001', NULL, 'Leche entera Vita 1 L', NULL,
        1000000, 1050000, 0, 105, '0', 0, 0),
      ('l2', 'd1', 2, 'p2', 'TDL-002', NULL, 'Atún Real en aceite 180 g', NULL,
        1000000, 1434783, 0, 143, '4', 1500, 22);
    INSERT INTO document_tax VALUES ('d1', '2', '0', 105, 0, 0), ('d1', '2', '4', 143, 1500, 22);
    INSERT INTO document_payment (id, document_id, forma_pago, total_cents, tendered_cents)
      VALUES ('pay1', 'd1', '01', 270, 300);
    INSERT INTO document_status_history (document_id, to_status, at, source) VALUES ('d1', 'SIGNED', '${T}', 'local');
    INSERT INTO outbox_job (kind, document_id, next_attempt_at, created_at) VALUES ('sri', 'd1', '${T}', '${T}');
    INSERT INTO print_job (document_id, kind, format, next_attempt_at, created_at) VALUES ('d1', 'ride', '80mm', '${T}', '${T}');
    INSERT INTO audit_log (at, user_id, action, detail) VALUES ('${T}', 'u1', 'venta.cobrada', '{"saleId":"s1"}');
    INSERT INTO settings VALUES ('terminal.emission_point_id', '"pto"', '${T}');
  `);
};

type MigrationCase = {
  /** Rows at the version before this migration. */
  seed: (db: Sqlite.Database) => void;
  /** What must hold after it, beyond "every seeded row is still there, unchanged". */
  verify: (db: Sqlite.Database) => void;
};

/** One entry per migration in migrations/: adding a migration without a case fails below. */
const CASES: Record<string, MigrationCase> = {
  '0000_esquema_inicial': {
    seed: () => {},
    verify: (db) => {
      // The whole path of a sale can be stored.
      seedStoreAtV0(db);
      expect(db.prepare('SELECT count(*) AS n FROM document_line').get()).toEqual({ n: 2 });
    },
  },
  '0001_busqueda_y_protecciones': {
    seed: seedStoreAtV0,
    verify: (db) => {
      // Products that existed before are searchable (the FTS index was rebuilt from them).
      const hits = db
        .prepare(
          `SELECT p.id FROM product_fts JOIN product p ON p.search_rowid = product_fts.rowid
           WHERE product_fts MATCH '"atun"*'`,
        )
        .all();
      expect(hits).toEqual([{ id: 'p2' }]);
      // Documents that existed before are protected.
      expect(() => db.exec("UPDATE document SET total_cents = 1 WHERE id = 'd1'")).toThrow(
        'no se pueden modificar',
      );
      expect(() => db.exec('DELETE FROM document_status_history')).toThrow('no se puede borrar');
    },
  },
  '0002_indices_conciliacion': {
    seed: seedStoreAtV0,
    verify: (db) => {
      // The list's keyset query reads the new index in order, with no sort step.
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id FROM document WHERE status = 'SIGNED'
             AND (fecha_emision, id) < ('2025-03-15', '') ORDER BY fecha_emision DESC, id DESC LIMIT 100`,
        )
        .all() as { detail: string }[];
      const detail = plan.map((p) => p.detail).join(' | ');
      expect(detail).toContain('document_status_fecha_idx');
      expect(detail).not.toContain('TEMP B-TREE');
      const rows = db
        .prepare(
          `SELECT id FROM document WHERE buyer_identificacion = '9999999999999'
           ORDER BY fecha_emision DESC, id DESC`,
        )
        .all();
      expect(rows).toEqual([{ id: 'd1' }]);
    },
  },
  '0003_conteo_diario_documentos': {
    seed: seedStoreAtV0,
    verify: (db) => {
      const conteo = () =>
        db
          .prepare(
            'SELECT fecha_emision AS f, cod_doc AS c, status AS s, n FROM document_day_count WHERE n > 0 ORDER BY status',
          )
          .all();
      // Existing documents are counted, and the triggers keep the count from then on.
      expect(conteo()).toEqual([{ f: '2025-03-14', c: '01', s: 'SIGNED', n: 1 }]);
      db.exec(`
        UPDATE document SET status = 'RECEPTION_PENDING' WHERE id = 'd1';
        INSERT INTO document (id, cod_doc, version, ambiente, emission_point_id, estab, pto_emi,
            secuencial, clave_acceso, fecha_emision, buyer_tipo, buyer_identificacion, buyer_razon_social,
            subtotal_cents, descuento_cents, iva_cents, total_cents, status, signed_xml, created_at, updated_at)
          VALUES ('d2', '01', '1.1.0', '1', 'pto', '001', '001', 2,
            '1403202501099281736400110010010000000021234567811', '2025-03-14', '07', '9999999999999',
            'CONSUMIDOR FINAL', 100, 0, 0, 100, 'SIGNED', '<factura id="comprobante"/>', '${T}', '${T}');
      `);
      expect(conteo()).toEqual([
        { f: '2025-03-14', c: '01', s: 'RECEPTION_PENDING', n: 1 },
        { f: '2025-03-14', c: '01', s: 'SIGNED', n: 1 },
      ]);
    },
  },
  '0004_indice_estado_cubriente': {
    seed: seedStoreAtV0,
    verify: (db) => {
      const columnas = (
        db
          .prepare("SELECT name FROM pragma_index_info('document_status_fecha_idx') ORDER BY seqno")
          .all() as {
          name: string;
        }[]
      ).map((c) => c.name);
      expect(columnas).toEqual(['status', 'fecha_emision', 'id', 'emission_point_id', 'cod_doc']);
      expect(
        db
          .prepare(
            `SELECT id FROM document INDEXED BY document_status_fecha_idx
             WHERE status = 'SIGNED' AND emission_point_id = 'pto' AND cod_doc = '01'
             ORDER BY fecha_emision DESC, id DESC`,
          )
          .all(),
      ).toEqual([{ id: 'd1' }]);
    },
  },
  '0005_totales_diarios': {
    seed: seedStoreAtV0,
    verify: (db) => {
      const totales = () => ({
        total: db
          .prepare(
            'SELECT vale, n, subtotal_cents AS s, iva_cents AS i, total_cents AS t FROM document_day_total WHERE n <> 0',
          )
          .all(),
        iva: db
          .prepare(
            'SELECT vale, codigo_porcentaje AS cp, base_cents AS b, valor_cents AS v FROM document_day_tax WHERE base_cents <> 0 OR valor_cents <> 0 ORDER BY cp',
          )
          .all(),
        pagos: db
          .prepare(
            'SELECT vale, forma_pago AS f, total_cents AS t FROM document_day_payment WHERE total_cents <> 0',
          )
          .all(),
      });
      // The document written before the migration is summed.
      expect(totales()).toEqual({
        total: [{ vale: 1, n: 1, s: 248, i: 22, t: 270 }],
        iva: [
          { vale: 1, cp: '0', b: 105, v: 0 },
          { vale: 1, cp: '4', b: 143, v: 22 },
        ],
        pagos: [{ vale: 1, f: '01', t: 270 }],
      });
      // Given up, it leaves the totals with its taxes and payments.
      db.exec("UPDATE document SET status = 'FAILED_PERMANENT' WHERE id = 'd1'");
      expect(totales()).toEqual({
        total: [{ vale: 0, n: 1, s: 248, i: 22, t: 270 }],
        iva: [
          { vale: 0, cp: '0', b: 105, v: 0 },
          { vale: 0, cp: '4', b: 143, v: 22 },
        ],
        pagos: [{ vale: 0, f: '01', t: 270 }],
      });
    },
  },
  '0006_servicio_turistico': {
    seed: seedStoreAtV0,
    verify: (db) => {
      // Products sold before keep their data and are not tourism services until marked.
      expect(
        db
          .prepare('SELECT id, servicio_turistico AS t FROM product ORDER BY id')
          .all()
          .map((r) => (r as { t: number }).t),
      ).toEqual([0, 0]);
      db.exec("UPDATE product SET servicio_turistico = 1 WHERE id = 'p1'");
      expect(
        db.prepare("SELECT servicio_turistico AS t FROM product WHERE id = 'p1'").get(),
      ).toEqual({ t: 1 });
    },
  },
  '0007_movimiento_caja_proposito': {
    seed: (db) => {
      seedStoreAtV0(db);
      // A shift with a credit note's cash refund (told apart, until now, by its reason alone), a
      // refund whose note is gone from the numbering, and two movements made by hand.
      db.exec(`
        INSERT INTO document (id, cod_doc, version, ambiente, emission_point_id, estab, pto_emi,
            secuencial, clave_acceso, fecha_emision, buyer_tipo, buyer_identificacion, buyer_razon_social,
            subtotal_cents, descuento_cents, iva_cents, total_cents, status, signed_xml,
            modified_document_id, num_doc_modificado, motivo, created_at, updated_at)
          VALUES ('nc1', '04', '1.1.0', '1', 'pto', '001', '001', 1,
            '1403202504099281736400110010010000000011234567818', '2025-03-14', '07', '9999999999999',
            'CONSUMIDOR FINAL', 105, 0, 0, 105, 'AUTHORIZED', '<notaCredito id="comprobante"/>',
            'd1', '001-001-000000001', 'Devolución', '${T}', '${T}');
        INSERT INTO cash_shift (id, emission_point_id, opened_by, opened_at, opening_float_cents, status)
          VALUES ('t1', 'pto', 'u1', '${T}', 5000, 'open');
        INSERT INTO cash_movement (id, shift_id, kind, amount_cents, reason, user_id, at) VALUES
          ('m1', 't1', 'out', 105, 'Devolución NC 001-001-000000001', 'u1', '${T}'),
          ('m2', 't1', 'out', 200, 'Devolución NC 001-001-000000099', 'u1', '${T}'),
          ('m3', 't1', 'out', 1500, 'Pago a proveedor de hielo', 'u1', '${T}'),
          ('m4', 't1', 'in', 2000, 'Devolución NC recibida por error', 'u1', '${T}');
      `);
    },
    verify: (db) => {
      expect(
        db.prepare('SELECT id, purpose, credit_note_id AS nc FROM cash_movement ORDER BY id').all(),
      ).toEqual([
        { id: 'm1', purpose: 'credit_note_refund', nc: 'nc1' },
        { id: 'm2', purpose: 'credit_note_refund', nc: null },
        { id: 'm3', purpose: 'manual', nc: null },
        { id: 'm4', purpose: 'manual', nc: null },
      ]);
      // New rows are by hand unless they say otherwise; the purpose is checked.
      db.exec(
        `INSERT INTO cash_movement (id, shift_id, kind, amount_cents, reason, user_id, at)
         VALUES ('m5', 't1', 'in', 100, 'Cambio', 'u1', '${T}')`,
      );
      expect(db.prepare("SELECT purpose FROM cash_movement WHERE id = 'm5'").get()).toEqual({
        purpose: 'manual',
      });
      expect(() =>
        db.exec(
          `INSERT INTO cash_movement (id, shift_id, kind, amount_cents, reason, user_id, at, purpose)
           VALUES ('m6', 't1', 'in', 100, 'x', 'u1', '${T}', 'otro')`,
        ),
      ).toThrow(/CHECK/);
    },
  },
  '0008_reportes': {
    seed: (db) => {
      seedStoreAtV0(db);
      // A credit note emitted by the cashier (its audit entry names them) at 21:30 in Guayaquil.
      db.exec(`
        INSERT INTO app_user VALUES ('u2', 'Bruno Sarmiento', 'supervisor', 'scrypt$15$8$1$x$y', 1, '${T}');
        INSERT INTO document (id, cod_doc, version, ambiente, emission_point_id, estab, pto_emi,
            secuencial, clave_acceso, fecha_emision, buyer_tipo, buyer_identificacion, buyer_razon_social,
            subtotal_cents, descuento_cents, iva_cents, total_cents, status, signed_xml,
            modified_document_id, num_doc_modificado, motivo, created_at, updated_at)
          VALUES ('nc1', '04', '1.1.0', '1', 'pto', '001', '001', 1,
            '1403202504099281736400110010010000000011234567811', '2025-03-14', '05', '0912345678',
            'ANA PÉREZ', 143, 0, 22, 165, 'AUTHORIZED', '<notaCredito id="comprobante"/>',
            'd1', '001-001-000000001', 'Producto dañado', '2025-03-15T02:30:00.000Z', '2025-03-15T02:30:00.000Z');
        INSERT INTO document_line VALUES ('l3', 'nc1', 2, NULL, 'TDL-002', NULL, 'Atún Real en aceite 180 g', NULL,
            1000000, 1434783, 0, 143, '4', 1500, 22);
        INSERT INTO audit_log (at, user_id, action, detail) VALUES ('${T}', 'u2', 'nota_credito.emitida',
            '{"notaId":"nc1","cajeroId":"u1","motivo":"Producto dañado"}');
      `);
    },
    verify: (db) => {
      // Who emitted each document is filled in from the sale and from the credit note's audit entry.
      expect(db.prepare('SELECT id, user_id AS u FROM document ORDER BY id').all()).toEqual([
        { id: 'd1', u: 'u1' },
        { id: 'nc1', u: 'u1' },
      ]);
      expect(() => db.exec("UPDATE document SET user_id = 'u2' WHERE id = 'd1'")).toThrow(
        'no se puede modificar',
      );
      const horas = () =>
        db
          .prepare(
            'SELECT cod_doc AS c, vale, hora, n, total_cents AS t FROM document_day_hour WHERE n <> 0 ORDER BY cod_doc',
          )
          .all();
      // 15:00 UTC is 10:00 in Guayaquil; 02:30 UTC on the 15th is 21:30 on the 14th.
      expect(horas()).toEqual([
        { c: '01', vale: 1, hora: 10, n: 1, t: 270 },
        { c: '04', vale: 1, hora: 21, n: 1, t: 165 },
      ]);
      expect(
        db
          .prepare(
            `SELECT mes, cod_doc AS c, codigo, cantidad_micro AS q, subtotal_cents AS s, lineas
             FROM document_month_product ORDER BY cod_doc, codigo`,
          )
          .all(),
      ).toEqual([
        { mes: '2025-03', c: '01', codigo: 'TDL-001', q: 1000000, s: 105, lineas: 1 },
        { mes: '2025-03', c: '01', codigo: 'TDL-002', q: 1000000, s: 143, lineas: 1 },
        { mes: '2025-03', c: '04', codigo: 'TDL-002', q: 1000000, s: 143, lineas: 1 },
      ]);
      expect(
        db.prepare('SELECT motivo, n, total_cents AS t FROM document_day_motivo').all(),
      ).toEqual([{ motivo: 'Producto dañado', n: 1, t: 165 }]);
      // The tax summary's split: the invoice is not authorized yet; once it is, its taxes move.
      const ivaAutorizado = () =>
        db
          .prepare(
            `SELECT autorizado AS a, codigo_porcentaje AS cp, base_cents AS b, valor_cents AS v
             FROM document_day_tax_autorizado WHERE base_cents <> 0 OR valor_cents <> 0
             ORDER BY autorizado, codigo_porcentaje`,
          )
          .all();
      expect(ivaAutorizado()).toEqual([
        { a: 0, cp: '0', b: 105, v: 0 },
        { a: 0, cp: '4', b: 143, v: 22 },
      ]);
      db.exec("UPDATE document SET status = 'AUTHORIZED' WHERE id = 'd1'");
      expect(ivaAutorizado()).toEqual([
        { a: 1, cp: '0', b: 105, v: 0 },
        { a: 1, cp: '4', b: 143, v: 22 },
      ]);
      // The triggers keep them from then on: the invoice is given up, it leaves every sum.
      db.exec("UPDATE document SET status = 'FAILED_PERMANENT' WHERE id = 'd1'");
      expect(horas()).toEqual([
        { c: '01', vale: 0, hora: 10, n: 1, t: 270 },
        { c: '04', vale: 1, hora: 21, n: 1, t: 165 },
      ]);
      expect(
        db
          .prepare(
            `SELECT user_id AS u, cod_doc AS c, status AS s, n FROM document_day_user WHERE n <> 0
             ORDER BY cod_doc`,
          )
          .all(),
      ).toEqual([
        { u: 'u1', c: '01', s: 'FAILED_PERMANENT', n: 1 },
        { u: 'u1', c: '04', s: 'AUTHORIZED', n: 1 },
      ]);
      expect(
        db
          .prepare(
            `SELECT codigo, vale, SUM(subtotal_cents) AS s FROM document_day_product
             WHERE cod_doc = '01' GROUP BY codigo, vale HAVING SUM(lineas) <> 0 ORDER BY codigo`,
          )
          .all(),
      ).toEqual([
        { codigo: 'TDL-001', vale: 0, s: 105 },
        { codigo: 'TDL-002', vale: 0, s: 143 },
      ]);
    },
  },
  '0009_correo_entrega': {
    seed: (db) => {
      seedStoreAtV0(db);
      db.exec("UPDATE outbox_job SET attempts = 2 WHERE document_id = 'd1'");
    },
    verify: (db) => {
      // The SRI job is kept as it was, without payload; the e-mail kind and its record now fit.
      expect(
        db.prepare('SELECT kind, document_id AS d, attempts, payload FROM outbox_job').all(),
      ).toEqual([{ kind: 'sri', d: 'd1', attempts: 2, payload: null }]);
      db.exec(`INSERT INTO outbox_job (kind, document_id, next_attempt_at, created_at, payload)
        VALUES ('email', 'd1', '${T}', '${T}', '{"para":"ana@example.com"}')`);
      expect(() =>
        db.exec(`INSERT INTO outbox_job (kind, document_id, next_attempt_at, created_at)
          VALUES ('fax', 'd1', '${T}', '${T}')`),
      ).toThrow(/CHECK/);
      db.exec(`INSERT INTO email_delivery (document_id, recipient, updated_at)
        VALUES ('d1', 'ana@example.com', '${T}')`);
      expect(db.prepare('SELECT status FROM email_delivery').get()).toEqual({
        status: 'pendiente',
      });
      expect(() => db.exec("UPDATE email_delivery SET status = 'perdido'")).toThrow(/CHECK/);
      expect(() =>
        db.exec(`INSERT INTO email_delivery (document_id, recipient, updated_at)
          VALUES ('nada', 'x@example.com', '${T}')`),
      ).toThrow(/FOREIGN KEY/);
    },
  },
  '0010_impresion_guardada_pdf': {
    seed: (db) => {
      seedStoreAtV0(db);
      db.exec("UPDATE print_job SET status = 'done', printed_at = '2025-03-14T15:00:01.000Z'");
    },
    verify: (db) => {
      // A job printed before the column existed went to a printer: it stays «Impreso».
      expect(db.prepare('SELECT status, saved_as_pdf AS pdf FROM print_job').all()).toEqual([
        { status: 'done', pdf: 0 },
      ]);
      db.exec('UPDATE print_job SET saved_as_pdf = 1');
      expect(db.prepare('SELECT saved_as_pdf AS pdf FROM print_job').get()).toEqual({ pdf: 1 });
    },
  },
  '0011_impresora_cola_escpos': {
    seed: (db) => {
      seedStoreAtV0(db);
      db.exec(`INSERT INTO printer (id, name, kind, host, port, profile, paper, is_default, open_drawer)
          VALUES ('p1', 'Caja 1', 'escpos_tcp', '192.168.1.50', 9100, 'tm-t20iii', '80mm', 1, 1);
        INSERT INTO printer (id, name, kind, queue_name, profile, paper)
          VALUES ('p2', 'Oficina', 'pdf_spooler', 'HP_Oficina', 'tm-t20iii', 'a4');
        UPDATE print_job SET printer_id = 'p1';`);
    },
    verify: (db) => {
      // The printers and the job that points to one are kept; the queue's raw ESC/POS kind fits.
      expect(db.prepare('SELECT id, kind, is_default AS d FROM printer ORDER BY id').all()).toEqual(
        [
          { id: 'p1', kind: 'escpos_tcp', d: 1 },
          { id: 'p2', kind: 'pdf_spooler', d: 0 },
        ],
      );
      expect(db.prepare('SELECT printer_id AS p FROM print_job').get()).toEqual({ p: 'p1' });
      db.exec(`INSERT INTO printer (id, name, kind, queue_name, profile, paper, open_drawer)
        VALUES ('p3', 'USB', 'escpos_spooler', 'POS-80', 'generico-58', '80mm', 1)`);
      expect(() =>
        db.exec(`INSERT INTO printer (id, name, kind, profile, paper)
          VALUES ('p4', 'Sin cola', 'escpos_spooler', 'tm-t20iii', '80mm')`),
      ).toThrow(/CHECK/);
      expect(() =>
        db.exec(`INSERT INTO printer (id, name, kind, queue_name, profile, paper)
          VALUES ('p5', 'Fax', 'fax', 'X', 'tm-t20iii', '80mm')`),
      ).toThrow(/CHECK/);
      expect(() => db.exec("UPDATE printer SET is_default = 1 WHERE id = 'p3'")).toThrow(/UNIQUE/);
      db.pragma('foreign_keys = ON');
      db.exec("DELETE FROM printer WHERE id = 'p1'");
      expect(db.prepare('SELECT printer_id AS p FROM print_job').get()).toEqual({ p: null });
    },
  },
};

describe('migraciones reales', () => {
  let tmp: { dir: string; cleanup: () => void };
  const clock = createFixedClock(T);
  beforeEach(() => {
    tmp = createTempDir();
  });
  afterEach(() => tmp.cleanup());

  const migrateTo = (db: Sqlite.Database, file: string, migrations: Migration[]) => {
    const result = migrate(db, {
      file,
      migrations,
      backupDir: path.join(tmp.dir, 'backups'),
      clock,
      logger: silentLogger,
    });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('cada migración de migrations/ tiene su caso con datos sembrados', () => {
    expect(loadReal().map((m) => m.tag)).toEqual(Object.keys(CASES));
  });

  for (const [idx, migration] of loadReal().entries()) {
    it(`${migration.tag} conserva los datos sembrados en la versión anterior`, () => {
      const all = loadReal();
      const testCase = CASES[migration.tag];
      if (testCase === undefined) throw new Error(`Falta el caso de ${migration.tag}`);
      const file = path.join(tmp.dir, 'tienda.sqlite');
      const db = new Sqlite(file);
      if (idx > 0) migrateTo(db, file, all.slice(0, idx));
      db.pragma('foreign_keys = ON');
      testCase.seed(db);
      const before = dumpTables(db);

      const report = migrateTo(db, file, all.slice(0, idx + 1));

      expect(report.applied).toEqual([migration.tag]);
      const after = dumpTables(db);
      // Every row keeps every value it had; a migration may only add columns (with defaults).
      for (const [table, rows] of Object.entries(before)) {
        const columnas = Object.keys((rows[0] ?? {}) as Record<string, unknown>);
        const conservado = (after[table] ?? []).map((r) =>
          Object.fromEntries(columnas.map((c) => [c, (r as Record<string, unknown>)[c]])),
        );
        expect(conservado).toEqual(rows);
      }
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      testCase.verify(db);
      if (idx > 0) {
        const backup = new Sqlite(report.backupFile ?? '', { readonly: true });
        expect(dumpTables(backup)).toEqual(before);
        backup.close();
      }
      db.close();
    });
  }

  it('las protecciones de los comprobantes y la búsqueda siguen en pie tras todas las migraciones', () => {
    const db = new Sqlite(':memory:');
    migrateTo(db, ':memory:', loadReal());
    const triggers = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(triggers).toEqual(
      expect.arrayContaining([
        'audit_log_no_delete',
        'audit_log_no_update',
        'document_authorization_final',
        'document_fiscal_fields_immutable',
        'document_line_immutable',
        'document_line_no_delete',
        'document_no_delete',
        'document_payment_immutable',
        'document_payment_no_delete',
        'document_status_history_no_delete',
        'document_status_history_no_update',
        'document_tax_immutable',
        'document_tax_no_delete',
        'product_fts_after_delete',
        'product_fts_after_insert',
        'product_fts_after_update',
      ]),
    );
    db.close();
  });
});

describe('reconstrucción de una tabla padre con hijos ON DELETE CASCADE', () => {
  let tmp: { dir: string; cleanup: () => void };
  const clock = createFixedClock(T);
  beforeEach(() => {
    tmp = createTempDir();
  });
  afterEach(() => tmp.cleanup());

  /**
   * The app's migrations plus 0002_reconstruye_producto: real drizzle-kit output for a new
   * CHECK on product (`__new_product` + INSERT SELECT + DROP + RENAME), FTS triggers re-added.
   */
  const migrationsWithRebuild = (): string => {
    const dir = copyMigrations(tmp.dir);
    const journalFile = path.join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    const last = journal.entries.at(-1);
    // Numbered after the app's last migration, whichever that is.
    const tag = `${String(last.idx + 1).padStart(4, '0')}_reconstruye_producto`;
    copyFileSync(
      path.join(import.meta.dirname, 'fixtures', '0002_reconstruye_producto.sql'),
      path.join(dir, `${tag}.sql`),
    );
    journal.entries.push({
      idx: last.idx + 1,
      version: '6',
      when: last.when + 1,
      tag,
      breakpoints: true,
    });
    writeFileSync(journalFile, JSON.stringify(journal, null, 2));
    return dir;
  };

  const seededAtV1 = (file: string, migrations: Migration[]): Sqlite.Database => {
    const db = new Sqlite(file);
    const result = migrate(db, {
      file,
      migrations: migrations.slice(0, -1),
      backupDir: path.join(tmp.dir, 'backups'),
      clock,
      logger: silentLogger,
    });
    if (!result.ok) throw new Error(result.error.message);
    db.pragma('foreign_keys = ON');
    seedStoreAtV0(db);
    return db;
  };

  const barcodes = (db: Sqlite.Database) =>
    db.prepare('SELECT barcode, product_id FROM product_barcode ORDER BY barcode').all();

  it('nuestro migrador conserva todos los códigos de barras (hijos en cascada)', () => {
    const migrations = loadReal(migrationsWithRebuild());
    const file = path.join(tmp.dir, 'tienda.sqlite');
    const db = seededAtV1(file, migrations);
    const before = barcodes(db);
    expect(before).toHaveLength(2);
    db.close();

    const opened = openDatabase(file, {
      logger: silentLogger,
      clock,
      migrationsDir: migrationsWithRebuild(),
      backupDir: path.join(tmp.dir, 'backups'),
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const { sqlite } = opened.value;
    expect(opened.value.migration.applied).toEqual([migrations.at(-1)?.tag]);
    expect(barcodes(sqlite)).toEqual(before);
    expect(
      sqlite.prepare('SELECT count(*) AS n FROM document_line WHERE product_id IS NOT NULL').get(),
    ).toEqual({ n: 2 });
    // The rebuilt table carries the new CHECK, and search still works.
    expect(() => sqlite.exec("UPDATE product SET description = '' WHERE id = 'p1'")).toThrow(
      'CHECK',
    );
    expect(
      sqlite.prepare(`SELECT rowid FROM product_fts WHERE product_fts MATCH '"vita"*'`).all(),
    ).toEqual([{ rowid: 1 }]);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    opened.value.close();
  });

  it('con las claves foráneas activas, la misma migración borraría los hijos', () => {
    const migrations = loadReal(migrationsWithRebuild());
    const file = path.join(tmp.dir, 'tienda.sqlite');
    const db = seededAtV1(file, migrations);
    // Drop the lines so only the CASCADE children (barcodes) depend on product.
    db.exec('DROP TRIGGER document_line_no_delete; DELETE FROM document_line;');
    const rebuild = migrations.at(-1);
    if (rebuild === undefined) throw new Error('falta la migración de reconstrucción');

    // What a naive migrator does (drizzle's own runs in a transaction with the connection's
    // foreign keys): the PRAGMA foreign_keys=OFF in the file is a no-op inside a transaction.
    db.transaction(() => {
      for (const statement of rebuild.statements) db.exec(statement);
    })();

    expect(db.prepare('SELECT count(*) AS n FROM product').get()).toEqual({ n: 2 });
    expect(barcodes(db)).toEqual([]);
    db.close();
  });
});

describe('bases de datos rechazadas', () => {
  let tmp: { dir: string; cleanup: () => void };
  const clock = createFixedClock(T);
  beforeEach(() => {
    tmp = createTempDir();
  });
  afterEach(() => tmp.cleanup());

  it('una base de datos más nueva se rechaza en español y sus bytes no cambian', () => {
    const newer = copyMigrations(path.join(tmp.dir, 'nueva'));
    const journalFile = path.join(newer, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    const last = journal.entries.at(-1);
    const tag = `${String(last.idx + 1).padStart(4, '0')}_futura`;
    journal.entries.push({
      idx: last.idx + 1,
      version: '6',
      when: last.when + 1,
      tag,
      breakpoints: true,
    });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(path.join(newer, `${tag}.sql`), 'ALTER TABLE sale ADD propina_cents INTEGER;');
    const file = path.join(tmp.dir, 'tienda.sqlite');
    const byNewerApp = openDatabase(file, { logger: silentLogger, clock, migrationsDir: newer });
    if (!byNewerApp.ok) throw new Error(byNewerApp.error.message);
    seedStoreAtV0(byNewerApp.value.sqlite);
    byNewerApp.value.close();
    const before = fileHash(file);

    const result = openDatabase(file, { logger: silentLogger, clock });

    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.error).toEqual({
      code: 'db_mas_nueva',
      message: expect.stringMatching(
        /versión más nueva de Mostrador .*«\d{4}_futura».*no se modificó/,
      ),
    });
    expect(fileHash(file)).toBe(before);
  });

  it('migraciones fuera de orden se rechazan sin tocar la base de datos', () => {
    const file = path.join(tmp.dir, 'tienda.sqlite');
    const first = openDatabase(file, { logger: silentLogger, clock });
    if (!first.ok) throw new Error(first.error.message);
    first.value.close();
    const before = fileHash(file);
    const swapped = copyMigrations(path.join(tmp.dir, 'desordenadas'));
    const journalFile = path.join(swapped, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    journal.entries.push({ ...journal.entries.at(-1), idx: 2, when: 1, tag: '0002_antigua' });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(path.join(swapped, '0002_antigua.sql'), 'SELECT 1;');

    const result = openDatabase(file, { logger: silentLogger, clock, migrationsDir: swapped });

    expect(result.ok ? null : result.error.code).toBe('migraciones_desordenadas');
    expect(fileHash(file)).toBe(before);
  });
});
