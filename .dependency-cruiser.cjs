// The layers of Mostrador, checked by `npm run lint:capas` (and by scripts/test.sh).
//
// Bottom → top, each layer may import only the layers below it (and itself):
//   1. src/shared                 contract, Result, pure money rules: shared with the renderer
//   2. src/main/fiscal            the SRI's documents, pure: no I/O
//   3. src/main/log, rpc, recursos  logger and clock, handler/dispatch types and event bus,
//                                 where shipped files are
//   4. src/main/db, signing, sri, secrets, jobs   storage, XAdES, the SRI client, the keychain,
//                                 the job runner
//   5. domain folders (ventas, caja, print, respaldos…): any lower layer and each other
//   6. src/main/app               the composition root: wires the domains
//   7. src/main/host, cli, electron, index.ts     the programs: start the app
//   src/renderer and src/preload are separate programs that speak the contract in src/shared.
//
// An `allowed` list: a dependency that no rule below allows is an error. Tests (`*.test.ts`,
// `test/`, `testing.ts` helpers) and scripts may import anything, but nothing may form a cycle.

/** Folders of layers 1–4, 6 and 7 under src/main; every other folder there is a domain. */
const LOWER = ['fiscal', 'log', 'rpc', 'recursos', 'db', 'signing', 'sri', 'secrets', 'jobs'];
const PROGRAMS = ['host', 'cli', 'electron'];
const notDomain = [...LOWER, 'app', ...PROGRAMS].join('|');

const TEST_CODE = '(\\.test\\.tsx?$|^test/|/testing\\.ts$|^scripts/)';
const NPM = '^node_modules/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'A cycle makes the order of module initialisation (and so of wiring) accidental; ' +
        'move the shared piece down a layer instead.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-product',
      comment:
        'Fakes, fixtures and test helpers (test/, testing.ts) must never ship: product code ' +
        'does not import them.',
      severity: 'error',
      from: { pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
    {
      name: 'no-electron-below-programs',
      comment:
        'Only the Electron program (src/main/electron, src/main/index.ts) and the preload may ' +
        'load electron: everything else also runs in plain Node (CLI, browser host, tests).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/main/(electron/|index\\.ts$)|^src/preload/' },
      to: { path: '^node_modules/electron(-log|-updater)?/', dependencyTypesNot: ['type-only'] },
    },
  ],
  allowed: [
    {
      comment: 'Tests and scripts may import whatever they exercise (cycles are still refused).',
      from: { path: TEST_CODE },
      to: {},
    },
    {
      comment: 'A layer may always use its own files.',
      from: { path: '^src/(main/[^/]+|shared|renderer|preload)/' },
      to: { path: '^src/$1/' },
    },
    {
      comment:
        '1. src/shared is imported by the renderer too: npm packages only (zod), no Node modules.',
      from: { path: '^src/shared/' },
      to: { path: NPM },
    },
    {
      comment: '2. fiscal is pure (amounts, XML, clave de acceso): shared and zod, no I/O modules.',
      from: { path: '^src/main/fiscal/' },
      to: { path: ['^src/shared/', NPM] },
    },
    {
      comment: '3. logger, clock, dispatch types, shipped files: shared, Node and each other.',
      from: { path: '^src/main/(log|rpc|recursos)/' },
      to: { path: ['^src/shared/', '^src/main/(log|rpc|recursos)/', NPM] },
    },
    {
      comment: '3. They may use Node.',
      from: { path: '^src/main/(log|rpc|recursos)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      comment:
        '4. Infrastructure (db, signing, sri, secrets, jobs): layers 1–3 and each other, never a ' +
        'domain; the job runner knows jobs, not what a job does.',
      from: { path: '^src/main/(db|signing|sri|secrets|jobs)/' },
      to: {
        path: [
          '^src/shared/',
          '^src/main/(fiscal|log|rpc|recursos)/',
          '^src/main/(db|signing|sri|secrets|jobs)/',
          NPM,
        ],
      },
    },
    {
      comment: '4. Infrastructure does I/O with Node.',
      from: { path: '^src/main/(db|signing|sri|secrets|jobs)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      comment:
        '5. Domains (ventas, caja, print, respaldos…): the layers below and other domains, never ' +
        'the composition root or a program, so each one runs in any of them and in tests.',
      from: { path: '^src/main/[^/]+/', pathNot: `^src/main/(${notDomain})/` },
      to: {
        path: ['^src/shared/', '^src/main/[^/]+/', NPM],
        pathNot: `^src/main/(app|${PROGRAMS.join('|')})/`,
      },
    },
    {
      comment: '5. Domains may use Node.',
      from: { path: '^src/main/[^/]+/', pathNot: `^src/main/(${notDomain})/` },
      to: { dependencyTypes: ['core'] },
    },
    {
      comment:
        '6. The composition root wires every layer below it (and reads the version from ' +
        'package.json), but no program: programs start it.',
      from: { path: '^src/main/app/' },
      to: {
        path: ['^src/shared/', '^src/main/[^/]+/', '^package\\.json$', NPM],
        pathNot: `^src/main/(${PROGRAMS.join('|')})/`,
      },
    },
    {
      comment: '6. The composition root may use Node.',
      from: { path: '^src/main/app/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      comment:
        '7. Programs (browser host, CLI, Electron, src/main/index.ts) start the app and may use ' +
        'anything in main; the CLI serves through the host.',
      from: { path: `^src/main/((${PROGRAMS.join('|')})/|index\\.ts$)` },
      to: { path: ['^src/shared/', '^src/main/', '^package\\.json$', NPM] },
    },
    {
      comment: '7. Programs may use Node.',
      from: { path: `^src/main/((${PROGRAMS.join('|')})/|index\\.ts$)` },
      to: { dependencyTypes: ['core'] },
    },
    {
      comment:
        'The renderer is untrusted browser code: only src/shared (the contract) and browser ' +
        'packages, never main, never Node.',
      from: { path: '^src/renderer/' },
      to: { path: ['^src/shared/', NPM] },
    },
    {
      comment: 'The preload bridges the contract over Electron IPC: src/shared and electron only.',
      from: { path: '^src/preload/' },
      to: { path: ['^src/shared/', '^node_modules/electron/'] },
    },
  ],
  allowedSeverity: 'error',
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^out/' },
    // Type-only imports count: `import type { HandlerGroup } from '../rpc'` is a dependency too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
