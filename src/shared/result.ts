/**
 * Expected failures are values, not exceptions. `message` is Spanish and shown to people;
 * `code` is for code. Throw only for bugs.
 */
import type { ErrorCode } from './errores';

export type { ErrorCode } from './errores';

export type AppError = {
  code: ErrorCode;
  message: string;
  /** Optional machine-readable detail, e.g. the field that failed validation. */
  field?: string;
};

export type Result<T, E extends AppError = AppError> =
  | { ok: true; value: T }
  | { ok: false; error: E };

/** @example ok(3) // { ok: true, value: 3 } */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** @example err('validacion', 'El RUC no es válido') */
export const err = (
  code: ErrorCode,
  message: string,
  field?: string,
): { ok: false; error: AppError } => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

/** Exhaustiveness check for `switch` statements over unions. */
export const assertNever = (value: never): never => {
  throw new Error(`Caso no contemplado: ${JSON.stringify(value)}`);
};
