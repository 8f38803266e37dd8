/**
 * Raw ESC/POS through the operating system's print queue: a USB thermal printer installed in
 * the system gets the same bytes as a network one (cut, code page, drawer kick). CUPS on Linux
 * and macOS (`lp -o raw`).
 */
import { err, type Result } from '../../../shared/result';
import { type CupsOptions, sendCupsRaw } from './cups';

export type RawSpoolOptions = {
  platform?: NodeJS.Platform;
  cups?: CupsOptions;
};

/**
 * Sends raw bytes to the named OS queue, after checking the printer can print.
 * @example await sendRawSpool('TM20', bytes) // ok(undefined)
 */
export const sendRawSpool = async (
  queue: string,
  bytes: Uint8Array,
  options: RawSpoolOptions = {},
): Promise<Result<void>> => {
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') {
    return err(
      'spooler_no_disponible',
      'La impresión ESC/POS por la cola de Windows aún no está disponible; use la impresora por red o como PDF.',
    );
  }
  return sendCupsRaw(queue, bytes, options.cups);
};
