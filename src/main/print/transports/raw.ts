/**
 * Raw ESC/POS through the operating system's print queue: a USB thermal printer installed in
 * the system gets the same bytes as a network one (cut, code page, drawer kick). CUPS on Linux
 * and macOS (`lp -o raw`), the spooler (`winspool.drv`) on Windows.
 */
import type { Result } from '../../../shared/result';
import { type ColaSistema, type CupsOptions, listarColasCups, sendCupsRaw } from './cups';
import { listarImpresorasWindows, type Spooler, sendWindowsRaw, spoolerWindows } from './windows';

export type RawSpoolOptions = {
  platform?: NodeJS.Platform;
  cups?: CupsOptions;
  /** Windows: the spooler (tests give a double); the real one by default. */
  spooler?: Spooler;
};

const spoolerDe = (options: RawSpoolOptions): Result<Spooler> =>
  options.spooler === undefined
    ? spoolerWindows(options.platform ?? process.platform)
    : { ok: true, value: options.spooler };

/**
 * Sends raw bytes to the named OS queue, after checking the printer can print.
 * @example await sendRawSpool('TM20', bytes) // ok(undefined)
 */
export const sendRawSpool = async (
  queue: string,
  bytes: Uint8Array,
  options: RawSpoolOptions = {},
): Promise<Result<void>> => {
  if ((options.platform ?? process.platform) !== 'win32') {
    return sendCupsRaw(queue, bytes, options.cups);
  }
  const spooler = spoolerDe(options);
  if (!spooler.ok) return spooler;
  return sendWindowsRaw(queue, bytes, spooler.value);
};

/**
 * The system's printers with their states: `lpstat` (CUPS) or `EnumPrintersW` (Windows).
 * @example await listarColasSistema() // ok([{ nombre: 'POS-80', estado: 'lista' }])
 */
export const listarColasSistema = async (
  options: RawSpoolOptions = {},
): Promise<Result<ColaSistema[]>> => {
  if ((options.platform ?? process.platform) !== 'win32') return listarColasCups(options.cups);
  const spooler = spoolerDe(options);
  if (!spooler.ok) return spooler;
  return listarImpresorasWindows(spooler.value);
};
