/**
 * The print queue: jobs live in SQLite (`print_job`), the `print` lane of the job runner prints
 * them oldest first, one at a time. It keeps its own table rather than `outbox_job`: its
 * statuses (pending, printing, done, failed) are what Conciliación and the status bar show, and
 * its rows carry a printer, a format and a text payload; the runner only needs a store.
 * A printer that is off or out of paper only delays the job (retries with capped backoff and
 * the error visible); it never touches the sale. A job is marked done only after the printer
 * took every byte, and is never sent again after that: it prints once when the printer is back.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { ResultadoImpresion } from '../../shared/contract/impresion';
import { err, ok, type Result } from '../../shared/result';
import type { Database } from '../db';
import { PRINT_KINDS, PRINT_STATUSES } from '../db/schema';
import { backoffDelayMs, createJobRunner, type JobRunner } from '../jobs';
import type { Clock, Logger } from '../log';
import {
  type DeliveryOptions,
  deliver,
  type PrinterConfig,
  printerFromRow,
  renderForPrinter,
  renderTextPage,
} from './printer';
import { resultadoDe } from './resultado';
import { parseRide } from './ride/model';

export type PrintJobKind = 'ride' | 'reprint' | 'test' | 'z_report';
export type PrintJobStatus = 'pending' | 'printing' | 'done' | 'failed';

/** What Conciliación and the status bar show. */
export type PrintJobView = {
  id: number;
  documentId: string | null;
  kind: PrintJobKind;
  printerId: string | null;
  status: PrintJobStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  printedAt: string | null;
  /** Done without a printer: kept as a PDF file (not «Impreso»). */
  savedAsPdf: boolean;
};

export type PrintQueueCounts = Record<PrintJobStatus, number>;

/** Payload of a text job (Z report, shift slips): a title and printed lines. */
export const textPayloadSchema = z.object({
  titulo: z.string().min(1),
  lineas: z.array(z.string()),
});
export type TextPayload = z.infer<typeof textPayloadSchema>;

type PrinterRowDb = {
  id: string;
  name: string;
  kind: 'escpos_tcp' | 'escpos_spooler' | 'pdf_spooler';
  host: string | null;
  port: number | null;
  queue_name: string | null;
  profile: string;
  paper: '80mm' | '58mm' | 'a4';
  open_drawer: number;
};

