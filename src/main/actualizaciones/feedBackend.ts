/**
 * An update backend over plain HTTP(S): reads `<url>/<canal>.yml`, downloads the installer
 * into a folder and checks its sha512 (and size) before anyone may run it. Used under Node
 * and in the tests; the desktop app uses electron-updater, which does the same checks.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { err, ok, type Result } from '../../shared/result';
import { type Canal, type FeedFile, feedFileName, parseFeed, type UpdateInfo } from './feed';
import type { UpdateBackend } from './policy';

export type FeedBackendOptions = {
  /** Where installers are downloaded. */
  carpeta: string;
  platform: NodeJS.Platform;
  /** Runs the verified installer (the OS-specific hand-over). */
  ejecutar: (archivo: string, cuando: 'ahora' | 'al_salir') => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

const PREFERRED: Partial<Record<NodeJS.Platform, string[]>> = {
  win32: ['.exe'],
  darwin: ['.zip', '.dmg'],
  linux: ['.AppImage', '.deb'],
};

/** The installer this platform would run. */
export const installerFor = (files: FeedFile[], platform: NodeJS.Platform): FeedFile | null => {
  for (const ext of PREFERRED[platform] ?? []) {
    const found = files.find((f) => f.url.endsWith(ext));
    if (found !== undefined) return found;
  }
  return files[0] ?? null;
};

const joinUrl = (base: string, file: string): string =>
  new URL(file, base.endsWith('/') ? base : `${base}/`).toString();

/** A name safe to write: the last path segment of the URL, no separators or dots-only names. */
const localName = (url: string): string => {
  const last = decodeURIComponent(new URL(url, 'http://x/').pathname.split('/').pop() ?? '');
  const safe = last.replace(/[^\w.-]/g, '_');
  return safe === '' || /^\.+$/.test(safe) ? 'instalador' : safe;
};

/**
 * @example createFeedBackend({ carpeta: '/datos/actualizaciones', platform: 'linux', ejecutar })
 */
export const createFeedBackend = (options: FeedBackendOptions): UpdateBackend => {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  let descargado: string | null = null;
  let base: string | null = null;

  const revisar = async (config: { url: string; canal: Canal }): Promise<Result<UpdateInfo>> => {
    const url = joinUrl(config.url, feedFileName(config.canal, options.platform));
    try {
      const response = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) {
        return err(
          'feed_no_disponible',
          `El canal de actualizaciones respondió ${response.status} para ${url}.`,
        );
      }
      base = config.url;
      return parseFeed(await response.text());
    } catch (error) {
      return err(
        'feed_no_disponible',
        `No se pudo leer el canal de actualizaciones (${url}): ${error instanceof Error ? error.message : String(error)}.`,
      );
    }
  };

  const descargar = async (info: UpdateInfo): Promise<Result<string>> => {
    const file = installerFor(info.files, options.platform);
    if (file === null || base === null) {
      return err('feed_invalido', 'El canal no ofrece un instalador para este sistema.');
    }
    const url = joinUrl(base, file.url);
    const folder = path.join(options.carpeta, info.version);
    const target = path.join(folder, localName(file.url));
    const partial = `${target}.part`;
    try {
      await mkdir(folder, { recursive: true });
      const response = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs * 10) });
      if (!response.ok || response.body === null) {
        return err('descarga_fallida', `La descarga de ${url} respondió ${response.status}.`);
      }
      const hash = createHash('sha512');
      let size = 0;
      const out = createWriteStream(partial);
      try {
        for await (const chunk of response.body) {
          const bytes = chunk as Uint8Array;
          hash.update(bytes);
          size += bytes.length;
          if (!out.write(bytes))
            await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        }
      } finally {
        await new Promise<void>((resolve, reject) =>
          out.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
      }
      const digest = hash.digest('base64');
      if (digest !== file.sha512 || (file.size !== null && file.size !== size)) {
        await rm(partial, { force: true });
        return err(
          'actualizacion_alterada',
          `El instalador de la versión ${info.version} no coincide con su huella sha512 publicada; se descartó sin instalarlo.`,
        );
      }
      await rename(partial, target);
      descargado = target;
      return ok(target);
    } catch (error) {
      await rm(partial, { force: true });
      return err(
        'descarga_fallida',
        `No se pudo descargar la actualización ${info.version}: ${error instanceof Error ? error.message : String(error)}.`,
      );
    }
  };

  return {
    revisar,
    descargar,
    instalar: (cuando) => {
      if (descargado === null) throw new Error('instalar sin una descarga verificada');
      options.ejecutar(descargado, cuando);
    },
  };
};
