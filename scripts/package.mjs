#!/usr/bin/env node
/**
 * Builds the installers (docs/release.md). Needs internet (Electron and builder binaries are
 * downloaded) and the target OS for signing: Windows NSIS on Windows (or Linux with wine),
 * dmg on macOS, AppImage + deb on Linux.
 *
 *   MOSTRADOR_UPDATE_URL=https://… node scripts/package.mjs [--plataforma linux|win|mac] [--plan]
 *
 * Windows also needs MOSTRADOR_WIN_PUBLISHER: the code-signing certificate's CN, exactly. It is
 * the one place the publisher name comes from; electron-updater checks every update's
 * signature against it (without it, it checks nothing), so a Windows build without it is refused.
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
export const packagingPlan = ({ plataforma, canal = null, editor = null }) => {
  const flag = TARGETS[plataforma];
  if (flag === undefined) {
    throw new Error(`Plataforma desconocida: ${plataforma} (use linux, win o mac)`);
  }
  if (plataforma === 'win' && (editor === null || editor.trim() === '')) {
    throw new Error(
      'Windows: falta MOSTRADOR_WIN_PUBLISHER, el nombre del editor exactamente como en el certificado de firma de código (CN). Sin él, el actualizador no comprueba la firma de las actualizaciones.',
    );
  }
  const firma =
    plataforma === 'win' ? [`-c.win.signtoolOptions.publisherName=${editor.trim()}`] : [];
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
        ...firma,
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
  let plan;
  try {
    plan = packagingPlan({
      plataforma,
      canal,
      editor: process.env.MOSTRADOR_WIN_PUBLISHER ?? null,
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  for (const [command, commandArgs] of plan) {
    const line = `${command} ${commandArgs.join(' ')}`;
    process.stderr.write(`> ${line}\n`);
    if (args.includes('--plan')) continue;
    // With a shell (Windows) the arguments are joined with spaces: quote the publisher's name.
    const shellArgs =
      process.platform === 'win32'
        ? commandArgs.map((a) => (a.includes(' ') ? `"${a}"` : a))
        : commandArgs;
    const run = spawnSync(command, shellArgs, {
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
