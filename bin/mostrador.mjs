#!/usr/bin/env node
// The `mostrador` command. Runs the TypeScript sources through tsx so support staff and CI use
// exactly the code the tests cover; the Electron app bundles the same modules with electron-vite.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
