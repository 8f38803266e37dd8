/**
 * Raw ESC/POS through the Windows spooler (issue 18 §1): most stores run a USB thermal printer
 * installed as a Windows printer («Generic / Text Only» on USB001). The bytes go
 * `OpenPrinterW` → `StartDocPrinterW` (datatype RAW) → `StartPagePrinter` → `WritePrinter` →
 * `EndPagePrinter` → `EndDocPrinter` → `ClosePrinter` in `winspool.drv`, through koffi (an FFI
 * with prebuilt binaries: nothing to compile, docs/release.md §1). Opening a queue succeeds even
 * with the printer unplugged, so its status (`GetPrinterW` level 2) is read first and a printer
 * that cannot print is said in Spanish. The Win32 calls sit behind `Spooler`, which tests replace
 * with a double; koffi is loaded only on Windows, the first time it is needed.
 */
import { createRequire } from 'node:module';
import { type AppError, err, ok, type Result } from '../../../shared/result';
import type { ColaSistema, EstadoCola } from './cups';

/** A printer as `GetPrinterW` / `EnumPrintersW` level 2 describe it. */
export type ImpresoraWindows = { nombre: string; status: number; attributes: number };

/** The step of the raw print that failed, with `GetLastError`. */
export type PasoSpooler = 'abrir' | 'documento' | 'pagina' | 'escribir' | 'terminar';

export type Spooler = {
  /** `GetPrinterW` level 2 of one printer; null when `OpenPrinterW` cannot open it. */
  estado: (impresora: string) => ImpresoraWindows | null;
  /**
   * Prints `bytes` raw as one document; answers how many bytes `WritePrinter` took (a short
   * write aborts the document so half a receipt never prints), or the step that failed.
   */
  imprimirRaw: (
    impresora: string,
    documento: string,
    bytes: Uint8Array,
  ) => { escritos: number } | { paso: PasoSpooler; codigo: number };
  /** `EnumPrintersW` (local and connected printers), level 2. */
  listar: () => ImpresoraWindows[];
  /** `GetDefaultPrinterW`; null when there is none. */
  predeterminada: () => string | null;
};

// winspool.h: PRINTER_STATUS_* and PRINTER_ATTRIBUTE_WORK_OFFLINE.
const PAUSED = 0x1;
const ERROR = 0x2;
const PAPER_JAM = 0x8;
const PAPER_OUT = 0x10;
const PAPER_PROBLEM = 0x40;
const OFFLINE = 0x80;
const NOT_AVAILABLE = 0x1000;
const NO_TONER = 0x40000;
const USER_INTERVENTION = 0x100000;
const DOOR_OPEN = 0x400000;
const SERVER_UNKNOWN = 0x800000;
const ATTRIBUTE_WORK_OFFLINE = 0x400;
const PRINTING = 0x400;
const BUSY = 0x200;

/** What a printer's status flags mean for Mostrador; `error` covers jams and an open cover. */
export type EstadoWindows = EstadoCola | 'error';

/**
 * @example estadoWindows(0x80, 0) // 'apagada'
 */
export const estadoWindows = (status: number, attributes: number): EstadoWindows => {
  if ((status & (PAPER_OUT | PAPER_PROBLEM)) !== 0) return 'sin_papel';
  if (
    (status & (OFFLINE | NOT_AVAILABLE | SERVER_UNKNOWN)) !== 0 ||
    (attributes & ATTRIBUTE_WORK_OFFLINE) !== 0
  ) {
    return 'apagada';
  }
  if ((status & (ERROR | PAPER_JAM | DOOR_OPEN | USER_INTERVENTION | NO_TONER)) !== 0) {
    return 'error';
  }
  if ((status & PAUSED) !== 0) return 'detenida';
  if ((status & (PRINTING | BUSY)) !== 0) return 'imprimiendo';
  return 'lista';
};

/** The Spanish message of a Windows printer that cannot print now; null when it can. */
export const mensajeEstadoWindows = (impresora: string, estado: EstadoWindows): AppError | null => {
  switch (estado) {
    case 'lista':
    case 'imprimiendo':
      return null;
    case 'apagada':
      return {
        code: 'impresora_apagada',
        message: `La impresora «${impresora}» está apagada o desconectada. Revise el cable USB y que esté encendida (y que Windows no la tenga «sin conexión»).`,
      };
    case 'sin_papel':
      return {
        code: 'impresora_sin_papel',
        message: `La impresora «${impresora}» no tiene papel. Cambie el rollo y vuelva a intentar.`,
      };
    case 'error':
      return {
        code: 'impresora_error',
        message: `La impresora «${impresora}» tiene un error: revise que la tapa esté cerrada y que el papel no esté atascado.`,
      };
    case 'detenida':
      return {
        code: 'impresora_detenida',
        message: `La impresora «${impresora}» está en pausa en Windows. Reanúdela en Configuración › Impresoras y escáneres.`,
      };
  }
};

const noExiste = (impresora: string): AppError => ({
  code: 'impresora_no_existe',
  message: `La impresora «${impresora}» no existe en este equipo. Elija una de la lista de impresoras de Windows.`,
});

