import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { demoProductInputs } from '../../src/main/demo';

export const repoRoot = resolve(import.meta.dirname, '../..');
/** Screenshots and other artefacts a person can look at after a run. */
export const resultsDir = join(repoRoot, 'test-results');

const URL_LINE = /^Mostrador: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export type HostProcess = {
  /** What `mostrador serve` printed: `http://127.0.0.1:PORT/?token=…`. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Everything the process wrote, for the message of a failing test. */
  output: () => string;
  stop: () => Promise<void>;
  /** SIGKILL, like a power cut: no shutdown code runs. Leaves the data folder. */
  kill: () => Promise<void>;
};

const waitForExit = (child: ChildProcess, ms: number): Promise<boolean> =>
  new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      done(true);
      return;
    }
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });

/**
 * Starts `node bin/mostrador.mjs serve --demo --port 0` on a fresh data folder and waits for
 * the URL line. The e2e global setup builds out/cli; the renderer must already be in `out/renderer`.
 */
export const startHost = async (
  options: {
    /** Reuse this data folder (a restart) and leave it in place on `stop`. */
    dataDir?: string;
    /** `false`: a fresh store without the demo seed (first-run welcome). */
    demo?: boolean;
    /** The host's environment (e.g. a fake CUPS first on PATH); the test's own by default. */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<HostProcess> => {
  if (!existsSync(join(repoRoot, 'out/renderer/index.html'))) {
    throw new Error(
      'Falta el renderer construido. Ejecute antes: npx vite build --config vite.renderer.config.ts',
    );
  }
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'mostrador-e2e-')));
  const child = spawn(
    process.execPath,
    [
      'bin/mostrador.mjs',
      'serve',
      ...(options.demo === false ? [] : ['--demo']),
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...(options.env ?? process.env) } },
  );
  const lines: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => lines.push(chunk));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
      }
    }
    if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
  };

  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`«mostrador serve» no imprimió su URL a tiempo:\n${lines.join('')}`)),
      START_TIMEOUT_MS,
    );
    const reader = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    reader.on('line', (line) => {
      lines.push(`${line}\n`);
      const match = URL_LINE.exec(line.trim());
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(
        new Error(
          `«mostrador serve» terminó antes de tiempo (${code ?? signal}):\n${lines.join('')}`,
        ),
      );
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    output: () => lines.join(''),
    stop,
    kill: async () => {
      child.kill('SIGKILL');
      await waitForExit(child, STOP_TIMEOUT_MS);
    },
  };
};

/** Debian's Chromium, headless, with the background chatter that could add noise turned off. */
/**
 * The one polling loop of the E2E tests: calls `probar` every `cadaMs` until it returns a value
 * other than `undefined` and returns it, or fails with `describir()` after `timeoutMs`.
 * (Playwright's own `waitForFunction` compiles its predicate with eval, which the page's CSP
 * rightly refuses; the host's state is read through the API.)
 * @example await esperarQue(async () => ((await api('documentos.obtener', { id })).estado === 'autorizado' ? true : undefined), () => 'sigue pendiente')
 */
export const esperarQue = async <T>(
  probar: () => Promise<T | undefined>,
  describir: () => string,
  { timeoutMs = 15_000, cadaMs = 50 }: { timeoutMs?: number; cadaMs?: number } = {},
): Promise<T> => {
  const fin = Date.now() + timeoutMs;
  for (;;) {
    const valor = await probar();
    if (valor !== undefined) return valor;
    if (Date.now() > fin) throw new Error(describir());
    await new Promise((resolve) => setTimeout(resolve, cadaMs));
  }
};

/** Waits until a JavaScript expression is truthy in the page. */
export const esperarEnPagina = async (
  page: Page,
  expresion: string,
  timeoutMs = 15_000,
): Promise<void> => {
  await esperarQue(
    async () => ((await page.evaluate<boolean>(`Boolean(${expresion})`)) ? true : undefined),
    () => `No se cumplió a tiempo: ${expresion}`,
    { timeoutMs, cadaMs: 25 },
  );
};

/** Waits until the (first) element of `locator` shows `texto`; returns its whole text. */
export const esperarTexto = async (
  locator: Locator,
  texto: string,
  timeoutMs = 15_000,
): Promise<string> => {
  let actual = '';
  return esperarQue(
    async () => {
      actual = (await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '') : '';
      return actual.includes(texto) ? actual : undefined;
    },
    () => `Se esperaba «${texto}», se ve «${actual}»`,
    { timeoutMs },
  );
};

