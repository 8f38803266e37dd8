/**
 * electron-updater behind the update policy (`src/main/actualizaciones`): this file only forwards.
 * The policy decides (version, channel, rollout, when to install); electron-updater fetches
 * the feed, downloads and checks the sha512, and runs the platform installer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { autoUpdater, type UpdateInfo as ElectronUpdateInfo } from 'electron-updater';
import { err, ok } from '../../shared/result';
import { actualizacionVerificable, type UpdateBackend, type UpdateInfo } from '../actualizaciones';
import type { Logger } from '../log';

const toInfo = (info: ElectronUpdateInfo): UpdateInfo => ({
  version: info.version,
  files: info.files.map((f) => ({ url: f.url, sha512: f.sha512, size: f.size ?? null })),
  releaseDate: info.releaseDate ?? null,
  stagingPercentage: info.stagingPercentage ?? null,
  releaseNotes: typeof info.releaseNotes === 'string' ? info.releaseNotes : null,
});

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** `<resources>/app-update.yml`, written by electron-builder; null when absent. */
const appUpdateYml = (resourcesPath: string): string | null => {
  try {
    return readFileSync(path.join(resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return null;
  }
};

/** The feed URL electron-builder baked into `<resources>/app-update.yml`, if any. */
const bakedFeedUrl = (text: string | null): string | null => {
  const url = text === null ? undefined : /^url:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(text)?.[1];
  return url !== undefined && /^https?:\/\//.test(url) ? url : null;
};

/** @example createApp({ …, updateBackend: createElectronUpdateBackend({ logger, resourcesPath: process.resourcesPath }) }) */
export const createElectronUpdateBackend = (options: {
  logger: Logger;
  resourcesPath: string;
}): UpdateBackend => {
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = false;
  // The policy applies the staged rollout with the same id file and arithmetic.
  autoUpdater.isUserWithinRollout = () => true;
  autoUpdater.logger = {
    info: (m?: unknown) => options.logger.info(`electron-updater: ${String(m)}`),
    warn: (m?: unknown) => options.logger.warn(`electron-updater: ${String(m)}`),
    error: (m?: unknown) => options.logger.error(`electron-updater: ${String(m)}`),
    debug: (m: string) => options.logger.debug(`electron-updater: ${m}`),
  };
  const yml = appUpdateYml(options.resourcesPath);
  // Only where the installer's signature is checked (issue 15 §7, docs/release.md §2).
  const verificable = actualizacionVerificable(process.platform, yml);
  return {
    feedPorDefecto: bakedFeedUrl(yml),
    revisar: async ({ url, canal }) => {
      if (!verificable.ok) return verificable;
      try {
        autoUpdater.setFeedURL({
          provider: 'generic',
          url,
          channel: canal === 'beta' ? 'beta' : 'latest',
        });
        autoUpdater.allowPrerelease = canal === 'beta';
        const result = await autoUpdater.checkForUpdates();
        if (result === null)
          return err('feed_no_disponible', 'El actualizador no está disponible.');
        return ok(toInfo(result.updateInfo));
      } catch (error) {
        return err(
          'feed_no_disponible',
          `No se pudo revisar el canal de actualizaciones: ${message(error)}`,
        );
      }
    },
    descargar: async (info) => {
      try {
        const files = await autoUpdater.downloadUpdate();
        const first = files[0];
        if (first === undefined)
          return err('descarga_fallida', `La descarga de ${info.version} no dejó archivos.`);
        return ok(first);
      } catch (error) {
        const text = message(error);
        return /sha512|checksum/i.test(text)
          ? err(
              'actualizacion_alterada',
              `El instalador de la versión ${info.version} no coincide con su huella sha512 publicada; se descartó sin instalarlo.`,
            )
          : err(
              'descarga_fallida',
              `No se pudo descargar la actualización ${info.version}: ${text}`,
            );
      }
    },
    instalar: (cuando) => {
      if (cuando === 'al_salir') autoUpdater.autoInstallOnAppQuit = true;
      else autoUpdater.quitAndInstall(false, true);
    },
  };
};
