// `npm run bench -- arranque [--veces N]`: what a user waits for when starting `mostrador`, each
// figure the median of N runs (default 7) of a fresh process, against bare `node -e 0` measured
// in the same run:
//   mostrador --help                               target ≤ 3× bare node
//   mostrador serve (existing data folder) → URL   target ≤ 500 ms
//   mostrador firmar --out-dir, 100 facturas       target ≤ 1.5 ms/doc counting process start
// The shipped command is `bin/mostrador.mjs`, whatever it runs. On Linux each figure also gets
// the CPU time the process used (from /proc, 10 ms resolution), which a busy machine inflates
// far less than the wall time. Benchmarks print; they never assert on time.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { modernP12 } from '../../test/fixtures/certs';
import { ejemploDeHoy } from '../../test/fixtures/ejemplosDeHoy';

const repoRoot = resolve(import.meta.dirname, '../..');
const bin = join(repoRoot, 'bin', 'mostrador.mjs');
const FACTURAS = 100;

const median = (samples: number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

type Sample = { wall: number; cpu: number | null };

const TICK_MS = 10;

/** User + system CPU of `/proc/<pid>/stat`, own (fields 14–15) or of reaped children (16–17). */
const procCpuMs = (pid: number | 'self', of: 'own' | 'children'): number | null => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const at = of === 'own' ? 11 : 13;
    return (Number(fields[at]) + Number(fields[at + 1])) * TICK_MS;
  } catch {
    return null;
  }
};

/** One process from spawn to exit; throws if it fails. Its CPU is what our children gained. */
const timeProcess = (args: string[], env: NodeJS.ProcessEnv = process.env): Sample => {
  const cpuBefore = procCpuMs('self', 'children');
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, env, encoding: 'utf8' });
  const wall = performance.now() - start;
  const cpuAfter = procCpuMs('self', 'children');
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} terminó con ${result.status}: ${result.stderr}`);
  }
  return { wall, cpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
};

/** Spawn → the «Mostrador: URL» line, then SIGTERM and wait for the exit. */
const timeServe = (dataDir: string): Promise<Sample> =>
  new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', dataDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MOSTRADOR_LOG: 'warn' },
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let elapsed: Sample | null = null;
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
      if (elapsed === null && text.startsWith('Mostrador: http://127.0.0.1:')) {
        const wall = performance.now() - start;
        elapsed = { wall, cpu: child.pid === undefined ? null : procCpuMs(child.pid, 'own') };
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => {
      if (elapsed === null) fail(new Error(`«mostrador serve» terminó (${code}): ${stderr}`));
      else done(elapsed);
    });
  });

const option = (args: string[], name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};

export const run = async (args: string[]): Promise<void> => {
  const veces = option(args, 'veces', 7);
  if (!existsSync(join(repoRoot, 'out', 'renderer', 'index.html'))) {
    console.error('Falta la interfaz compilada: ejecute «npm run build:renderer» y repita.');
    process.exitCode = 1;
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'mostrador-bench-arranque-'));
  try {
    // The data folder exists beforehand (a second start, as every day at the store).
    const dataDir = join(work, 'datos');
    await timeServe(dataDir);

    const fixture = modernP12({ ruc: '0992345675001', razonSocial: 'COMERCIAL LA ESQUINA S.A.' });
    const p12 = join(work, 'firma.p12');
    writeFileSync(p12, fixture.p12);
    const docs: string[] = [];
    for (let i = 1; i <= FACTURAS; i++) {
      const file = join(work, `factura-${i}.json`);
      writeFileSync(
        file,
        JSON.stringify({ ...ejemploDeHoy('factura.json'), sequential: String(i).padStart(9, '0') }),
      );
      docs.push(file);
    }
    const firmarEnv = { ...process.env, BENCH_P12_CLAVE: fixture.password };

    const node: Sample[] = [];
    const help: Sample[] = [];
    const serve: Sample[] = [];
    const firmar: Sample[] = [];
    // Interleaved so that load on the machine affects every figure alike.
    for (let i = 0; i < veces; i++) {
      node.push(timeProcess(['-e', '0']));
      help.push(timeProcess([bin, '--help']));
      serve.push(await timeServe(dataDir));
      const outDir = join(work, `firmados-${i}`);
      firmar.push(
        timeProcess(
          [
            bin,
            'firmar',
            '--p12',
            p12,
            '--password-env',
            'BENCH_P12_CLAVE',
            '--out-dir',
            outDir,
            ...docs,
          ],
          firmarEnv,
        ),
      );
      const written = readdirSync(outDir).length;
      if (written !== FACTURAS) throw new Error(`firmar escribió ${written} de ${FACTURAS}`);
    }

    const wall = (samples: Sample[]) => median(samples.map((x) => x.wall));
    const cpu = (samples: Sample[]): number | null =>
      samples.some((x) => x.cpu === null) ? null : median(samples.map((x) => x.cpu as number));
    const base = wall(node);
    const row = (label: string, samples: Sample[], extra: string): void => {
      const used = cpu(samples);
      console.log(
        `  ${label.padEnd(40)} ${wall(samples).toFixed(0).padStart(6)} ms` +
          `${used === null ? '' : ` (CPU ${used.toFixed(0).padStart(4)} ms)`}  ${extra}`,
      );
    };
    console.log(`arranque: mediana de ${veces} procesos, ${bin}`);
    row('node -e 0 (referencia)', node, '');
    row('mostrador --help', help, `${(wall(help) / base).toFixed(2)}× node (objetivo ≤ 3×)`);
    row(
      'mostrador serve → URL (carpeta existente)',
      serve,
      `${(wall(serve) / base).toFixed(2)}× node (objetivo ≤ 500 ms)`,
    );
    row(
      `mostrador firmar --out-dir (${FACTURAS} facturas)`,
      firmar,
      `${(wall(firmar) / FACTURAS).toFixed(2)} ms/doc con el arranque (objetivo ≤ 1,5 ms/doc); ${(wall(firmar) / base).toFixed(2)}× node`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};
