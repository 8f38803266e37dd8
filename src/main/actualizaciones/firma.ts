/**
 * Which installed apps may update themselves (issue 15 §7). The feed's sha512 comes from the same
 * server as the installer, so it proves a complete download, not who made it; only the
 * installer's code signature does. electron-updater checks it on Windows against the
 * `publisherName` packaging wrote into `app-update.yml` (skipping the check when there is none),
 * and Squirrel.Mac always checks it on macOS. AppImage and deb updates are not checked at all:
 * there, Mostrador does not update itself (docs/release.md §2).
 */
import { err, ok, type Result } from '../../shared/result';

/** The publisher names in `app-update.yml` (a string or a YAML list); [] when absent. */
export const publicadoresDe = (appUpdateYml: string | null): string[] => {
  if (appUpdateYml === null) return [];
  const lineas = appUpdateYml.split(/\r?\n/);
  const i = lineas.findIndex((l) => /^publisherName:/.test(l));
  if (i === -1) return [];
  const limpiar = (v: string) => v.trim().replace(/^['"]|['"]$/g, '');
  const enLinea = limpiar((lineas[i] as string).slice('publisherName:'.length));
  if (enLinea !== '') return [enLinea];
  const nombres: string[] = [];
  for (const l of lineas.slice(i + 1)) {
    const m = /^\s+-\s+(.+)$/.exec(l);
    if (m === null) break;
    nombres.push(limpiar(m[1] as string));
  }
  return nombres.filter((n) => n !== '');
};

/**
 * Ok when this platform's updater verifies the installer's signature; otherwise the Spanish
 * reason updates are not offered in the app.
 * @example actualizacionVerificable('linux', null) // err('actualizacion_no_verificable', …)
 */
export const actualizacionVerificable = (
  plataforma: NodeJS.Platform,
  appUpdateYml: string | null,
): Result<void> => {
  switch (plataforma) {
    case 'win32':
      return publicadoresDe(appUpdateYml).length > 0
        ? ok(undefined)
        : err(
            'actualizacion_no_verificable',
            'Esta instalación no sabe qué firma deben llevar sus actualizaciones (se empaquetó sin el editor del certificado), así que no se actualiza sola. Instale la versión nueva a mano desde el instalador oficial.',
          );
    case 'darwin':
      return ok(undefined);
    default:
      return err(
        'actualizacion_no_verificable',
        'En Linux Mostrador no se actualiza solo: su actualizador no comprueba firmas. Instale la versión nueva con el paquete .deb o la AppImage publicados (docs/release.md).',
      );
  }
};
