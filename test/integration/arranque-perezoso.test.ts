/**
 * `mostrador serve` prints its URL without parsing what only some actions need: the PDF stack
 * (pdfkit, fontkit, bwip-js: the RIDE, the reports' PDF), exceljs (the reports' XLSX) and
 * nodemailer (the buyer's e-mail) load on first use (src/main/print/lazyDeps.ts). A static import
 * anywhere in serve's module graph brings ~100 ms back to every start unnoticed, as the reports'
 * export did (bench arranque: serve → URL 202 ms with them lazy, 420 ms without).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../..');
const PEREZOSOS = ['pdfkit', 'fontkit', 'bwip-js', 'exceljs', 'nodemailer'];

/** Packages loaded by importing `modulo` (the built output), CommonJS and ESM alike. */
const cargadosAlImportar = (modulo: string): string[] =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [resolve(repoRoot, 'test/fixtures/paquetesCargados.mjs'), resolve(repoRoot, modulo)],
      { cwd: repoRoot, encoding: 'utf8' },
    ),
  ) as string[];

describe('arranque perezoso', () => {
  it('importar serve no carga la pila PDF, exceljs ni nodemailer', () => {
    const cargados = cargadosAlImportar('out/cli/commands/serve.js');
    // the check sees what is loaded: better-sqlite3 is needed at start
    expect(cargados).toContain('better-sqlite3');
    expect(cargados.filter((p) => PEREZOSOS.includes(p))).toEqual([]);
  });
});