const PASOS: Record<PasoSpooler, string> = {
  abrir: 'abrir la impresora',
  documento: 'empezar el documento',
  pagina: 'empezar la página',
  escribir: 'enviar los datos',
  terminar: 'terminar el documento',
};

/**
 * Sends raw bytes (ESC/POS) to a Windows printer, after checking it can print.
 * @example sendWindowsRaw('POS-80', bytes, spooler) // ok(undefined)
 */
export const sendWindowsRaw = (
  impresora: string,
  bytes: Uint8Array,
  spooler: Spooler,
  documento = 'Mostrador',
): Result<void> => {
  if (impresora.trim() === '') {
    return err('impresora_cola', 'Falta el nombre de la impresora de Windows.');
  }
  const info = spooler.estado(impresora);
  if (info === null) return { ok: false, error: noExiste(impresora) };
  const impide = mensajeEstadoWindows(impresora, estadoWindows(info.status, info.attributes));
  if (impide !== null) return { ok: false, error: impide };
  const r = spooler.imprimirRaw(impresora, documento, bytes);
  if ('paso' in r) {
    if (r.paso === 'abrir') return { ok: false, error: noExiste(impresora) };
    return err(
      'spooler_error',
      `Windows no pudo ${PASOS[r.paso]} en «${impresora}» (error ${r.codigo}). Revise la impresora y vuelva a intentar.`,
    );
  }
  if (r.escritos < bytes.length) {
    return err(
      'impresora_corto',
      `La impresora «${impresora}» recibió solo ${r.escritos} de ${bytes.length} bytes; no se imprimió. Revise el papel y el cable y vuelva a intentar.`,
    );
  }
  return ok(undefined);
};

/**
 * The Windows printers with their states, for Ajustes › Impresoras and `mostrador impresoras`.
 * @example listarImpresorasWindows(spooler) // ok([{ nombre: 'POS-80', estado: 'lista' }])
 */
export const listarImpresorasWindows = (spooler: Spooler): Result<ColaSistema[]> =>
  ok(
    spooler.listar().map((p) => {
      const estado = estadoWindows(p.status, p.attributes);
      // The list speaks CUPS's states; a jam or an open cover shows as «detenida».
      return { nombre: p.nombre, estado: estado === 'error' ? 'detenida' : estado };
    }),
  );

let cargado: Spooler | undefined;

/**
 * The real spooler over `winspool.drv`; koffi is required here, on Windows only, the first time.
 * @example const spooler = spoolerWindows(); if (spooler.ok) sendWindowsRaw('POS-80', bytes, spooler.value)
 */
