#!/usr/bin/env node
/**
 * Builds the installers (docs/release.md). Needs internet (Electron and builder binaries are
 * downloaded) and the target OS for signing: Windows NSIS on Windows (or Linux with wine),
 * dmg on macOS, AppImage + deb on Linux.
 *
 *   node scripts/package.mjs [--plataforma linux|win|mac] [--publicar] [--plan]
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
 * @example packagingPlan({ plataforma: 'linux', publicar: false })
 */
export const packagingPlan = ({ plataforma, publicar }) => {
  const flag = TARGETS[plataforma];
  if (flag === undefined)
    throw new Error(`Plataforma desconocida: ${plataforma} (use linux, win o mac)`);
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
        '--publish',
        publicar ? 'always' : 'never',
      ],
    ],
    ['npm', ['rebuild', 'better-sqlite3']],
  ];
};

const main = () => {
  const args = process.argv.slice(2);
  const at = args.indexOf('--plataforma');
  const plataforma = at === -1 ? fromNode[process.platform] : args[at + 1];
  const publicar = args.includes('--publicar');
  if (publicar && !process.env.MOSTRADOR_UPDATE_URL) {
    process.stderr.write(
      'Defina MOSTRADOR_UPDATE_URL (la carpeta del canal de actualizaciones) para publicar.\n',
    );
    process.exit(2);
  }
  const plan = packagingPlan({ plataforma, publicar });
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
