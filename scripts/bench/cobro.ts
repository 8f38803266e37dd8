// `npm run bench -- cobro [--productos N] [--ventas N] [--lineas N]`: the checkout screen in
// Debian's Chromium against `mostrador serve --demo` with N extra products (default 20,000).
// Scanner-style typing of random catalogue EANs; each sale is charged with F12 (exact cash).
// Figures are measured inside the page, from the Enter/F12 keydown to the DOM showing the
// result and the next animation frame:
//   scan → line visible       target p95 ≤ 50 ms
//   Cobrar → print job queued  target p95 ≤ 300 ms (the print job commits with the sale; the
//                              screen shows the sale only after that commit)
// Baseline in the same run: the same scans against the 51-product demo catalogue alone.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { createIdGenerator, openDatabase } from '../../src/main/db';
import {
  demoProductInputs,
  seedDemoStore,
  seedProducts,
  withEan13CheckDigit,
} from '../../src/main/demo';
import { silentLogger, systemClock } from '../../src/main/log';
import { esperarEnPagina, launchChromium, openWatchedPage } from '../../test/e2e/harness';
import { line, summarize } from './_percentiles';

const repoRoot = resolve(import.meta.dirname, '../..');

const option = (args: string[], name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};

/** Seeds the demo store plus `productos` generated products before the host opens it. */
const prepareDataDir = async (productos: number): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-cobro-'));
  const opened = openDatabase(join(dir, 'mostrador.sqlite'), {
    logger: silentLogger,
    clock: systemClock,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const seeded = await seedDemoStore(opened.value, {
    clock: systemClock,
    ids: createIdGenerator(systemClock),
  });
  if (!seeded.ok) throw new Error(seeded.error.message);
  if (productos > 0) seedProducts(opened.value, productos);
  opened.value.close();
  return dir;
};

const serve = (dataDir: string): Promise<{ url: string; child: ChildProcess }> =>
  new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['bin/mostrador.mjs', 'serve', '--demo', '--port', '0', '--data-dir', dataDir],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const timer = setTimeout(() => fail(new Error('«mostrador serve» no imprimió su URL')), 30_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
      const match = /^Mostrador: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/.exec(text.trim());
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        done({ url: match[1], child });
      }
    });
    child.once('exit', (code) => fail(new Error(`«mostrador serve» terminó (${code})`)));
  });

/**
 * Installed in the page: the time of the last Enter in the scan field and of the last F12, and
 * the time the cart or the «última venta» card changed after them (plus one frame).
 */