/** Waits until the host reports document `id` in `estado` (documentos.obtener). */
export const esperarEstadoDocumento = async (
  host: HostProcess,
  id: string,
  estado: string,
  timeoutMs = 20_000,
): Promise<void> => {
  let actual = '';
  await esperarQue(
    async () => {
      actual = (await callHost<{ estado: string }>(host, 'documentos.obtener', { id })).estado;
      return actual === estado ? true : undefined;
    },
    () => `${id} sigue en ${actual}, no en ${estado}`,
    { timeoutMs, cadaMs: 100 },
  );
};

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      // The sandbox cannot start as root (CI containers); elsewhere it stays on.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

export type WatchedPage = {
  page: Page;
  /** `console.error` messages and failed loads, with where they came from. */
  consoleErrors: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  close: () => Promise<void>;
};

/** A new page in its own context (own session storage) that records every error. */
export const openWatchedPage = async (browser: Browser): Promise<WatchedPage> => {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'es-EC',
    timezoneId: 'America/Guayaquil',
    // No transitions: screenshots and axe's contrast checks never catch a colour mid-fade.
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    consoleErrors.push(`${message.text()}${url === '' ? '' : ` (${url}:${lineNumber})`}`);
  });
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  return { page, consoleErrors, pageErrors, close: () => context.close() };
};

/** Saves a full-page screenshot as `test-results/<name>.png` and returns its path. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  await mkdir(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
};

export type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
};

let axeSource: string | null = null;

/**
 * Runs axe-core in the page. The source goes in through `evaluate` rather than a script tag,
 * because the page's CSP rightly refuses inline scripts.
 */
export const runAxe = async (
  page: Page,
): Promise<{ violations: AxeViolation[]; rulesPassed: number }> => {
  axeSource ??= await readFile(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate<boolean>('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(axeSource);
  const json = await page.evaluate<string>(`
    window.axe
      .run(document, { resultTypes: ['violations'] })
      .then((r) => JSON.stringify({
        rulesPassed: r.passes.length,
        violations: r.violations.map((v) => ({
          id: v.id,
          impact: v.impact ?? null,
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(' ')),
        })),
      }))
  `);
  return JSON.parse(json) as { violations: AxeViolation[]; rulesPassed: number };
};

/** Only what an audit must block on. */
export const seriousOrCritical = (violations: readonly AxeViolation[]): AxeViolation[] =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/**
 * A contract call from the test itself, with the token the page uses; throws on `ok: false` so
 * a setup step that fails says why.
 */
export const callHost = async <T>(host: HostProcess, name: string, input: unknown): Promise<T> => {
  const response = await fetch(`${host.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as
    | { ok: true; value: T }
    | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error.message}`);
  return body.value;
};

/**
 * Opens a cash shift with `fondoCentavos` (none by default): selling needs one (issue 15), and
 * most E2E files are about what follows a sale.
 */
export const abrirTurno = (host: HostProcess, fondoCentavos = 0): Promise<unknown> =>
  callHost(host, 'caja.abrir', { fondoCentavos });

export type DemoApp = {
  host: HostProcess;
  browser: Browser;
  watched: WatchedPage;
  page: Page;
  close: () => Promise<void>;
};

/** `serve --demo`, Chromium and a watched page on the checkout: the usual start of an E2E file. */
export const openDemoApp = async (options: { env?: NodeJS.ProcessEnv } = {}): Promise<DemoApp> => {
  const host = await startHost(options);
  const browser = await launchChromium();
  const watched = await openWatchedPage(browser);
  await watched.page.goto(host.url);
  await watched.page.getByRole('heading', { level: 1, name: 'Cobro' }).waitFor();
  return {
    host,
    browser,
    watched,
    page: watched.page,
    close: async () => {
      await watched.close();
      await browser.close();
      await host.stop();
    },
  };
};

/** The barcode of a demo product, by the start of its description; throws if the seed lost it. */
export const eanDemo = (descripcion: string): string => {
  const p = demoProductInputs().find((x) => x.description.startsWith(descripcion));
  const codigo = p?.barcodes[0];
  if (codigo === undefined) throw new Error(`No hay «${descripcion}» en la tienda de demostración`);
  return codigo;
};

/** `$1,234.56` → 123456, `-$5.00` → -500: what the screen shows, back to integer cents. */
export const centavos = (texto: string | null): number => {
  const m = /(-?)\$([\d,]+)\.(\d\d)/.exec(texto ?? '');
  if (m === null) throw new Error(`No es un monto: ${texto}`);
  const valor = Number((m[2] ?? '').replaceAll(',', '')) * 100 + Number(m[3]);
  return m[1] === '-' ? -valor : valor;
};
