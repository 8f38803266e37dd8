/**
 * Fake CUPS commands for tests: a folder with `lp` and `lpstat` (small node scripts) to put
 * first on PATH. `lpstat` answers from the queues the test declares; `lp` records its arguments
 * and the bytes it read on stdin, and fails for an unknown queue as the real one does.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export type FakeCups = {
  dir: string;
  /** The environment with the fake folder first on PATH. */
  env: NodeJS.ProcessEnv;
  /** Declares the queues: name → the `lpstat -p` block CUPS would print for it. */
  setColas: (colas: Record<string, string>) => void;
  /** Every call, in order: the command's name and its arguments. */
  llamadas: () => { comando: string; args: string[]; locale: string | undefined }[];
  /** The bytes `lp` received, one entry per job, with its arguments. */
  trabajos: () => { args: string[]; bytes: Uint8Array }[];
  close: () => void;
};

const comun = (dir: string) => `
const fs = require('node:fs');
const path = require('node:path');
const dir = ${JSON.stringify(dir)};
const args = process.argv.slice(2);
const colas = JSON.parse(fs.readFileSync(path.join(dir, 'colas.json'), 'utf8'));
const registrar = (comando) => fs.appendFileSync(path.join(dir, 'llamadas.jsonl'),
  JSON.stringify({ comando, args, locale: process.env.LC_ALL }) + '\\n');
`;

const LPSTAT = (dir: string) => `${comun(dir)}
registrar('lpstat');
if (args[0] === '-e') {
  process.stdout.write(Object.keys(colas).map((c) => c + '\\n').join(''));
} else if (args[0] === '-p' && args[1] === undefined) {
  process.stdout.write(Object.values(colas).map((b) => b + '\\n').join(''));
} else if (args[0] === '-p') {
  const bloque = colas[args[1]];
  if (bloque === undefined) {
    process.stderr.write('lpstat: Invalid destination name in list "' + args[1] + '".\\n');
    process.exit(1);
  }
  process.stdout.write(bloque + '\\n');
} else process.exit(2);
`;

const LP = (dir: string) => `${comun(dir)}
registrar('lp');
const cola = args[args.indexOf('-d') + 1];
// A file argument (what is left after -d X and -o Y) is printed instead of stdin.
const archivo = args.filter((a, i) => !a.startsWith('-') && !['-d', '-o'].includes(args[i - 1]))[0];
const trozos = [];
const terminar = () => {
  if (colas[cola] === undefined) {
    process.stderr.write('lp: The printer or class does not exist.\\n');
    process.exit(1);
  }
  const n = fs.readdirSync(dir).filter((f) => f.startsWith('trabajo-')).length;
  fs.writeFileSync(path.join(dir, 'trabajo-' + n + '.bin'), Buffer.concat(trozos));
  fs.writeFileSync(path.join(dir, 'trabajo-' + n + '.json'), JSON.stringify(args));
  process.stdout.write('request id is ' + cola + '-' + (n + 1) + ' (0 file(s))\\n');
};
if (archivo === undefined) {
  process.stdin.on('data', (b) => trozos.push(b));
  process.stdin.on('end', terminar);
} else {
  trozos.push(fs.readFileSync(archivo));
  terminar();
}
`;

export const startFakeCups = (): FakeCups => {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-cups-'));
  const script = (nombre: string, cuerpo: string): void => {
    const ruta = join(dir, nombre);
    writeFileSync(ruta, `#!${process.execPath}\n${cuerpo}`);
    chmodSync(ruta, 0o755);
  };
  writeFileSync(join(dir, 'colas.json'), '{}');
  script('lpstat', LPSTAT(dir));
  script('lp', LP(dir));
  return {
    dir,
    env: { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` },
    setColas: (colas) => writeFileSync(join(dir, 'colas.json'), JSON.stringify(colas)),
    llamadas: () => {
      const ruta = join(dir, 'llamadas.jsonl');
      const texto = readdirSync(dir).includes('llamadas.jsonl') ? readFileSync(ruta, 'utf8') : '';
      return texto
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l));
    },
    trabajos: () =>
      readdirSync(dir)
        .filter((f) => /^trabajo-\d+\.bin$/.test(f))
        .sort((a, b) => Number(a.slice(8, -4)) - Number(b.slice(8, -4)))
        .map((f) => ({
          args: JSON.parse(readFileSync(join(dir, f.replace('.bin', '.json')), 'utf8')),
          bytes: new Uint8Array(readFileSync(join(dir, f))),
        })),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
};
