/**
 * A configured printer (the `printer` table, Ajustes) and how a RIDE or a test page reaches it:
 * ESC/POS bytes over raw TCP or raw through an OS queue (a USB thermal printer installed in the
 * system), or a PDF through the OS spooler. Everything is rendered in memory before the first
 * byte goes out, so a bad document never half-prints.
 */
import { err, ok, type Result } from '../../shared/result';
import { encodeText, printable } from './escpos/codepage';
import {
  align,
  bold,
  cut,
  feedLines,
  initialize,
  LF,
  selectCodePage,
  size,
} from './escpos/commands';
import { isPrinterProfileId, PRINTER_PROFILES, type PrinterProfileId } from './escpos/profiles';
import { renderEscpos, wrap } from './escpos/receipt';
import { pdfDocument } from './lazyDeps';
import { loadRideFonts, type RideFonts } from './ride/fonts';
import type { Ride } from './ride/model';
import { type RideFormato, renderRidePdf } from './ride/pdf';
import { type RawSpoolOptions, sendRawSpool } from './transports/raw';
import { printPdf, type SpoolerOptions } from './transports/spooler';
import { sendTcp, type TcpOptions } from './transports/tcp';

export type PrinterConfig =
  | {
      kind: 'escpos_tcp';
      name: string;
      host: string;
      port: number;
      profile: PrinterProfileId;
      openDrawer: boolean;
    }
  | {
      kind: 'escpos_spooler';
      name: string;
      queueName: string;
      profile: PrinterProfileId;
      openDrawer: boolean;
    }
  | { kind: 'pdf_spooler'; name: string; queueName: string; formato: RideFormato };

/** The ESC/POS printers: the same bytes, over TCP or raw through an OS queue. */
type EscposPrinter = Extract<PrinterConfig, { profile: PrinterProfileId }>;

/** A `printer` row as stored (see db/schema.ts). */
export type PrinterRow = {
  name: string;
  kind: 'escpos_tcp' | 'escpos_spooler' | 'pdf_spooler';
  host: string | null;
  port: number | null;
  queueName: string | null;
  profile: string;
  paper: '80mm' | '58mm' | 'a4';
  openDrawer: boolean;
};

/**
 * Validates a stored printer into a usable configuration.
 * @example printerFromRow({ kind: 'escpos_tcp', host: '192.168.1.50', port: 9100, profile: 'tm-t20iii', … })
 */
export const printerFromRow = (row: PrinterRow): Result<PrinterConfig> => {
  if (row.kind === 'escpos_tcp') {
    if (row.host === null || row.port === null || row.port < 1 || row.port > 65535) {
      return err(
        'impresora_config',
        `La impresora «${row.name}» no tiene dirección y puerto válidos.`,
      );
    }
    if (!isPrinterProfileId(row.profile)) {
      return err('impresora_config', `El modelo «${row.profile}» de «${row.name}» no es conocido.`);
    }
    return ok({
      kind: 'escpos_tcp',
      name: row.name,
      host: row.host,
      port: row.port,
      profile: row.profile,
      openDrawer: row.openDrawer,
    });
  }
  if (row.queueName === null || row.queueName.trim() === '') {
    return err('impresora_config', `La impresora «${row.name}» no tiene cola de impresión.`);
  }
  if (row.kind === 'escpos_spooler') {
    if (!isPrinterProfileId(row.profile)) {
      return err('impresora_config', `El modelo «${row.profile}» de «${row.name}» no es conocido.`);
    }
    return ok({
      kind: 'escpos_spooler',
      name: row.name,
      queueName: row.queueName,
      profile: row.profile,
      openDrawer: row.openDrawer,
    });
  }
  if (row.paper === '58mm') {
    return err(
      'impresora_config',
      `El RIDE en PDF se imprime en A4 o en 80 mm, no en 58 mm («${row.name}»).`,
    );
  }
  return ok({ kind: 'pdf_spooler', name: row.name, queueName: row.queueName, formato: row.paper });
};

export type DeliveryOptions = {
  tcp?: TcpOptions;
  spooler?: SpoolerOptions;
  /** Raw ESC/POS through an OS queue (CUPS, the Windows spooler). */
  raw?: RawSpoolOptions;
  fonts?: RideFonts;
  /** Store logo (PNG/JPEG) for PDF RIDEs. */
  logo?: Uint8Array | null;
};

