import {
  type CallDef,
  type CallName,
  type CallOutput,
  type CallParsedInput,
  calls,
  isCallName,
} from '../../shared/contract';
import { err, type Result } from '../../shared/result';
import type { Logger } from '../log';
import { formatIssues } from './validation';

/** Which transport a call came through; for logs. */
export type Transport = 'ipc' | 'http' | 'interno';

/** Per-call context given to every handler. */
export type CallContext = { transport: Transport; logger: Logger };

export type Handler<K extends CallName> = (
  input: CallParsedInput<K>,
  ctx: CallContext,
) => Promise<Result<CallOutput<K>>> | Result<CallOutput<K>>;

/** One handler per call of the contract; a domain contributes a `HandlerGroup` of its calls. */
export type Handlers = { [K in CallName]: Handler<K> };
export type HandlerGroup<K extends CallName> = { [P in K]: Handler<P> };

export type DispatchOptions = {
  /** Check each success value against the call's output schema (dev/test: catches contract drift). */
  checkOutput: boolean;
};

export const INTERNAL_ERROR_MESSAGE =
  'Ocurrió un error interno. Intente de nuevo; si persiste, contacte a soporte.';

const defaultOptions: DispatchOptions = { checkOutput: process.env.NODE_ENV !== 'production' };

/**
 * Runs one call of the contract from an untrusted transport: unknown name → `llamada_desconocida`;
 * input parsed with the call's zod schema (failure → `validacion`, handler not called); handler
 * exceptions are bugs → logged (name and error only, never the input) and answered `interno`.
 * @example await dispatch(app.handlers, 'app.estado', {}, { transport: 'http', logger })
 */
export const dispatch = async (
  handlers: Handlers,
  name: string,
  rawInput: unknown,
  ctx: CallContext,
  options: DispatchOptions = defaultOptions,
): Promise<Result<unknown>> => {
  if (!isCallName(name)) {
    return err('llamada_desconocida', `La operación «${name}» no existe.`);
  }
  const def: CallDef = calls[name];
  const parsed = def.input.safeParse(rawInput);
  if (!parsed.success) {
    const failure = formatIssues(parsed.error.issues);
    return err('validacion', failure.message, failure.field);
  }
  // The handler table is indexed by the same name the schema came from, so the parsed input has
  // the handler's input type; TypeScript cannot correlate the two lookups by itself.
  const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
  let result: unknown;
  try {
    result = await handler(parsed.data, ctx);
  } catch (error) {
    ctx.logger.error('Error interno en una llamada', {
      call: name,
      transport: ctx.transport,
      error: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    return err('interno', INTERNAL_ERROR_MESSAGE);
  }
  if (options.checkOutput) {
    const problem = outputProblem(def, result);
    if (problem !== null) {
      ctx.logger.error('La respuesta de una llamada no cumple el contrato', {
        call: name,
        problem,
      });
      return err('interno', INTERNAL_ERROR_MESSAGE);
    }
  }
  return result as Result<unknown>;
};

const outputProblem = (def: CallDef, result: unknown): string | null => {
  if (typeof result !== 'object' || result === null || !('ok' in result)) {
    return 'el manejador no devolvió un Result';
  }
  if (result.ok === true) {
    const value = 'value' in result ? result.value : undefined;
    const checked = def.output.safeParse(value);
    return checked.success ? null : formatIssues(checked.error.issues).message;
  }
  const error = 'error' in result ? result.error : undefined;
  const valid =
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string';
  return valid ? null : 'el error no tiene code y message';
};