/** A `print_job` row as loaded: parsed, so a damaged row fails its job instead of printing. */
const jobRowSchema = z.object({
  id: z.number().int().positive(),
  document_id: z.string().nullable(),
  kind: z.enum(PRINT_KINDS),
  printer_id: z.string().nullable(),
  status: z.enum(PRINT_STATUSES),
  attempts: z.number().int().nonnegative(),
  next_attempt_at: z.string(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  printed_at: z.string().nullable(),
  payload: z.string().nullable(),
  saved_as_pdf: z.number().int(),
});
type JobRowDb = z.infer<typeof jobRowSchema>;

const toView = (row: JobRowDb): PrintJobView => ({
  id: row.id,
  documentId: row.document_id,
  kind: row.kind,
  printerId: row.printer_id,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastError: row.last_error,
  createdAt: row.created_at,
  printedAt: row.printed_at,
  savedAsPdf: row.saved_as_pdf === 1,
});

const resultadoDeFila = (row: JobRowDb): ResultadoImpresion =>
  resultadoDe({
    id: row.id,
    documentId: row.document_id,
    kind: row.kind,
    status: row.status,
    lastError: row.last_error,
    savedAsPdf: row.saved_as_pdf === 1,
  });

const findPrinter = (db: Database, printerId: string | null): PrinterRowDb | undefined =>
  (printerId === null
    ? db.sqlite.prepare('SELECT * FROM printer WHERE is_default = 1').get()
    : db.sqlite.prepare('SELECT * FROM printer WHERE id = ?').get(printerId)) as
    | PrinterRowDb
    | undefined;

const configOf = (row: PrinterRowDb): Result<PrinterConfig> =>
  printerFromRow({
    name: row.name,
    kind: row.kind,
    host: row.host,
    port: row.port,
    queueName: row.queue_name,
    profile: row.profile,
    paper: row.paper,
    openDrawer: row.open_drawer === 1,
  });

export type EnqueueInput = {
  kind: PrintJobKind;
  documentId?: string | null;
  /** Default: the default printer. */
  printerId?: string | null;
  payload?: TextPayload | null;
};

/**
 * Adds a print job. Synchronous and transaction-friendly: call it inside the sale's
 * transaction so the job exists exactly when the document does.
 * @example enqueuePrintJob(db, { kind: 'ride', documentId }, clock) // ok(17)
 */
export const enqueuePrintJob = (
  db: Database,
  input: EnqueueInput,
  clock: Clock,
  /** With no default printer, queue the job anyway: the queue keeps it as a PDF file. */
  sinImpresora: 'error' | 'pdf' = 'error',
): Result<number> => {
  const printer = findPrinter(db, input.printerId ?? null);
  if (printer === undefined && !(sinImpresora === 'pdf' && input.printerId == null)) {
    return err(
      'sin_impresora',
      input.printerId == null
        ? 'No hay una impresora predeterminada. Configúrela en Ajustes › Impresoras.'
        : 'La impresora elegida no existe.',
    );
  }
  if ((input.kind === 'ride' || input.kind === 'reprint') && input.documentId == null) {
    return err('impresion_sin_documento', 'Falta el documento que se debe imprimir.');
  }
  const now = clock.now().toISOString();
  const info = db.sqlite
    .prepare(
      `INSERT INTO print_job (document_id, kind, printer_id, format, payload, status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
    )
    .run(
      input.documentId ?? null,
      input.kind,
      printer?.id ?? null,
      printer === undefined ? '80mm' : printer.kind !== 'pdf_spooler' ? 'escpos' : printer.paper,
      input.payload == null ? null : JSON.stringify(input.payload),
      now,
      now,
    );
  return ok(Number(info.lastInsertRowid));
};

export type PrintQueueOptions = {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Store logo (Ajustes) for PDF RIDEs, read when a job prints. */
  logo?: () => Uint8Array | null;
  delivery?: DeliveryOptions;
  /**
   * Where a RIDE goes when no printer is configured (a fresh install, the demo): an 80 mm PDF
   * per document, reprintable later. Without it such jobs fail and wait for a reprint.
   */
  pdfDir?: string;
  /** After this many failed attempts a job is `failed` (reprint it from Conciliación). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** 0 ≤ r < 1, spreads retries (jitter). */
  random?: () => number;
  /** The app's job runner; a queue made alone (tests, CLI) gets its own. */
  runner?: JobRunner;
  /** Each change of a job's state (printing, printed, saved as PDF, not printed). */
  alCambiar?: (resultado: ResultadoImpresion) => void;
};

export type PrintQueue = {
  /** Prints every job due now, one after another; resolves with how many were tried. */
  runOnce: () => Promise<number>;
  /** Starts the background worker (requeues jobs left `printing` by a crash). */
  start: () => void;
  stop: () => Promise<void>;
  /** Run soon (a job was added). */
  wake: () => void;
  /** Make every pending job due now and run (e.g. after the test page printed fine). */
  retryNow: () => void;
  /** Queues a new copy of a document's RIDE, marked as reprint (no drawer kick). */
  reprint: (documentId: string, printerId?: string | null) => Result<number>;
  enqueue: (input: EnqueueInput) => Result<number>;
  counts: () => PrintQueueCounts;
  jobs: (filter?: { documentId?: string; status?: PrintJobStatus }) => PrintJobView[];
  /** What happened to one job, in the cashier's words; null when there is no such job. */
  resultado: (jobId: number) => ResultadoImpresion | null;
  /**
   * Tries a job that did not print again now (the printer was turned on, paper was loaded).
   * The same job, not a copy: a RIDE that never came out is not a reprint.
   */
  reintentar: (jobId: number) => Result<ResultadoImpresion>;
};

/**
 * The print worker over the `print_job` table.
 * @example const queue = createPrintQueue({ db, clock, logger }); queue.start();
 */
export const createPrintQueue = (options: PrintQueueOptions): PrintQueue => {
  const { db, clock, logger } = options;
  const maxAttempts = options.maxAttempts ?? 50;
  const baseDelayMs = options.baseDelayMs ?? 2000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const random = options.random ?? Math.random;

  // `print_job` keeps its own table (see `claim`): its statuses are what Conciliación and the
  // status bar show, and a job's lease is its `printing` status.
  const due = db.sqlite.prepare<[string, number], unknown>(
    `SELECT * FROM print_job WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
  );
  const nextDue = db.sqlite.prepare<[], { next: string | null }>(
    `SELECT MIN(next_attempt_at) AS next FROM print_job WHERE status = 'pending'`,
  );
  const lease = db.sqlite.prepare<[number]>(
    `UPDATE print_job SET status = 'printing' WHERE id = ? AND status = 'pending'`,
  );
  const unreadable = db.sqlite.prepare<[string, number]>(
    `UPDATE print_job SET status = 'failed', last_error = ? WHERE id = ?`,
  );
  const requeuePrinting = db.sqlite.prepare(
    `UPDATE print_job SET status = 'pending' WHERE status = 'printing'`,
  );
  const markDone = db.sqlite.prepare<[string, number, number]>(
    `UPDATE print_job SET status = 'done', attempts = attempts + 1, printed_at = ?, last_error = NULL,
       saved_as_pdf = ? WHERE id = ?`,
  );
  const byId = db.sqlite.prepare<[number], unknown>('SELECT * FROM print_job WHERE id = ?');
  const rearm = db.sqlite.prepare<[string, number]>(
    `UPDATE print_job SET status = 'pending', next_attempt_at = ? WHERE id = ? AND status IN ('pending', 'failed')`,
  );

  const leer = (id: number): JobRowDb | null => {
    const row = jobRowSchema.safeParse(byId.get(id));
    return row.success ? row.data : null;
  };
  /** Tells the app (Cobro, Conciliación) what the job's state is now. */
  const avisar = (id: number): void => {
    if (options.alCambiar === undefined) return;
    const row = leer(id);
    if (row !== null) options.alCambiar(resultadoDeFila(row));
  };
  const markRetry = db.sqlite.prepare(
    `UPDATE print_job SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?`,
  );
  const claveDe = db.sqlite.prepare('SELECT clave_acceso AS clave FROM document WHERE id = ?');
  const loadDocument = db.sqlite.prepare(
    'SELECT signed_xml, numero_autorizacion, fecha_autorizacion FROM document WHERE id = ?',
  );

  const backoff = (attempts: number): number =>
    backoffDelayMs(Math.max(0, attempts - 1), { baseMs: baseDelayMs, capMs: maxDelayMs }, random);

  /** A failure no retry can fix (bad document, no printer): fails now, reprint later. */
  const failNow = (job: JobRowDb, message: string): void => {
    markRetry.run('failed', job.attempts + 1, job.next_attempt_at, message, job.id);
    logger.warn('Trabajo de impresión fallido', { job: job.id, error: message });
    avisar(job.id);
  };

  const render = async (job: JobRowDb, printer: PrinterConfig): Promise<Result<Uint8Array>> => {
    if (job.kind === 'ride' || job.kind === 'reprint') {
      const doc = loadDocument.get(job.document_id) as
        | {
            signed_xml: string;
            numero_autorizacion: string | null;
            fecha_autorizacion: string | null;
          }
        | undefined;
      if (doc === undefined) return err('impresion_sin_documento', 'El documento ya no existe.');
      const ride = parseRide(doc.signed_xml, {
        ...(doc.numero_autorizacion === null
          ? {}
          : { numeroAutorizacion: doc.numero_autorizacion }),
        ...(doc.fecha_autorizacion === null ? {} : { fechaAutorizacion: doc.fecha_autorizacion }),
      });
      if (!ride.ok) return ride;
      return ok(
        await renderForPrinter(ride.value, printer, {
          reimpresion: job.kind === 'reprint',
          logo: options.logo?.() ?? null,
          ...options.delivery,
        }),
      );
    }
    if (job.kind === 'test') {
      return ok(await renderTextPage(printer, null, clock.now(), options.delivery?.fonts));
    }
    const payload = textPayloadSchema.safeParse(
      job.payload === null ? null : JSON.parse(job.payload),
    );
    if (!payload.success) return err('impresion_datos', 'El trabajo no trae qué imprimir.');
    return ok(await renderTextPage(printer, payload.data, clock.now(), options.delivery?.fonts));
  };

  /** The file a job without a printer is kept in: the clave de acceso, or the job. */
  const writePdf = (dir: string, name: string, pdf: Uint8Array): void => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.pdf`);
    writeFileSync(`${file}.tmp`, pdf);
    renameSync(`${file}.tmp`, file);
  };

  /** No printer yet: the job is kept as an 80 mm PDF in `dir`, to print or send later. */
  const saveAsPdf = async (job: JobRowDb, dir: string): Promise<void> => {
    const archivo: PrinterConfig = {
      kind: 'pdf_spooler',
      name: 'Archivo PDF',
      queueName: dir,
      formato: '80mm',
    };
    const bytes = await render(job, archivo);
    if (!bytes.ok) {
      failNow(job, bytes.error.message);
      return;
    }
    const clave =
      job.document_id === null
        ? undefined
        : (claveDe.get(job.document_id) as { clave: string } | undefined)?.clave;
    writePdf(
      dir,
      clave === undefined
        ? `${job.kind}-${job.id}`
        : `${clave}${job.kind === 'reprint' ? `-r${job.id}` : ''}`,
      bytes.value,
    );
    markDone.run(clock.now().toISOString(), 1, job.id);
    logger.info('Impresión guardada como PDF (sin impresora configurada)', { job: job.id });
    avisar(job.id);
  };

  const printJob = async (job: JobRowDb): Promise<void> => {
    avisar(job.id);
    const printerRow = findPrinter(db, job.printer_id);
    if (printerRow === undefined && job.printer_id === null && options.pdfDir !== undefined) {
      await saveAsPdf(job, options.pdfDir);
      return;
    }
    if (printerRow === undefined) {
      failNow(
        job,
        job.printer_id === null
          ? 'No hay una impresora predeterminada. Configúrela en Ajustes y reimprima desde Conciliación.'
          : 'La impresora del trabajo ya no existe. Reimprima desde Conciliación.',
      );
      return;
    }
    const printer = configOf(printerRow);
    if (!printer.ok) {
      failNow(job, printer.error.message);
      return;
    }
    // Rendered completely before the first byte goes out: never half a RIDE.
    const bytes = await render(job, printer.value);
    if (!bytes.ok) {
      failNow(job, bytes.error.message);
      return;
    }
    const sent = await deliver(printer.value, bytes.value, options.delivery);
    const attempts = job.attempts + 1;
    if (sent.ok) {
      markDone.run(clock.now().toISOString(), 0, job.id);
      logger.info('Impreso', { job: job.id, kind: job.kind, document: job.document_id });
      avisar(job.id);
      return;
    }
    const status = attempts >= maxAttempts ? 'failed' : 'pending';
    const next = new Date(clock.now().getTime() + backoff(attempts)).toISOString();
    markRetry.run(status, attempts, next, sent.error.message, job.id);
    logger.warn('No se pudo imprimir; se reintentará', {
      job: job.id,
      attempts,
      status,
      error: sent.error.message,
    });
    avisar(job.id);
  };

  /** Claims due jobs oldest first; the lease is the `printing` status. */
  const claim = db.sqlite.transaction((now: string, _leaseUntil: string, limit: number) => {
    const claimed: JobRowDb[] = [];
    for (const raw of due.all(now, limit)) {
      const row = jobRowSchema.safeParse(raw);
      if (!row.success) {
        const id = (raw as { id?: unknown }).id;
        if (typeof id === 'number') {
          unreadable.run('El trabajo de impresión está dañado; reimprima desde Conciliación.', id);
        }
        continue;
      }
      if (lease.run(row.data.id).changes === 1) claimed.push(row.data);
    }
    return claimed;
  });

  const runner = options.runner ?? createJobRunner({ clock, logger });
  const lane = runner.register<JobRowDb>({
    name: 'print',
    store: {
      claim,
      earliestDue: () => nextDue.get()?.next ?? null,
      // A job left `printing` by a crash may or may not have printed; printing it again is
      // better than a customer without a RIDE.
      releaseStale: () => {
        const requeued = requeuePrinting.run().changes;
        if (requeued > 0)
          logger.warn('Trabajos de impresión retomados tras un cierre', { requeued });
      },
    },
    process: printJob,
    // A bug while printing must not wedge the queue: the job waits like a failed one.
    onUnknownOutcome: (job, error) => {
      const message = error instanceof Error ? error.message : String(error);
      logger.error('Error interno al imprimir', { job: job.id, error: message });
      markRetry.run(
        'pending',
        job.attempts + 1,
        new Date(clock.now().getTime() + maxDelayMs).toISOString(),
        `Error interno: ${message}`,
        job.id,
      );
      avisar(job.id);
    },
    // One printer, one job at a time: receipts come out in the order they were queued.
    concurrency: 1,
    leaseMs: 0,
    idleMs: maxDelayMs,
    errorDelayMs: maxDelayMs,
  });

  const wake = (): void => lane.wake();

  return {
    runOnce: lane.drain,
    start: lane.start,
    stop: lane.stop,
    wake,
    retryNow: () => {
      db.sqlite
        .prepare(`UPDATE print_job SET next_attempt_at = ? WHERE status = 'pending'`)
        .run(clock.now().toISOString());
      wake();
    },
    reprint: (documentId, printerId = null) => {
      const exists = db.sqlite.prepare('SELECT 1 FROM document WHERE id = ?').get(documentId);
      if (exists === undefined) return err('documento_no_existe', 'El documento no existe.');
      const id = enqueuePrintJob(
        db,
        { kind: 'reprint', documentId, printerId },
        clock,
        options.pdfDir === undefined ? 'error' : 'pdf',
      );
      if (id.ok) wake();
      return id;
    },
    enqueue: (input) => {
      const id = enqueuePrintJob(db, input, clock, options.pdfDir === undefined ? 'error' : 'pdf');
      if (id.ok) wake();
      return id;
    },
    counts: () => {
      const counts: PrintQueueCounts = { pending: 0, printing: 0, done: 0, failed: 0 };
      const rows = db.sqlite
        .prepare('SELECT status, COUNT(*) AS n FROM print_job GROUP BY status')
        .all() as { status: PrintJobStatus; n: number }[];
      for (const row of rows) counts[row.status] = row.n;
      return counts;
    },
    jobs: (filter = {}) => {
      const rows = db.sqlite
        .prepare(
          `SELECT * FROM print_job
           WHERE (@documentId IS NULL OR document_id = @documentId) AND (@status IS NULL OR status = @status)
           ORDER BY id DESC LIMIT 500`,
        )
        .all({
          documentId: filter.documentId ?? null,
          status: filter.status ?? null,
        }) as JobRowDb[];
      return rows.map(toView);
    },
    resultado: (jobId) => {
      const row = leer(jobId);
      return row === null ? null : resultadoDeFila(row);
    },
    reintentar: (jobId) => {
      const row = leer(jobId);
      if (row === null) return err('impresion_no_existe', 'Ese trabajo de impresión no existe.');
      if (row.status === 'done') {
        return err(
          'impresion_terminada',
          'Ese trabajo ya salió. Para otra copia use «Reimprimir» en Conciliación.',
        );
      }
      if (row.status === 'printing') return ok(resultadoDeFila(row));
      rearm.run(clock.now().toISOString(), jobId);
      wake();
      const ahora = leer(jobId);
      return ok(resultadoDeFila(ahora ?? row));
    },
  };
};
