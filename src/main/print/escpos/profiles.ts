/**
 * Thermal printer profiles. Figures from the Epson technical references (Font A 12×24 dots):
 * 203-dpi models print 576 dots on 80 mm paper (48 columns), the 180-dpi TM-T88V/VI print
 * 512 dots (42 columns); a generic 58 mm printer prints 384 dots (32 columns).
 */
import type { CodePageName } from './codepage';

export type PrinterProfileId = 'tm-t20iii' | 'tm-t88v' | 'tm-t88vi' | 'tm-m30' | 'generico-58';

export type PrinterProfile = {
  id: PrinterProfileId;
  nombre: string;
  /** Font A characters per line. */
  columns: number;
  /** Font B characters per line (used for the 49-digit clave de acceso). */
  columnsFontB: number;
  /** Printable dots per line. */
  dots: number;
  codePage: CodePageName;
  /** `n` of `ESC t n` that selects `codePage` on this model. */
  codePageNumber: number;
  /** `GS k` function B, m = 73 (CODE128 with code-set selection). */
  code128: boolean;
  /** `GS ( k` QR Code, model 2. */
  qr: boolean;
  /** `GS V` cutter. */
  cutter: boolean;
};

// Epson ESC t: 2 = PC850, 19 = PC858 (ESC/POS Application Programming Guide, code page table).
export const PRINTER_PROFILES = {
  'tm-t20iii': {
    id: 'tm-t20iii',
    nombre: 'Epson TM-T20III (80 mm)',
    columns: 48,
    columnsFontB: 64,
    dots: 576,
    codePage: 'PC858',
    codePageNumber: 19,
    code128: true,
    qr: true,
    cutter: true,
  },
  'tm-t88v': {
    id: 'tm-t88v',
    nombre: 'Epson TM-T88V (80 mm)',
    columns: 42,
    columnsFontB: 56,
    dots: 512,
    codePage: 'PC858',
    codePageNumber: 19,
    code128: true,
    qr: true,
    cutter: true,
  },
  'tm-t88vi': {
    id: 'tm-t88vi',
    nombre: 'Epson TM-T88VI (80 mm)',
    columns: 42,
    columnsFontB: 56,
    dots: 512,
    codePage: 'PC858',
    codePageNumber: 19,
    code128: true,
    qr: true,
    cutter: true,
  },
  'tm-m30': {
    id: 'tm-m30',
    nombre: 'Epson TM-m30 (80 mm)',
    columns: 48,
    columnsFontB: 64,
    dots: 576,
    codePage: 'PC858',
    codePageNumber: 19,
    code128: true,
    qr: true,
    cutter: true,
  },
  // Cheap 58 mm printers agree on PC850 = 2 far more often than on a PC858 number, and many
  // lack QR; CODE128 is near universal.
  'generico-58': {
    id: 'generico-58',
    nombre: 'Genérica 58 mm',
    columns: 32,
    columnsFontB: 42,
    dots: 384,
    codePage: 'PC850',
    codePageNumber: 2,
    code128: true,
    qr: false,
    cutter: false,
  },
} as const satisfies Record<PrinterProfileId, PrinterProfile>;

export const PRINTER_PROFILE_IDS = Object.keys(PRINTER_PROFILES) as PrinterProfileId[];

/**
 * Tells whether `id` names a known printer profile.
 * @example isPrinterProfileId('tm-t20iii') // true
 */
export const isPrinterProfileId = (id: string): id is PrinterProfileId =>
  Object.hasOwn(PRINTER_PROFILES, id);
