/**
 * The update feed as electron-builder publishes it: one `<canal>[-plataforma].yml` per channel
 * and platform beside the installers. We read the small YAML subset those files use (scalars,
 * one `files:` list of mappings) instead of pulling a YAML library into the main process.
 */
import { err, ok, type Result } from '../../shared/result';
import { parseVersion } from './version';

export type Canal = 'estable' | 'beta';

export type FeedFile = { url: string; sha512: string; size: number | null };

/** What `latest.yml` says about the newest build of a channel. */
export type UpdateInfo = {
  version: string;
  files: FeedFile[];
  releaseDate: string | null;
  /** Percentage (0–100) of installs that should take this version; null = everyone. */
  stagingPercentage: number | null;
  releaseNotes: string | null;
};

/**
 * The feed file electron-updater asks for: `latest.yml` / `beta.yml` on Windows, with `-linux`
 * or `-mac` on those platforms.
 * @example feedFileName('beta', 'linux') // 'beta-linux.yml'
 */
export const feedFileName = (canal: Canal, platform: NodeJS.Platform): string => {
  const base = canal === 'beta' ? 'beta' : 'latest';
  if (platform === 'darwin') return `${base}-mac.yml`;
  if (platform === 'win32') return `${base}.yml`;
  return `${base}-linux.yml`;
};

type Scalar = string | number | null;
type Mapping = Record<string, Scalar>;
type Document = Record<string, Scalar | Mapping[]>;

const unquote = (raw: string): Scalar => {
  const text = raw.trim();
  if (text === '' || text === '~' || text === 'null') return null;
  if (text.startsWith("'") && text.endsWith("'") && text.length >= 2) {
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) {
    try {
      return JSON.parse(text) as string;
    } catch {
      return text.slice(1, -1);
    }
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
};

const keyValue = (line: string): [string, string] | null => {
  const match = /^([A-Za-z_][\w-]*):(?:\s+(.*))?$/.exec(line);
  return match === null ? null : [match[1] as string, match[2] ?? ''];
};

/** Parses the YAML subset of feed files; null when a line does not fit it. */
const parseSubset = (text: string): Document | null => {
  const doc: Document = {};
  let list: Mapping[] | null = null;
  let item: Mapping | null = null;
  let blockKey: string | null = null;
  const block: string[] = [];
  const flushBlock = (): void => {
    if (blockKey !== null) doc[blockKey] = block.join('\n');
    blockKey = null;
    block.length = 0;
  };
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    if (blockKey !== null && (raw.startsWith(' ') || raw.trim() === '')) {
      block.push(raw.trim());
      continue;
    }
    flushBlock();
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (indent === 0) {
      list = null;
      item = null;
      const pair = keyValue(line);
      if (pair === null) return null;
      const [key, value] = pair;
      if (value === '') {
        list = [];
        doc[key] = list;
      } else if (value === '|' || value === '>' || value === '|-' || value === '>-') {
        blockKey = key;
      } else {
        doc[key] = unquote(value);
      }
      continue;
    }
    if (list === null) return null;
    const content = line.startsWith('- ') ? line.slice(2) : line;
    if (line.startsWith('- ')) {
      item = {};
      list.push(item);
    }
    if (item === null) return null;
    const pair = keyValue(content);
    if (pair === null) return null;
    item[pair[0]] = unquote(pair[1]);
  }
  flushBlock();
  return doc;
};

const SHA512_BASE64 = /^[A-Za-z0-9+/]{86}==$/;

/**
 * Reads a feed file, refusing anything the updater could not act on safely: no semver
 * version, no file, a file without a sha512.
 * @example parseFeed('version: 1.2.0\nfiles:\n  - url: M.exe\n    sha512: …\n    size: 10\n')
 */
export const parseFeed = (text: string): Result<UpdateInfo> => {
  const bad = (why: string) =>
    err('feed_invalido', `El canal de actualizaciones publicó un archivo no válido: ${why}.`);
  const doc = parseSubset(text);
  if (doc === null) return bad('no tiene el formato de latest.yml');
  const version = doc.version;
  if (typeof version !== 'string' || parseVersion(version) === null) {
    return bad(`la versión «${String(version)}» no es semántica`);
  }
  const rawFiles = Array.isArray(doc.files) ? doc.files : [];
  const files: FeedFile[] = [];
  for (const entry of rawFiles) {
    const { url, sha512, size } = entry;
    if (typeof url !== 'string' || url === '') return bad('un archivo no tiene url');
    if (typeof sha512 !== 'string' || !SHA512_BASE64.test(sha512)) {
      return bad(`el archivo ${url} no tiene un sha512 válido`);
    }
    files.push({ url, sha512, size: typeof size === 'number' ? size : null });
  }
  // Old feeds carry only the top-level `path` + `sha512`.
  if (files.length === 0 && typeof doc.path === 'string' && typeof doc.sha512 === 'string') {
    if (!SHA512_BASE64.test(doc.sha512))
      return bad(`el archivo ${doc.path} no tiene un sha512 válido`);
    files.push({ url: doc.path, sha512: doc.sha512, size: null });
  }
  if (files.length === 0) return bad('no lista ningún instalador');
  const staging = doc.stagingPercentage;
  let stagingPercentage: number | null = null;
  if (staging !== undefined && staging !== null) {
    if (typeof staging !== 'number' || !Number.isFinite(staging)) {
      return bad('stagingPercentage no es un número');
    }
    stagingPercentage = Math.min(100, Math.max(0, staging));
  }
  return ok({
    version,
    files,
    releaseDate: typeof doc.releaseDate === 'string' ? doc.releaseDate : null,
    stagingPercentage,
    releaseNotes: typeof doc.releaseNotes === 'string' ? doc.releaseNotes : null,
  });
};
