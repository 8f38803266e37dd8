#!/usr/bin/env node
// Builds the `mostrador` command (the CLI and the browser host it serves) to JavaScript in
// out/cli, so that `bin/mostrador.mjs` runs plain Node without compiling TypeScript at start.
// `node scripts/build-cli.mjs --si-hace-falta` builds only when a source is newer than the
// output (tests and `npm start` call it that way). Prints nothing when it has nothing to do.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'out', 'cli');
const entry = join(outDir, 'main.js');

/**
 * Left out of the bundle and loaded from node_modules at run time: native addons, Electron,
 * and packages that read their own files relative to their location (pdfkit's AFM fonts,
 * fontkit's tables, xmllint's wasm) or are large and only some commands need.
 */
export const EXTERNAL = [
  'better-sqlite3',
  '@napi-rs/keyring',
  'koffi',
  'electron',
  'electron-log',
  'electron-updater',
  'pdfkit',
  'fontkit',
  'bwip-js',
  'exceljs',
  'echarts',
  'xmllint-wasm',
  'nodemailer',
  'pdf-to-printer',
  // One instance for the modules that import it and signing/c14n, which requires it on first use.
  '@xmldom/xmldom',
];

/** Newest modification time under `dir` (files only), 0 when it does not exist. */
const newest = (dir) => {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!item.isFile()) continue;
    const mtime = statSync(join(item.parentPath, item.name)).mtimeMs;
    if (mtime > latest) latest = mtime;
  }
  return latest;
};

/** True when out/cli is missing or older than src/main, src/shared or the build inputs. */
export const isStale = () => {
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  const inputs = [
    newest(join(root, 'src', 'main')),
    newest(join(root, 'src', 'shared')),
    statSync(join(root, 'package.json')).mtimeMs,
    statSync(join(root, 'scripts', 'build-cli.mjs')).mtimeMs,
  ];
  return inputs.some((mtime) => mtime > built);
};

export const buildCli = async () => {
  await build({
    absWorkingDir: root,
    entryPoints: { main: join(root, 'src', 'main', 'cli', 'main.ts') },
    outdir: outDir,
    bundle: true,
    // One chunk per lazily imported command, so `--help` loads only what it prints.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    external: EXTERNAL,
    // Bundled CommonJS packages (node-forge…) call require(): give the ES module one.
    banner: {
      js: "import { createRequire as __mostradorRequire } from 'node:module'; const require = __mostradorRequire(import.meta.url);",
    },
    // Smaller source parses faster at every start; the linked map keeps stacks readable with
    // `node --enable-source-maps`.
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
};

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename;
if (isMain) {
  if (process.argv.includes('--si-hace-falta') && !isStale()) process.exit(0);
  const { rmSync } = await import('node:fs');
  rmSync(outDir, { recursive: true, force: true });
  await buildCli();
}
