import type { CliCommand } from './io';

/**
 * Every `mostrador` subcommand, one entry each. Commands are imported lazily so that
 * `mostrador clave-acceso` does not load the PDF or SQLite stacks.
 */
export const commands: Record<string, () => Promise<CliCommand>> = {
  xml: async () => (await import('./xml')).xmlCommand,
  'clave-acceso': async () => (await import('./claveAcceso')).claveAccesoCommand,
  serve: async () => (await import('./serve')).serveCommand,
  firmar: async () => (await import('./firmar')).firmarCommand,
  'sri-simulador': async () => (await import('./sriSimulador')).sriSimuladorCommand,
  ride: async () => (await import('./ride')).rideCommand,
  escpos: async () => (await import('./escpos')).escposCommand,
  exportar: async () => (await import('./exportar')).exportarCommand,
  restaurar: async () => (await import('./restaurar')).restaurarCommand,
};
