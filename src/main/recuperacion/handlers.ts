/**
 * The recovery calls as the normal handler table serves them: the database opened and passed
 * its check, so there is nothing to recover (restoring a backup is Ajustes › Respaldos).
 */
import { err, ok } from '../../shared/result';
import type { HandlerGroup } from '../rpc';

export const createRecuperacionNormal = (): HandlerGroup<
  'recuperacion.estado' | 'recuperacion.restaurar'
> => ({
  'recuperacion.estado': () => ok({ necesaria: false, motivo: null, ultimoRespaldo: null }),
  'recuperacion.restaurar': () =>
    err(
      'recuperacion_innecesaria',
      'La base de datos está sana: para volver a un respaldo use Ajustes › Respaldos.',
    ),
});
