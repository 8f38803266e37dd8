import type { CliCommand } from './io';

/** One `mostrador` subcommand: its line in `--help`, and its module, loaded only when run. */
export type CommandEntry = {
  /** One Spanish line for `mostrador --help`. */
  summary: string;
  load: () => Promise<CliCommand>;
};

/**
 * Every `mostrador` subcommand, one entry each. Summaries live here and modules load lazily, so
 * `mostrador --help` and `mostrador clave-acceso` load neither the PDF nor the SQLite stacks.
 */
export const commands: Record<string, CommandEntry> = {
  xml: {
    summary: 'Genera el XML SRI sin firmar de un documento JSON',
    load: async () => (await import('./xml')).xmlCommand,
  },
  'clave-acceso': {
    summary: 'Valida o construye una clave de acceso de 49 dígitos',
    load: async () => (await import('./claveAcceso')).claveAccesoCommand,
  },
  serve: {
    summary: 'Sirve la aplicación en el navegador (127.0.0.1) con un token por arranque',
    load: async () => (await import('./serve')).serveCommand,
  },
  firmar: {
    summary: 'Firma comprobantes (JSON o XML) con un certificado .p12',
    load: async () => (await import('./firmar')).firmarCommand,
  },
  'sri-simulador': {
    summary: 'Simula los servicios web del SRI (recepción y autorización) con fallas programables',
    load: async () => (await import('./sriSimulador')).sriSimuladorCommand,
  },
  ride: {
    summary: 'Genera el RIDE en PDF (A4 u 80 mm) de un XML',
    load: async () => (await import('./ride')).rideCommand,
  },
  escpos: {
    summary: 'Genera el RIDE ESC/POS para impresora térmica de un XML',
    load: async () => (await import('./escpos')).escposCommand,
  },
  exportar: {
    summary: 'Exporta los comprobantes autorizados de un rango de fechas a un ZIP',
    load: async () => (await import('./exportar')).exportarCommand,
  },
  impresoras: {
    summary: 'Lista las impresoras del sistema (colas de CUPS) con su estado',
    load: async () => (await import('./impresoras')).impresorasCommand,
  },
  imprimir: {
    summary: 'Imprime el RIDE de un XML en una cola del sistema (ESC/POS crudo o PDF)',
    load: async () => (await import('./imprimir')).imprimirCommand,
  },
  restaurar: {
    summary: 'Restaura un respaldo (el último bueno si no se indica) con Mostrador cerrado',
    load: async () => (await import('./restaurar')).restaurarCommand,
  },
  'restablecer-pin': {
    summary: 'Vuelve a asignar el PIN de un administrador (datos traídos de otra computadora)',
    load: async () => (await import('./restablecerPin')).restablecerPinCommand,
  },
};