const INSTRUMENT = `(() => {
  const w = window;
  w.__bench = { scans: [], cobros: [], tScan: null, tCobro: null };
  window.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target?.id === 'campo-escaneo') w.__bench.tScan = performance.now();
    if (e.key === 'F12') w.__bench.tCobro = performance.now();
  }, { capture: true });
  const firma = () => {
    const filas = document.querySelectorAll('[data-testid="linea"]');
    let s = String(filas.length);
    for (const f of filas) s += '|' + (f.querySelector('[data-testid="linea-cantidad"]')?.textContent ?? '');
    return s;
  };
  let ultimaFirma = firma();
  let ultimoNumero = document.querySelector('[data-testid="ultima-numero"]')?.textContent ?? '';
  new MutationObserver(() => {
    const b = w.__bench;
    const numero = document.querySelector('[data-testid="ultima-numero"]')?.textContent ?? '';
    if (b.tCobro !== null && numero !== ultimoNumero) {
      const t0 = b.tCobro; b.tCobro = null;
      requestAnimationFrame(() => b.cobros.push(performance.now() - t0));
    }
    ultimoNumero = numero;
    const f = firma();
    if (b.tScan !== null && f !== ultimaFirma && f !== '0') {
      const t0 = b.tScan; b.tScan = null;
      requestAnimationFrame(() => b.scans.push(performance.now() - t0));
    }
    ultimaFirma = f;
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

const waitFor = (page: Page, expression: string, timeoutMs = 10_000): Promise<void> =>
  esperarEnPagina(page, expression, timeoutMs);

type Medidas = { scans: number[]; cobros: number[]; printJobs: number };

const medir = async (
  productos: number,
  barcodes: (i: number) => string,
  ventas: number,
  lineas: number,
): Promise<Medidas> => {
  const dataDir = await prepareDataDir(productos);
  const { url, child } = await serve(dataDir);
  // Selling needs an open cash shift (docs/security.md): open it as the E2E files do.
  const direccion = new URL(url);
  const abierto = await fetch(`${direccion.origin}/api/call/caja.abrir`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${direccion.searchParams.get('token') ?? ''}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ fondoCentavos: 0 }),
  });
  const turno = (await abierto.json()) as { ok: boolean; error?: { message: string } };
  if (!turno.ok) throw new Error(`caja.abrir: ${turno.error?.message ?? abierto.status}`);
  const browser = await launchChromium();
  try {
    const watched = await openWatchedPage(browser);
    const page = watched.page;
    await page.goto(url);
    await waitFor(page, `document.activeElement?.id === 'campo-escaneo'`);
    await page.evaluate(INSTRUMENT);
    let n = 0;
    for (let v = 0; v < ventas; v++) {
      for (let l = 0; l < lineas; l++) {
        const antes = await page.evaluate<number>('window.__bench.scans.length');
        await page.keyboard.type(barcodes(n++));
        await page.keyboard.press('Enter');
        await waitFor(page, `window.__bench.scans.length > ${antes}`);
      }
      // Totals answered: the cashier does not press F12 before seeing them.
      await waitFor(
        page,
        `document.querySelector('[data-testid="totales"]')?.getAttribute('aria-busy') === 'false'`,
      );
      const antes = await page.evaluate<number>('window.__bench.cobros.length');
      await page.keyboard.press('F12');
      await waitFor(page, `window.__bench.cobros.length > ${antes}`);
      await waitFor(page, `document.querySelector('[data-testid="carrito-vacio"]') !== null`);
    }
    const result = await page.evaluate<{ scans: number[]; cobros: number[] }>(
      '({ scans: window.__bench.scans, cobros: window.__bench.cobros })',
    );
    if (watched.pageErrors.length > 0) throw new Error(watched.pageErrors.join('\n'));
    const sqlite = new Database(join(dataDir, 'mostrador.sqlite'), { readonly: true });
    const printJobs = (
      sqlite.prepare("SELECT count(*) AS n FROM print_job WHERE kind = 'ride'").get() as {
        n: number;
      }
    ).n;
    sqlite.close();
    return { ...result, printJobs };
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
};

export const run = async (args: string[]): Promise<void> => {
  const productos = option(args, 'productos', 20_000);
  const ventas = option(args, 'ventas', 40);
  const lineas = option(args, 'lineas', 5);
  // Random products of the big catalogue (codes 7869…), each scan a different one.
  const azar = (i: number): string =>
    withEan13CheckDigit(
      `7869${String(((i * 7_919 + 13) % Math.max(productos, 1)) + 1).padStart(8, '0')}`,
    );
  const demo = demoProductInputs()
    .filter((p) => !p.isWeighed)
    .map((p) => p.barcodes[0] ?? '');
  const deDemo = (i: number): string => demo[i % demo.length] ?? '';

  console.log(
    `Cobro en Chromium contra serve --demo: ${ventas} ventas de ${lineas} líneas (escaneo + Enter, F12).`,
  );
  const base = await medir(0, deDemo, ventas, lineas);
  const grande = await medir(productos, azar, ventas, lineas);
  const scanBase = summarize(base.scans);
  const scan = summarize(grande.scans);
  const cobro = summarize(grande.cobros);
  console.log(line('escaneo → línea visible (51 productos)', scanBase));
  console.log(line(`escaneo → línea visible (${productos + 51} productos)`, scan));
  console.log(line('Cobrar → impresión en cola (51 productos)', summarize(base.cobros)));
  console.log(line(`Cobrar → impresión en cola (${productos + 51} productos)`, cobro));
  console.log(
    `trabajos de impresión en cola: ${grande.printJobs} de ${ventas} ventas · objetivos p95: escaneo ≤ 50 ms (${scan.p95 <= 50 ? 'cumple' : 'NO cumple'}), Cobrar ≤ 300 ms (${cobro.p95 <= 300 ? 'cumple' : 'NO cumple'})`,
  );
};
