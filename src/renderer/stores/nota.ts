import type { AppError } from '../../shared/result';

/** What an action ended in: done, an error to show, or the person closed the approval dialog. */
export type Desenlace = AppError | null | 'cancelado';

/** The outcome of a form's last action: an error (alert) or a confirmation (status). */
export type Nota = { tipo: 'error' | 'ok'; texto: string } | null;

/**
 * The note an action leaves: nothing when cancelled, `exito` when done, else main's message.
 * @example notaDe(null, 'Guardado.') // { tipo: 'ok', texto: 'Guardado.' }
 */
export const notaDe = (d: Desenlace, exito: string): Nota =>
  d === 'cancelado'
    ? null
    : d === null
      ? { tipo: 'ok', texto: exito }
      : { tipo: 'error', texto: d.message };
