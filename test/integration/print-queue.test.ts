import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../src/main/db/testing';
import { comprobanteDesdeJson, construirXml } from '../../src/main/fiscal';
import { createMemoryLogger } from '../../src/main/log';
import {
  createPrintQueue,
  encodeText,
  enqueuePrintJob,
  PRINTER_PROFILES,
  type PrintQueue,
  parseRide,
  renderEscpos,
} from '../../src/main/print';
import type { ResultadoImpresion } from '../../src/shared/contract/impresion';
import { type FakePrinter, startFakePrinter } from '../fakes/printer';
import { facturaJsonEjemplo } from '../fixtures/fiscal';

const fast = { connectTimeoutMs: 300, writeTimeoutMs: 1000, closeGraceMs: 300 };
const DRAWER = [0x1b, 0x70, 0, 25, 250];

/** XML from the fiscal engine's own builder: buyer «María José Ñañez», paid partly in cash. */
const facturaXml = (): string => {
  const comprobante = comprobanteDesdeJson(facturaJsonEjemplo());
  if (!comprobante.ok) throw new Error(comprobante.error.message);
  return construirXml(comprobante.value);
};

const seedDocument = (db: TestDatabase, id: string, xml: string): void => {
  const at = db.clock.now().toISOString();
  db.sqlite
    .prepare(
      `INSERT OR IGNORE INTO issuer (id, ruc, razon_social, direccion_matriz, obligado_contabilidad, ambiente, updated_at)
       VALUES ('iss', '0992345675001', 'COMERCIAL LA ESQUINA S.A.', 'Guayaquil', 1, '1', ?)`,
    )
    .run(at);
  db.sqlite
    .prepare(
      `INSERT OR IGNORE INTO establishment (id, issuer_id, code, address, updated_at) VALUES ('est', 'iss', '001', 'Guayaquil', ?)`,
    )
    .run(at);
  db.sqlite
    .prepare(
      `INSERT OR IGNORE INTO emission_point (id, establishment_id, code, description, updated_at) VALUES ('pto', 'est', '002', 'Caja 2', ?)`,
    )
    .run(at);
  const secuencial =
    Number(db.sqlite.prepare('SELECT COUNT(*) AS n FROM document').pluck().get()) + 1;
  db.sqlite
    .prepare(
      `INSERT INTO document (id, cod_doc, version, ambiente, emission_point_id, estab, pto_emi, secuencial,
         clave_acceso, fecha_emision, buyer_tipo, buyer_identificacion, buyer_razon_social, subtotal_cents,
         descuento_cents, iva_cents, total_cents, status, signed_xml, created_at, updated_at)
       VALUES (?, '01', '1.1.0', '1', 'pto', '001', '002', ?, ?, '2026-11-20', '05', '0926687856',
         'María José Ñañez', 1419, 50, 190, 1609, 'SIGNED', ?, ?, ?)`,
    )
    .run(id, secuencial, String(secuencial).padStart(49, '0'), xml, at, at);
};

const addPrinter = (db: TestDatabase, id: string, values: Record<string, unknown>): void => {
  db.sqlite
    .prepare(
      `INSERT INTO printer (id, name, kind, host, port, queue_name, profile, paper, is_default, open_drawer)
       VALUES (@id, @name, @kind, @host, @port, @queue_name, @profile, @paper, @is_default, @open_drawer)`,
    )
    .run({
      id,
      name: 'Caja 2',
      kind: 'escpos_tcp',
      host: null,
      port: null,
      queue_name: null,
      profile: 'tm-t20iii',
      paper: '80mm',
      is_default: 0,
      open_drawer: 1,
      ...values,
    });
};

let printer: FakePrinter;
let db: TestDatabase;
let queue: PrintQueue;
const logger = createMemoryLogger();

beforeAll(async () => {
  printer = await startFakePrinter();
});
afterAll(() => printer.close());