export const spoolerWindows = (platform: NodeJS.Platform = process.platform): Result<Spooler> => {
  if (platform !== 'win32') {
    return err('spooler_no_disponible', 'El spooler de Windows solo existe en Windows.');
  }
  if (cargado !== undefined) return ok(cargado);
  try {
    cargado = crearSpoolerKoffi();
    return ok(cargado);
  } catch (error) {
    return err(
      'spooler_no_disponible',
      `No se pudo cargar el spooler de Windows (winspool.drv): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
};

/* v8 ignore start -- needs Windows: covered by the test that runs only there. */
const crearSpoolerKoffi = (): Spooler => {
  const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
  const lib = koffi.load('winspool.drv');
  const kernel32 = koffi.load('kernel32.dll');
  koffi.pointer('HANDLE', koffi.opaque());
  koffi.struct('DOC_INFO_1W', {
    pDocName: 'const char16_t *',
    pOutputFile: 'const char16_t *',
    pDatatype: 'const char16_t *',
  });
  const PRINTER_INFO_2W = koffi.struct('PRINTER_INFO_2W', {
    pServerName: 'char16_t *',
    pPrinterName: 'char16_t *',
    pShareName: 'char16_t *',
    pPortName: 'char16_t *',
    pDriverName: 'char16_t *',
    pComment: 'char16_t *',
    pLocation: 'char16_t *',
    pDevMode: 'void *',
    pSepFile: 'char16_t *',
    pPrintProcessor: 'char16_t *',
    pDatatype: 'char16_t *',
    pParameters: 'char16_t *',
    pSecurityDescriptor: 'void *',
    Attributes: 'uint32_t',
    Priority: 'uint32_t',
    DefaultPriority: 'uint32_t',
    StartTime: 'uint32_t',
    UntilTime: 'uint32_t',
    Status: 'uint32_t',
    cJobs: 'uint32_t',
    AveragePPM: 'uint32_t',
  });
  const OpenPrinterW = lib.func(
    'bool __stdcall OpenPrinterW(const char16_t *pPrinterName, _Out_ HANDLE *phPrinter, void *pDefault)',
  );
  const ClosePrinter = lib.func('bool __stdcall ClosePrinter(HANDLE hPrinter)');
  const StartDocPrinterW = lib.func(
    'uint32_t __stdcall StartDocPrinterW(HANDLE hPrinter, uint32_t Level, DOC_INFO_1W *pDocInfo)',
  );
  const StartPagePrinter = lib.func('bool __stdcall StartPagePrinter(HANDLE hPrinter)');
  const WritePrinter = lib.func(
    'bool __stdcall WritePrinter(HANDLE hPrinter, const uint8_t *pBuf, uint32_t cbBuf, _Out_ uint32_t *pcWritten)',
  );
  const EndPagePrinter = lib.func('bool __stdcall EndPagePrinter(HANDLE hPrinter)');
  const EndDocPrinter = lib.func('bool __stdcall EndDocPrinter(HANDLE hPrinter)');
  const AbortPrinter = lib.func('bool __stdcall AbortPrinter(HANDLE hPrinter)');
  const GetPrinterW = lib.func(
    'bool __stdcall GetPrinterW(HANDLE hPrinter, uint32_t Level, _Out_ uint8_t *pPrinter, uint32_t cbBuf, _Out_ uint32_t *pcbNeeded)',
  );
  const EnumPrintersW = lib.func(
    'bool __stdcall EnumPrintersW(uint32_t Flags, const char16_t *Name, uint32_t Level, _Out_ uint8_t *pPrinterEnum, uint32_t cbBuf, _Out_ uint32_t *pcbNeeded, _Out_ uint32_t *pcReturned)',
  );
  const GetDefaultPrinterW = lib.func(
    'bool __stdcall GetDefaultPrinterW(_Out_ uint16_t *pszBuffer, _Inout_ uint32_t *pcchBuffer)',
  );
  const GetLastError = kernel32.func('uint32_t __stdcall GetLastError()');
  const PRINTER_ENUM_LOCAL = 0x2;
  const PRINTER_ENUM_CONNECTIONS = 0x4;
  const tamano = koffi.sizeof(PRINTER_INFO_2W);

  type Info2 = { pPrinterName: string | null; Status: number; Attributes: number };
  const abrir = (impresora: string): unknown => {
    const h: unknown[] = [null];
    return OpenPrinterW(impresora, h, null) ? h[0] : null;
  };

  return {
    estado: (impresora) => {
      const h = abrir(impresora);
      if (h === null) return null;
      try {
        const necesario = [0];
        GetPrinterW(h, 2, null, 0, necesario);
        const buffer = Buffer.alloc(Math.max(necesario[0] ?? 0, tamano));
        if (!GetPrinterW(h, 2, buffer, buffer.length, necesario)) return null;
        const info = koffi.decode(buffer, PRINTER_INFO_2W) as Info2;
        return { nombre: impresora, status: info.Status, attributes: info.Attributes };
      } finally {
        ClosePrinter(h);
      }
    },
    imprimirRaw: (impresora, documento, bytes) => {
      const h = abrir(impresora);
      if (h === null) return { paso: 'abrir', codigo: GetLastError() };
      try {
        const doc = { pDocName: documento, pOutputFile: null, pDatatype: 'RAW' };
        if (StartDocPrinterW(h, 1, doc) === 0) return { paso: 'documento', codigo: GetLastError() };
        if (!StartPagePrinter(h)) {
          const codigo = GetLastError();
          AbortPrinter(h);
          return { paso: 'pagina', codigo };
        }
        let escritos = 0;
        while (escritos < bytes.length) {
          const n = [0];
          const resto = bytes.subarray(escritos);
          if (!WritePrinter(h, resto, resto.length, n) || (n[0] ?? 0) === 0) break;
          escritos += n[0] ?? 0;
        }
        if (escritos < bytes.length) {
          // Half a receipt must not come out: the document is dropped.
          AbortPrinter(h);
          return { escritos };
        }
        if (!EndPagePrinter(h) || !EndDocPrinter(h)) {
          return { paso: 'terminar', codigo: GetLastError() };
        }
        return { escritos };
      } finally {
        ClosePrinter(h);
      }
    },
    listar: () => {
      const flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
      const necesario = [0];
      const cuantas = [0];
      EnumPrintersW(flags, null, 2, null, 0, necesario, cuantas);
      if ((necesario[0] ?? 0) === 0) return [];
      const buffer = Buffer.alloc(necesario[0] ?? 0);
      if (!EnumPrintersW(flags, null, 2, buffer, buffer.length, necesario, cuantas)) return [];
      const lista: ImpresoraWindows[] = [];
      for (let i = 0; i < (cuantas[0] ?? 0); i++) {
        const info = koffi.decode(buffer, i * tamano, PRINTER_INFO_2W) as Info2;
        if (info.pPrinterName !== null) {
          lista.push({
            nombre: info.pPrinterName,
            status: info.Status,
            attributes: info.Attributes,
          });
        }
      }
      return lista;
    },
    predeterminada: () => {
      const largo = [0];
      GetDefaultPrinterW(null, largo);
      if ((largo[0] ?? 0) === 0) return null;
      const buffer = Buffer.alloc((largo[0] ?? 0) * 2);
      if (!GetDefaultPrinterW(buffer, largo)) return null;
      // UTF-16LE with its terminating NUL.
      return buffer.toString('utf16le').replace(/\0.*$/s, '');
    },
  };
};
/* v8 ignore stop */
