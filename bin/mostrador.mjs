#!/usr/bin/env node
// The `mostrador` command. Runs the JavaScript build of src/main/cli (out/cli, made by
// `npm run build:cli`), so that no TypeScript is compiled at start; the tests run the same
// build. The Electron app bundles the same modules with electron-vite.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = join(import.meta.dirname, '..', 'out', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write(
    `Mostrador no está compilado (falta ${entry}).\n` +
      'Compílelo con «npm run build:cli» (o «npm start», que lo hace) y vuelva a intentar.\n',
  );
  process.exit(1);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