/** The bytes a printer receives for a RIDE: ESC/POS or PDF. */
export const renderForPrinter = async (
  ride: Ride,
  printer: PrinterConfig,
  options: { reimpresion?: boolean } & DeliveryOptions = {},
): Promise<Uint8Array> => {
  switch (printer.kind) {
    case 'escpos_tcp':
    case 'escpos_spooler':
      return renderEscpos(ride, {
        profile: PRINTER_PROFILES[printer.profile],
        cajon: printer.openDrawer,
        reimpresion: options.reimpresion === true,
      });
    case 'pdf_spooler':
      return renderRidePdf(ride, {
        formato: printer.formato,
        logo: options.logo ?? null,
        ...(options.fonts === undefined ? {} : { fonts: options.fonts }),
      });
  }
};

/** Sends already-rendered bytes to the printer. */
export const deliver = (
  printer: PrinterConfig,
  bytes: Uint8Array,
  options: DeliveryOptions = {},
): Promise<Result<void>> => {
  switch (printer.kind) {
    case 'escpos_tcp':
      return sendTcp({ host: printer.host, port: printer.port }, bytes, options.tcp);
    case 'escpos_spooler':
      return sendRawSpool(printer.queueName, bytes, options.raw);
    case 'pdf_spooler':
      // An 80 mm RIDE keeps its size on the roll; an A4 one shrinks to the printable area.
      return printPdf(bytes, printer.queueName, {
        escala: printer.formato === '80mm' ? 'noscale' : 'shrink',
        ...options.spooler,
      });
  }
};

const dateTime = (date: Date): string => {
  // Ecuador is UTC−05:00 all year.
  const local = new Date(date.getTime() - 5 * 3600_000);
  return `${local.toISOString().slice(0, 10)} ${local.toISOString().slice(11, 19)}`;
};

const testLines = (printer: PrinterConfig, now: Date): string[] => [
  `Impresora: ${printer.name}`,
  `Fecha: ${dateTime(now)}`,
  'Español: ñ Ñ á é í ó ú Á É Í Ó Ú ü Ü ¿ ¡',
  '«Año nuevo, señal de pingüino: ¡sí!»',
  'Si lee bien esta página, la impresora',
  'está lista para imprimir los RIDE.',
];

/**
 * A plain text page (Z report, shift slips) in the printer's format, or the Spanish test page
 * when `page` is null.
 */
export const renderTextPage = async (
  printer: PrinterConfig,
  page: { titulo: string; lineas: string[] } | null,
  now: Date,
  fonts: RideFonts = loadRideFonts(),
): Promise<Uint8Array> => {
  const titulo = page?.titulo ?? 'PRUEBA';
  const lineas = page?.lineas ?? testLines(printer, now);
  if (printer.kind !== 'pdf_spooler') {
    const escpos: EscposPrinter = printer;
    const profile = PRINTER_PROFILES[escpos.profile];
    const out: number[] = [...initialize(), ...selectCodePage(profile.codePageNumber)];
    const text = (line: string): void => {
      for (const part of wrap(printable(line, profile.codePage), profile.columns)) {
        out.push(...encodeText(part, profile.codePage), ...LF);
      }
    };
    out.push(...align('center'), ...bold(true), ...size(2, 2));
    for (const part of wrap(printable(titulo, profile.codePage), Math.floor(profile.columns / 2))) {
      out.push(...encodeText(part, profile.codePage), ...LF);
    }
    out.push(...size(1, 1), ...bold(false), ...align('left'));
    if (page === null) {
      text(`Modelo: ${profile.nombre}`);
      for (const line of lineas) text(line);
      text('1234567890'.repeat(10).slice(0, profile.columns));
    } else {
      for (const line of lineas) text(line);
    }
    out.push(...feedLines(4));
    if (profile.cutter) out.push(...cut(0));
    return Uint8Array.from(out);
  }
  const a4 = printer.formato === 'a4';
  return new Promise((resolve, reject) => {
    const doc = new (pdfDocument())({
      size: [a4 ? 595.28 : 226.77, a4 ? 841.89 : 80 + 14 * lineas.length],
      margin: 14,
      font: '',
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.registerFont('R', fonts.regular as unknown as Buffer);
    doc.registerFont('B', fonts.bold as unknown as Buffer);
    doc
      .font('B')
      .fontSize(14)
      .text(page === null ? 'PRUEBA — Mostrador' : titulo, { align: 'center' });
    doc
      .moveDown(0.5)
      .font('R')
      .fontSize(a4 ? 10 : 8);
    for (const line of lineas) doc.text(line);
    doc.end();
  });
};

/**
 * Prints the test page (Ajustes › Impresoras › «Imprimir prueba»).
 * @example await printTestPage(printer, new Date()) // ok(undefined) or err('impresora_no_responde', …)
 */
export const printTestPage = async (
  printer: PrinterConfig,
  now: Date,
  options: DeliveryOptions = {},
): Promise<Result<void>> =>
  deliver(
    printer,
    await renderTextPage(printer, null, now, options.fonts ?? loadRideFonts()),
    options,
  );
