#!/usr/bin/env node
// Builds the `mostrador` command (the CLI and the browser host it serves) to JavaScript in
// out/cli, so that `bin/mostrador.mjs` runs plain Node without compiling TypeScript at start.
// `node scripts/build-cli.mjs --si-hace-falta` builds only when a source is newer than the
// output (tests and `npm start` call it that way). Prints nothing when it has nothing to do.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

const cliDir = join(root, 'src', 'main', 'cli');

/** The subcommand modules `src/main/cli/commands.ts` imports lazily: `./xml` → `xml`. */
const commandNames = () => {
  const text = readFileSync(join(cliDir, 'commands.ts'), 'utf8');
  return [...text.matchAll(/import\('\.\/([A-Za-z]+)'\)/g)].map((m) => m[1]);
};

/**
 * `./io` (exit codes, BadInput, the flag parser) is one module for `main` and every command:
 * `main` recognises the command's BadInput by class, so there must be a single copy of it.
 */
const ioShared = (fromOutput) => ({
  name: 'io-compartido',
  setup: (b) => {
    b.onResolve({ filter: /^\.\/io$/ }, (args) =>
      args.importer.startsWith(cliDir) ? { path: fromOutput, external: true } : undefined,
    );
  },
});

/** In `main`, each lazily imported command is its own bundle, `./commands/<name>.js`. */
const commandsSeparate = {
  name: 'comandos-aparte',
  setup: (b) => {
    b.onResolve({ filter: /^\.\/[A-Za-z]+$/ }, (args) =>
      args.kind === 'dynamic-import' && args.importer === join(cliDir, 'commands.ts')
        ? { path: `./commands/${args.path.slice(2)}.js`, external: true }
        : undefined,
    );
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
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
};

/**
 * One bundle per command, none shared: a chunk shared with `serve` would make `firmar` parse
 * and run everything the browser host needs (all of zod, the contract…) at every start, so
 * each command carries only what it uses (docs/architecture.md §12). Inside a command, modules
 * it imports lazily (node-forge for old p12 files, the PDF stack…) still get their own chunks.
 */
export const buildCli = async () => {
  await Promise.all([
    build({
      ...common,
      entryPoints: { main: join(cliDir, 'main.ts') },
      outdir: outDir,
      plugins: [ioShared('./io.js'), commandsSeparate],
    }),
    build({ ...common, entryPoints: { io: join(cliDir, 'io.ts') }, outdir: outDir }),
    ...commandNames().map((name) =>
      build({
        ...common,
        entryPoints: { [name]: join(cliDir, `${name}.ts`) },
        outdir: join(outDir, 'commands'),
        splitting: true,
        chunkNames: `${name}/[name]-[hash]`,
        plugins: [ioShared('../io.js')],
      }),
    ),
  ]);
};

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename;
if (isMain) {
  if (process.argv.includes('--si-hace-falta') && !isStale()) process.exit(0);
  const { rmSync } = await import('node:fs');
  rmSync(outDir, { recursive: true, force: true });
  await buildCli();
}