beforeEach(() => {
  db = openTestDatabase();
  addPrinter(db, 'termica', { host: printer.host, port: printer.port, is_default: 1 });
  seedDocument(db, 'doc-1', facturaXml());
  queue = createPrintQueue({
    db,
    clock: db.clock,
    logger,
    delivery: { tcp: fast },
    baseDelayMs: 1000,
    maxDelayMs: 8000,
    random: () => 0.5,
  });
  printer.jobs.length = 0;
  printer.setOutOfPaper(false);
});
afterEach(async () => {
  await queue.stop();
  await printer.start().catch(() => {});
  db.sqlite.close();
});

describe('cola de impresión', () => {
  it('una venta se imprime: el RIDE ESC/POS del XML guardado llega a la impresora', async () => {
    const id = enqueuePrintJob(db, { kind: 'ride', documentId: 'doc-1' }, db.clock);
    expect(id.ok).toBe(true);
    expect(await queue.runOnce()).toBe(1);
    expect(printer.jobs).toHaveLength(1);
    const ride = parseRide(facturaXml());
    if (!ride.ok) throw new Error(ride.error.message);
    const expected = renderEscpos(ride.value, {
      profile: PRINTER_PROFILES['tm-t20iii'],
      cajon: true,
    });
    expect(Buffer.from(printer.jobs[0] ?? []).equals(Buffer.from(expected))).toBe(true);
    const job = Buffer.from(printer.jobs[0] ?? []);
    expect(job.includes(Buffer.from(encodeText('María José Ñañez', 'PC858')))).toBe(true);
    // Paid partly in cash (formaPago 01): the drawer opens.
    expect(job.includes(Buffer.from(DRAWER))).toBe(true);
    expect(queue.jobs()[0]).toMatchObject({ status: 'done', attempts: 1, lastError: null });
  });

  it('con la impresora apagada el trabajo espera y se imprime una sola vez cuando vuelve', async () => {
    await printer.stop();
    enqueuePrintJob(db, { kind: 'ride', documentId: 'doc-1' }, db.clock);
    await queue.runOnce();
    expect(queue.jobs()[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: `La impresora no responde en 127.0.0.1:${printer.port}. Revise que esté encendida y conectada.`,
    });
    expect(queue.counts()).toEqual({ pending: 1, printing: 0, done: 0, failed: 0 });
    // Not due yet: nothing is tried before the backoff.
    expect(await queue.runOnce()).toBe(0);
    db.clock.advance(1000);
    await queue.runOnce();
    expect(queue.jobs()[0]).toMatchObject({ status: 'pending', attempts: 2 });

    await printer.start();
    db.clock.advance(2000);
    expect(await queue.runOnce()).toBe(1);
    expect(printer.jobs).toHaveLength(1);
    expect(queue.jobs()[0]).toMatchObject({ status: 'done', attempts: 3, lastError: null });
    db.clock.advance(60_000);
    expect(await queue.runOnce()).toBe(0);
    queue.retryNow();
    await queue.runOnce();
    expect(printer.jobs).toHaveLength(1);
  });

  it('sin papel se reintenta con el error visible y luego imprime una vez', async () => {
    printer.setOutOfPaper(true);
    enqueuePrintJob(db, { kind: 'ride', documentId: 'doc-1' }, db.clock);
    await queue.runOnce();
    const [job] = queue.jobs();
    expect(job?.status).toBe('pending');
    expect(job?.lastError).toMatch(/papel/);
    expect(printer.jobs).toHaveLength(0);
    printer.setOutOfPaper(false);
    queue.retryNow();
    await queue.runOnce();
    expect(printer.jobs).toHaveLength(1);
    expect(queue.counts().done).toBe(1);
  });

  it('el trabajador imprime solo al encolar, sin que nadie llame a runOnce', async () => {
    queue.start();
    expect(queue.enqueue({ kind: 'ride', documentId: 'doc-1' }).ok).toBe(true);
    await printer.waitForJobs(1);
    await queue.stop();
    expect(queue.counts().done).toBe(1);
  });

  it('reimprime desde Conciliación con aviso de reimpresión y sin abrir el cajón', async () => {
    expect(queue.reprint('doc-1').ok).toBe(true);
    await queue.runOnce();
    const job = Buffer.from(printer.jobs[0] ?? []);
    expect(job.includes(Buffer.from(encodeText('*** REIMPRESIÓN ***', 'PC858')))).toBe(true);
    expect(job.includes(Buffer.from(DRAWER))).toBe(false);
    expect(queue.reprint('no-existe')).toMatchObject({
      ok: false,
      error: { code: 'documento_no_existe' },
    });
  });

  it('un XML guardado que no se puede leer falla sin reintentos y sin imprimir nada', async () => {
    seedDocument(db, 'roto', '<factura id="comprobante"><infoTributaria>');
    enqueuePrintJob(db, { kind: 'ride', documentId: 'roto' }, db.clock);
    await queue.runOnce();
    expect(queue.jobs()[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(queue.jobs()[0]?.lastError).toMatch(/^El XML no se puede leer/);
    expect(printer.jobs).toHaveLength(0);
  });

  it('tras un cierre inesperado retoma el trabajo que quedó imprimiendo', async () => {
    enqueuePrintJob(db, { kind: 'ride', documentId: 'doc-1' }, db.clock);
    db.sqlite.prepare(`UPDATE print_job SET status = 'printing'`).run();
    queue.start();
    await printer.waitForJobs(1);
    await queue.stop();
    expect(queue.counts()).toMatchObject({ done: 1, printing: 0 });
  });

  it('sin impresora configurada no encola y lo dice', () => {
    db.sqlite.prepare('UPDATE printer SET is_default = 0').run();
    expect(enqueuePrintJob(db, { kind: 'ride', documentId: 'doc-1' }, db.clock)).toMatchObject({
      ok: false,
      error: { code: 'sin_impresora' },
    });
  });

  it('sin impresora, con carpeta de PDF, guarda el RIDE y el reporte Z como PDF de 80 mm', async () => {
    db.sqlite.prepare('UPDATE printer SET is_default = 0').run();
    const dir = mkdtempSync(join(tmpdir(), 'ride-pdf-'));
    const archivo = createPrintQueue({ db, clock: db.clock, logger, pdfDir: dir });
    try {
      expect(archivo.enqueue({ kind: 'ride', documentId: 'doc-1' }).ok).toBe(true);
      const z = archivo.enqueue({
        kind: 'z_report',
        payload: { titulo: 'REPORTE Z', lineas: ['Facturas (1)   $16.09'] },
      });
      expect(z.ok).toBe(true);
      expect(await archivo.runOnce()).toBe(2);
      expect(archivo.counts()).toMatchObject({ done: 2, failed: 0 });
      const clave = String(1).padStart(49, '0');
      expect(readdirSync(dir).sort()).toEqual([
        `${clave}.pdf`,
        `z_report-${z.ok ? z.value : 0}.pdf`,
      ]);
      expect(
        readFileSync(join(dir, `${clave}.pdf`))
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      expect(printer.jobs).toHaveLength(0);
    } finally {
      await archivo.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('una impresora PDF recibe el RIDE A4 por la cola del sistema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-cola-'));
    try {
      const lp = join(dir, 'lp');
      writeFileSync(lp, `#!/bin/sh\ncp "$3" "${dir}/impreso-$2.pdf"\n`);
      chmodSync(lp, 0o755);
      addPrinter(db, 'oficina', { kind: 'pdf_spooler', queue_name: 'OFICINA', paper: 'a4' });
      const pdfQueue = createPrintQueue({
        db,
        clock: db.clock,
        logger,
        delivery: { spooler: { lpCommand: lp, platform: 'linux' } },
      });
      pdfQueue.enqueue({ kind: 'ride', documentId: 'doc-1', printerId: 'oficina' });
      await pdfQueue.runOnce();
      await pdfQueue.stop();
      expect(readdirSync(dir)).toContain('impreso-OFICINA.pdf');
      expect(readFileSync(join(dir, 'impreso-OFICINA.pdf')).subarray(0, 5).toString()).toBe(
        '%PDF-',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('lo que de verdad pasó con la impresión (issue 18 §3)', () => {
  const seguir = (extra: Partial<Parameters<typeof createPrintQueue>[0]> = {}) => {
    const avisos: ResultadoImpresion[] = [];
    const q = createPrintQueue({
      db,
      clock: db.clock,
      logger,
      delivery: { tcp: fast },
      baseDelayMs: 1000,
      random: () => 0.5,
      alCambiar: (r) => avisos.push(r),
      ...extra,
    });
    return { q, avisos };
  };

  it('«Impreso» solo cuando la impresora recibió los bytes, avisando cada paso', async () => {
    const { q, avisos } = seguir();
    const id = q.enqueue({ kind: 'ride', documentId: 'doc-1' });
    if (!id.ok) throw new Error(id.error.message);
    await q.runOnce();
    await q.stop();
    expect(avisos.map((a) => [a.trabajoId, a.documentoId, a.resultado, a.mensaje])).toEqual([
      [id.value, 'doc-1', 'imprimiendo', 'Imprimiendo…'],
      [id.value, 'doc-1', 'impreso', 'Impreso.'],
    ]);
    expect(printer.jobs).toHaveLength(1);
    expect(q.resultado(id.value)).toMatchObject({ resultado: 'impreso', reintentable: false });
  });

  it('sin impresora configurada dice «Guardado como PDF», no «Impreso»', async () => {
    db.sqlite.prepare('UPDATE printer SET is_default = 0').run();
    const dir = mkdtempSync(join(tmpdir(), 'ride-pdf-'));
    const { q, avisos } = seguir({ pdfDir: dir });
    try {
      const id = q.enqueue({ kind: 'ride', documentId: 'doc-1' });
      if (!id.ok) throw new Error(id.error.message);
      await q.runOnce();
      expect(avisos.at(-1)).toEqual({
        trabajoId: id.value,
        documentoId: 'doc-1',
        tipo: 'ride',
        resultado: 'guardado_pdf',
        mensaje: 'Guardado como PDF: no hay una impresora configurada (Ajustes › Impresoras).',
        reintentable: false,
      });
      expect(q.jobs()[0]).toMatchObject({ status: 'done', savedAsPdf: true });
    } finally {
      await q.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('apagada: «No se imprimió: …» con reintento; al encenderla, reintentar imprime una sola vez', async () => {
    await printer.stop();
    const { q, avisos } = seguir();
    const id = q.enqueue({ kind: 'ride', documentId: 'doc-1' });
    if (!id.ok) throw new Error(id.error.message);
    await q.runOnce();
    expect(avisos.at(-1)).toMatchObject({
      resultado: 'no_impreso',
      mensaje: `No se imprimió: la impresora no responde en 127.0.0.1:${printer.port}. Revise que esté encendida y conectada. Se reintentará solo.`,
      reintentable: true,
    });
    await printer.start();
    // Not due yet (backoff): «Reintentar» makes it due now, the same job, not a copy.
    expect(q.reintentar(id.value)).toMatchObject({ ok: true, value: { resultado: 'no_impreso' } });
    await q.runOnce();
    expect(avisos.at(-1)).toMatchObject({ trabajoId: id.value, resultado: 'impreso' });
    expect(printer.jobs).toHaveLength(1);
    expect(q.jobs()).toHaveLength(1);
    expect(q.reintentar(id.value)).toMatchObject({
      ok: false,
      error: { code: 'impresion_terminada' },
    });
    expect(q.reintentar(999)).toMatchObject({ ok: false, error: { code: 'impresion_no_existe' } });
    await q.stop();
  });

  it('sin papel dice «sin papel»; un trabajo abandonado (failed) también se reintenta', async () => {
    printer.setOutOfPaper(true);
    const { q, avisos } = seguir({ maxAttempts: 1 });
    const id = q.enqueue({ kind: 'ride', documentId: 'doc-1' });
    if (!id.ok) throw new Error(id.error.message);
    await q.runOnce();
    expect(q.jobs()[0]?.status).toBe('failed');
    expect(avisos.at(-1)?.mensaje).toMatch(/^No se imprimió: .*papel/);
    printer.setOutOfPaper(false);
    expect(q.reintentar(id.value).ok).toBe(true);
    await q.runOnce();
    expect(q.resultado(id.value)?.resultado).toBe('impreso');
    expect(printer.jobs).toHaveLength(1);
    await q.stop();
  });
});
