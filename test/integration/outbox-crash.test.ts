import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ISSUER } from '../../src/main/demo';
import { silentLogger, systemClock } from '../../src/main/log';
import { verifyComprobanteSignature } from '../../src/main/signing';
import { type SriSimulator, startSriSimulator } from '../../src/main/sri/simulator';
import { modernP12 } from '../fixtures/certs';

const KILLS = 22;
const repo = join(import.meta.dirname, '..', '..');
const child = join(import.meta.dirname, 'crash', 'child.ts');

let dir: string;
let simulator: SriSimulator;
let password: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mostrador-crash-'));
  const p12 = modernP12({ ruc: DEMO_ISSUER.ruc, razonSocial: DEMO_ISSUER.razonSocial });
  writeFileSync(join(dir, 'firma.p12'), p12.p12);
  password = p12.password;
  // Latency makes a kill land in the middle of a request often.
  simulator = await startSriSimulator({
    verifySignature: verifyComprobanteSignature,
    clock: systemClock,
    logger: silentLogger,
    faults: 'latencia=15',
    logFile: join(dir, 'simulador.jsonl'),
  });
});
afterAll(async () => {
  await simulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the counter until SIGKILL after `killAfterMs` from ready; returns the sales it reported. */
const runAndKill = (killAfterMs: number): Promise<string[]> =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir, simulator.url], {
      cwd: repo,
      env: { ...process.env, CRASH_P12_PASSWORD: password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const sold: string[] = [];
    let buffer = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline = buffer.indexOf('\n');
      while (newline !== -1) {
        const lineText = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (lineText === 'LISTO') setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
        if (lineText.startsWith('VENTA ')) sold.push(lineText.slice(6));
        newline = buffer.indexOf('\n');
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(sold);
      else reject(new Error(`El proceso terminó solo (${code}): ${stderr}`));
    });
  });

const drainToTheEnd = (): Promise<void> =>
  new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', child, dir, simulator.url, '--solo-drenar'],
      { cwd: repo, env: { ...process.env, CRASH_P12_PASSWORD: password }, stdio: 'inherit' },
    );
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`drenaje: ${code}`))));
  });

describe('caída real del proceso (SIGKILL) en plena venta y envío', () => {
  it('no pierde ni duplica ventas, numera sin huecos y el SRI autoriza cada clave una vez', async () => {
    const reported: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      reported.push(...(await runAndKill(50 + Math.floor(Math.random() * 400))));
    }
    await drainToTheEnd();

    const db = new Sqlite(join(dir, 'mostrador.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const sales = db.prepare('SELECT id FROM sale').all() as { id: string }[];
      const saleIds = new Set(sales.map((s) => s.id));
      // Every sale the process reported as committed survived the kill.
      for (const id of reported) expect(saleIds.has(id)).toBe(true);
      expect(reported.length).toBeGreaterThan(KILLS);

      // Exactly one document per sale, and no document without a sale.
      const perSale = db
        .prepare(
          'SELECT s.id, COUNT(d.id) AS n FROM sale s LEFT JOIN document d ON d.sale_id = s.id GROUP BY s.id',
        )
        .all() as { id: string; n: number }[];
      expect(perSale.every((row) => row.n === 1)).toBe(true);
      const documents = db
        .prepare(
          "SELECT secuencial, clave_acceso AS clave, status FROM document WHERE cod_doc = '01' ORDER BY secuencial",
        )
        .all() as { secuencial: number; clave: string; status: string }[];
      expect(documents.length).toBe(sales.length);

      // Contiguous numbering 1..N, and the next number is N+1.
      expect(documents.map((d) => d.secuencial)).toEqual(documents.map((_, i) => i + 1));
      const next = db
        .prepare("SELECT next_secuencial AS n FROM sequence WHERE cod_doc = '01'")
        .get() as { n: number };
      expect(next.n).toBe(documents.length + 1);

      // Everything reached AUTHORIZED, and the SRI authorized each clave exactly once.
      expect(documents.filter((d) => d.status !== 'AUTHORIZED')).toEqual([]);
      for (const d of documents) expect(simulator.authorizationCount(d.clave)).toBe(1);
      expect(simulator.authorizationLog().length).toBe(documents.length);
    } finally {
      db.close();
    }
  }, 600_000);
});
