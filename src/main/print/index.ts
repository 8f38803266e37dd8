export {
  type CodePageName,
  claveParts,
  type EscposOptions,
  encodeText,
  isPrinterProfileId,
  PRINTER_PROFILE_IDS,
  PRINTER_PROFILES,
  type PrinterProfile,
  type PrinterProfileId,
  renderEscpos,
} from './escpos';
export { createImpresionHandlers } from './handlers';
export {
  type DeliveryOptions,
  deliver,
  type PrinterConfig,
  type PrinterRow,
  printerFromRow,
  printTestPage,
  renderForPrinter,
  renderTextPage,
} from './printer';
export {
  createPrintQueue,
  type EnqueueInput,
  enqueuePrintJob,
  type PrintJobKind,
  type PrintJobStatus,
  type PrintJobView,
  type PrintQueue,
  type PrintQueueCounts,
  type PrintQueueOptions,
  type TextPayload,
  textPayloadSchema,
} from './queue';
export { resultadoDe, type TrabajoParaResultado } from './resultado';
export { formatCents, formatMicros } from './ride/amounts';
export { FORMA_PAGO_EFECTIVO, FORMAS_PAGO } from './ride/catalog';
export { defaultFontsDir, loadRideFonts, type RideFonts } from './ride/fonts';
export type {
  Ride,
  RideAmbiente,
  RideAutorizacion,
  RideCampo,
  RideComprador,
  RideEmisor,
  RideLinea,
  RideNotaCredito,
  RidePago,
  RideSubtotalIva,
  RideTipo,
  RideTotales,
} from './ride/model';
export { parseRide } from './ride/model';
export { checkLogo, type RideFormato, type RidePdfOptions, renderRidePdf } from './ride/pdf';
export {
  type ColaSistema,
  type CupsOptions,
  type EstadoCola,
  estadoColaCups,
  listarColasCups,
  sendCupsRaw,
} from './transports/cups';
export { listarColasSistema, type RawSpoolOptions, sendRawSpool } from './transports/raw';
export { printPdf, type SpoolerOptions } from './transports/spooler';
export { DEFAULT_PRINTER_PORT, sendTcp, type TcpOptions, type TcpTarget } from './transports/tcp';
export {
  estadoWindows,
  type ImpresoraWindows,
  listarImpresorasWindows,
  type Spooler,
  sendWindowsRaw,
  spoolerWindows,
} from './transports/windows';
