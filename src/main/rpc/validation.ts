import * as z from 'zod';
// The Spanish locale alone: `z.locales.es` would bundle all of zod's languages into every start.
import es from 'zod/v4/locales/es.js';

// Every zod message people may see (validation errors over IPC or HTTP) is Spanish.
z.config(es());

/** A zod failure as one Spanish sentence plus the path of the first offending field. */
export type ValidationFailure = { message: string; field?: string };

const pathText = (path: readonly PropertyKey[]): string =>
  path.map((part) => (typeof part === 'symbol' ? part.toString() : String(part))).join('.');

/**
 * Turns zod issues into one sentence naming the field, e.g.
 * `El campo «lineas.0.cantidad» no es válido: se esperaba número, recibido texto.`
 * @example formatIssues(schema.safeParse(x).error.issues)
 */
export const formatIssues = (issues: readonly z.core.$ZodIssue[]): ValidationFailure => {
  const first = issues[0];
  if (first === undefined) {
    return { message: 'Los datos enviados no son válidos.' };
  }
  const keys = first.code === 'unrecognized_keys' ? first.keys : [];
  const fieldPath = keys.length > 0 ? [...first.path, keys[0] as string] : first.path;
  const field = pathText(fieldPath);
  // zod's Spanish messages start with a generic "Entrada inválida: " that adds nothing here.
  const detail = first.message.replace(/^Entrada inválida:\s*/u, '').replace(/\.$/u, '');
  const more =
    issues.length > 1
      ? ` (y ${issues.length - 1} problema${issues.length > 2 ? 's' : ''} más)`
      : '';
  if (first.code === 'unrecognized_keys') {
    return { message: `El campo «${field}» no está permitido${more}.`, field };
  }
  if (field === '') {
    return { message: `Los datos enviados no son válidos: ${detail}${more}.` };
  }
  return { message: `El campo «${field}» no es válido: ${detail}${more}.`, field };
};
