import type { z } from 'zod';
import type { Result } from '../result';
import { ajustesCalls } from './ajustes';
import { appCalls, appEvents } from './app';
import { aprobacionesCalls } from './aprobaciones';
import { balanzaCalls } from './balanza';
import { cajaCalls } from './caja';
import { carritoCalls } from './carrito';
import { catalogoCalls } from './catalogo';
import { certificadoCalls } from './certificado';
import { conciliacionCalls } from './conciliacion';
import { correoCalls, correoEvents } from './correo';
import type { CallDef } from './define';
import { documentosCalls } from './documentos';
import { impresionCalls, impresionEvents } from './impresion';
import { impresorasSistemaCalls } from './impresorasSistema';
import { mantenimientoCalls } from './mantenimiento';
import { notasCreditoCalls } from './notasCredito';
import { pantallaClienteCalls, pantallaClienteEvents } from './pantallaCliente';
import { recuperacionCalls, recuperacionEvents } from './recuperacion';
import { reportesCalls } from './reportes';
import { sesionCalls, sesionEvents } from './sesion';
import { simuladorCalls } from './simulador';
import { syncCalls, syncEvents } from './sync';
import { ventasCalls, ventasEvents } from './ventas';

export { type AppEstado, ambienteSchema, appEstadoSchema } from './app';
export {
  type AvisoCaducidad,
  type CertificadoEstado,
  type CertificadoResumen,
  certificadoEstadoSchema,
  certificadoResumenSchema,
  type ModoDesbloqueo,
} from './certificado';
export { appErrorSchema, type CallDef, defineCall, emptyInput, resultSchema } from './define';
export type { RecuperacionEstado, RespaldoRecuperable } from './recuperacion';

/**
 * The one contract between renderer and main. The IPC binding, the preload bridge, the HTTP
 * routes and the renderer client are derived from these two tables: adding a call is one entry
 * in a domain file spread here.
 */
export const calls = {
  ...appCalls,
  ...certificadoCalls,
  ...ventasCalls,
  ...catalogoCalls,
  ...documentosCalls,
  ...mantenimientoCalls,
  ...conciliacionCalls,
  ...cajaCalls,
  ...carritoCalls,
  ...simuladorCalls,
  ...syncCalls,
  ...sesionCalls,
  ...ajustesCalls,
  ...balanzaCalls,
  ...impresorasSistemaCalls,
  ...impresionCalls,
  ...notasCreditoCalls,
  ...recuperacionCalls,
  ...reportesCalls,
  ...pantallaClienteCalls,
  ...aprobacionesCalls,
  ...correoCalls,
} satisfies Record<string, CallDef>;

export const events = {
  ...appEvents,
  ...ventasEvents,
  ...sesionEvents,
  ...syncEvents,
  ...recuperacionEvents,
  ...correoEvents,
  ...impresionEvents,
  ...pantallaClienteEvents,
} satisfies Record<string, z.ZodType>;

export type Calls = typeof calls;
export type CallName = keyof Calls;
/** What the caller sends (before zod defaults/transforms). */
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
/** What a handler receives (after zod parsing). */
export type CallParsedInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** What the renderer sees as `window.mostrador`, over either transport. */
export type MostradorApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
  subscribe: <E extends EventName>(
    name: E,
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
};

export const isCallName = (name: string): name is CallName => Object.hasOwn(calls, name);
export const isEventName = (name: string): name is EventName => Object.hasOwn(events, name);
