/**
 * A stand-in for the Windows spooler (`winspool.drv`) behind the `Spooler` interface: printers
 * with their status flags, the documents each one received, and the faults a real spooler shows
 * (a printer that does not open, a step that fails, a write shorter than the bytes).
 */
import type {
  ImpresoraWindows,
  PasoSpooler,
  Spooler,
} from '../../src/main/print/transports/windows';

export type SpoolerDoble = Spooler & {
  /** Documents printed, in order: printer, document name, bytes. */
  documentos: { impresora: string; documento: string; bytes: Uint8Array }[];
  /** Every call, in order, as the Win32 function's name. */
  llamadas: string[];
  poner: (impresora: string, status?: number, attributes?: number) => void;
  /** The next print takes only this many bytes (WritePrinter stops short). */
  escribirSolo: (n: number | null) => void;
  /** The next print fails at this step with this GetLastError. */
  fallarEn: (paso: PasoSpooler | null, codigo?: number) => void;
};

export const crearSpoolerDoble = (): SpoolerDoble => {
  const impresoras = new Map<string, ImpresoraWindows>();
  const documentos: SpoolerDoble['documentos'] = [];
  const llamadas: string[] = [];
  let limite: number | null = null;
  let falla: { paso: PasoSpooler; codigo: number } | null = null;
  return {
    documentos,
    llamadas,
    poner: (nombre, status = 0, attributes = 0) => {
      impresoras.set(nombre, { nombre, status, attributes });
    },
    escribirSolo: (n) => {
      limite = n;
    },
    fallarEn: (paso, codigo = 5) => {
      falla = paso === null ? null : { paso, codigo };
    },
    estado: (impresora) => {
      llamadas.push('OpenPrinterW', 'GetPrinterW', 'ClosePrinter');
      return impresoras.get(impresora) ?? null;
    },
    imprimirRaw: (impresora, documento, bytes) => {
      llamadas.push('OpenPrinterW');
      if (!impresoras.has(impresora)) return { paso: 'abrir', codigo: 1801 };
      if (falla !== null) {
        const f = falla;
        falla = null;
        llamadas.push('ClosePrinter');
        return f;
      }
      llamadas.push('StartDocPrinterW', 'StartPagePrinter', 'WritePrinter');
      const escritos = Math.min(bytes.length, limite ?? bytes.length);
      limite = null;
      if (escritos < bytes.length) {
        llamadas.push('AbortPrinter', 'ClosePrinter');
        return { escritos };
      }
      llamadas.push('EndPagePrinter', 'EndDocPrinter', 'ClosePrinter');
      documentos.push({ impresora, documento, bytes: bytes.slice() });
      return { escritos };
    },
    listar: () => {
      llamadas.push('EnumPrintersW');
      return [...impresoras.values()];
    },
    predeterminada: () => [...impresoras.keys()][0] ?? null,
  };
};
