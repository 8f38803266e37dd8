export { type CodePageName, encodeChar, encodeText, printable } from './codepage';
export {
  isPrinterProfileId,
  PRINTER_PROFILE_IDS,
  PRINTER_PROFILES,
  type PrinterProfile,
  type PrinterProfileId,
} from './profiles';
export { claveParts, type EscposOptions, renderEscpos } from './receipt';
