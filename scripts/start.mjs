#!/usr/bin/env node
// `npm start`: the Electron app when it can run here (an Electron binary and a display);
// otherwise the same app in the browser host, in demo mode, with its data under .data/demo.
// Extra arguments go to the command that runs, e.g. `npm start -- --port 4310`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const extra = process.argv.slice(2);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Path of the Electron binary, or null when the download never happened (offline installs). */
const electronBinary = () => {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
};

const hasDisplay =
  process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

const runOrExit = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`Falló: ${command} ${args.join(' ')}`);
    process.exit(result.status ?? 1);
  }
};

/** Runs the long-lived child, forwards Ctrl+C / SIGTERM to it and exits with its code. */
const runForeground = (command, args) => {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 0)));
};

let electron = hasDisplay ? electronBinary() : null;
if (hasDisplay && electron === null) {
  // The npm install may have skipped the binary download; one attempt, then fall back.
  console.error('Descargando Electron…');
  spawnSync(process.execPath, [join(root, 'node_modules/electron/install.js')], {
    cwd: root,
    stdio: 'inherit',
    timeout: 180_000,
  });
  electron = electronBinary();
}

if (electron !== null) {
  runOrExit(npx, ['electron-vite', 'build']);
  runForeground(npx, ['electron-vite', 'preview', '--', ...extra]);
} else {
  console.error(
    hasDisplay
      ? 'Electron no está disponible: se abre Mostrador en el navegador (modo demostración).'
      : 'Sin pantalla gráfica: se abre Mostrador en el navegador (modo demostración).',
  );
  runOrExit(npx, ['vite', 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn']);
  runOrExit(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--si-hace-falta']);
  runForeground(process.execPath, [
    join(root, 'bin/mostrador.mjs'),
    'serve',
    '--demo',
    '--data-dir',
    join(root, '.data', 'demo'),
    ...extra,
  ]);
}
