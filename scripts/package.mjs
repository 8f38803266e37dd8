#!/usr/bin/env node
/**
 * Builds the installers (docs/release.md). Needs internet (Electron and builder binaries are
 * downloaded) and the target OS for signing: Windows NSIS on Windows (or Linux with wine),
 * dmg on macOS, AppImage + deb on Linux.
 *
 *   MOSTRADOR_UPDATE_URL=https://… node scripts/package.mjs [--plataforma linux|win|mac] [--plan]
 *
 * Steps: compile with electron-vite; rebuild better-sqlite3 and @napi-rs/keyring for
 * Electron's ABI (`electron-builder install-app-deps`); package; then rebuild the native
 * modules back for Node so `npm test` and the CLI keep working in this checkout.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const TARGETS = { linux: '--linux', win: '--win', mac: '--mac' };
const fromNode = { linux: 'linux', win32: 'win', darwin: 'mac' };

/**
 * The commands, in order, for one platform.
 * @example packagingPlan({ plataforma: 'linux', canal: 'https://actualizaciones.example/mostrador/' })
 */
export const packagingPlan = ({ plataforma, canal = null }) => {
  const flag = TARGETS[plataforma];
  if (flag === undefined) {
    throw new Error(`Plataforma desconocida: ${plataforma} (use linux, win o mac)`);
  }
  // Without a feed the installers still work; updates are then configured in Ajustes.
  const feed =
    canal === null
      ? []
      : ['-c.publish.provider=generic', `-c.publish.url=${canal}`, '-c.publish.channel=latest'];
  return [
    ['npx', ['electron-vite', 'build']],
    ['npx', ['electron-builder', 'install-app-deps']],
    [
      'npx',
      [
        'electron-builder',
        '--config',
        'electron-builder.yml',
        flag,
        ...feed,
        // electron-builder cannot upload to a generic feed: copy dist/ to the feed folder.
        '--publish',
        'never',
      ],
    ],
    ['npm', ['rebuild', 'better-sqlite3']],
  ];
};

const main = () => {
  const args = process.argv.slice(2);
  const at = args.indexOf('--plataforma');
  const plataforma = at === -1 ? fromNode[process.platform] : args[at + 1];
  const canal = process.env.MOSTRADOR_UPDATE_URL ?? null;
  if (canal === null) {
    process.stderr.write(
      'Sin MOSTRADOR_UPDATE_URL: los instaladores no traen canal de actualizaciones (se configura en Ajustes).\n',
    );
  }
  // The baked feed is where installers come from: https only (issue 15).
  if (canal !== null && !canal.startsWith('https://')) {
    process.stderr.write('MOSTRADOR_UPDATE_URL debe empezar con https://.\n');
    process.exit(1);
  }
  const plan = packagingPlan({ plataforma, canal });
  for (const [command, commandArgs] of plan) {
    const line = `${command} ${commandArgs.join(' ')}`;
    process.stderr.write(`> ${line}\n`);
    if (args.includes('--plan')) continue;
    const run = spawnSync(command, commandArgs, {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (run.status !== 0) {
      process.stderr.write(`Falló: ${line}\n`);
      process.exit(run.status ?? 1);
    }
  }
};

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
)
  main();
