/**
 * The third-party notices shipped in `resources/licencias/` (docs/release.md: SumatraPDF is
 * GPLv3, so its licence text, copyright and source offer go with every copy, and the app says
 * so in Ajustes › Acerca de).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { err, ok, type Result } from '../../shared/result';
import { findShipped } from './index';

export const AVISOS_TERCEROS = 'TERCEROS.txt';

/**
 * The notices' text and the folder holding them and the licence texts.
 * @example leerAvisosTerceros() // { ok: true, value: { carpeta: '…/resources/licencias', texto: 'Programas…' } }
 */
export const leerAvisosTerceros = (
  desde: string = path.dirname(fileURLToPath(import.meta.url)),
): Result<{ carpeta: string; texto: string }> => {
  const carpeta = findShipped(path.join('resources', 'licencias'), AVISOS_TERCEROS, desde);
  if (carpeta === null) {
    return err(
      'licencias_no_encontradas',
      'Esta instalación no trae los avisos de licencias (resources/licencias). Reinstale Mostrador.',
    );
  }
  return ok({ carpeta, texto: readFileSync(path.join(carpeta, AVISOS_TERCEROS), 'utf8') });
};
