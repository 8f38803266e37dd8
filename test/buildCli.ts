/**
 * Vitest global setup of the projects whose tests run the shipped `mostrador` command: builds
 * out/cli (what `bin/mostrador.mjs` runs) when a source is newer than the build, once per run.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const setup = (): void => {
  const root = resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [resolve(root, 'scripts/build-cli.mjs'), '--si-hace-falta'], {
    cwd: root,
    stdio: 'inherit',
  });
};
