// `npm run bench -- <name>`: runs scripts/bench/<name>.ts, which prints its figures and the ratio
// against a baseline measured in the same process. Benchmarks print; they never assert on time.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && !file.startsWith('_'))
  .map((file) => file.slice(0, -3))
  .sort();

const name = process.argv[2];
if (name === undefined || !available.includes(name)) {
  console.error(`Uso: npm run bench -- <${available.join('|')}> [opciones]`);
  process.exit(2);
}
// Benchmarks that start `mostrador` run the built command: build it first if a source changed.
execFileSync(process.execPath, [join(here, '..', 'build-cli.mjs'), '--si-hace-falta'], {
  stdio: 'inherit',
});
const bench: { run: (args: string[]) => Promise<void> } = await import(join(here, `${name}.ts`));
await bench.run(process.argv.slice(3));
