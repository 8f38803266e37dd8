/**
 * What an approval is bound to: the call's name and a hash of its input as main parsed it, with
 * the approval itself left out. The renderer asks for the approval with the input it is about
 * to send; both sides parse with the same contract schema, so defaults and trimming agree.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type CallName, calls } from '../../shared/contract';
import { err, ok, type Result } from '../../shared/result';

/** Keys that carry approvals; never part of what is approved. */
const CAMPOS_APROBACION = new Set(['aprobacion', 'autorizacion']);

/** JSON with object keys sorted at every level, so equal inputs give equal text. */
export const jsonCanonico = (valor: unknown): string =>
  JSON.stringify(valor, (_clave, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  });

/** The hash of an already-parsed input (what a handler receives). */
export const huellaDe = (accion: CallName, entrada: Record<string, unknown>): string => {
  const sinAprobacion = Object.fromEntries(
    Object.entries(entrada).filter(([k]) => !CAMPOS_APROBACION.has(k)),
  );
  return createHash('sha256')
    .update(accion)
    .update('\n')
    .update(jsonCanonico(sinAprobacion))
    .digest('hex');
};

// A well-formed token stands in for the approval while parsing, so calls whose schema
// requires one still parse.
const MARCADOR = { token: 'x'.repeat(32) };

/**
 * Parses `entrada` as the input of `accion` and returns its hash; a Spanish error when it is not
 * a valid input of that call.
 */
export const huellaDeEntrada = (
  accion: CallName,
  entrada: Record<string, unknown>,
): Result<string> => {
  const input = calls[accion].input;
  const campo =
    input instanceof z.ZodObject && Object.hasOwn(input.shape, 'autorizacion')
      ? 'autorizacion'
      : 'aprobacion';
  const parsed = input.safeParse({ ...entrada, [campo]: MARCADOR });
  if (!parsed.success) {
    return err(
      'aprobacion_entrada',
      'Los datos de la operación a aprobar no son válidos; revise la pantalla e intente de nuevo.',
      'entrada',
    );
  }
  return ok(huellaDe(accion, parsed.data as Record<string, unknown>));
};
