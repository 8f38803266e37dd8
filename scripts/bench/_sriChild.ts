// Starts `mostrador sri-simulador` in its own process (the SRI is another machine: it must not
// share the worker's event loop) and returns its URL once printed.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export type SimulatorProcess = { url: string; child: ChildProcess; stop: () => Promise<void> };

export const startSimulatorProcess = (args: string[]): Promise<SimulatorProcess> =>
  new Promise((resolve, reject) => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'mostrador.mjs');
    const child = spawn(process.execPath, [bin, 'sri-simulador', '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MOSTRADOR_LOG: 'warn' },
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (match) {
        resolve({
          url: match[0],
          child,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr?.on('data', () => {});
    child.once('exit', (code) => reject(new Error(`sri-simulador terminó (${code}): ${out}`)));
  });
