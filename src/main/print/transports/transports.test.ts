import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakePrinter, startFakePrinter } from '../../../../test/fakes/printer';
import { encodeText } from '../escpos/codepage';
import { deliver, printerFromRow, printTestPage } from '../printer';
import { desempaquetado, printPdf, type Runner, sumatraIncluido } from './spooler';
import { sendTcp } from './tcp';

let printer: FakePrinter;
beforeAll(async () => {
  printer = await startFakePrinter();
});
afterAll(() => printer.close());
afterEach(async () => {
  printer.setOutOfPaper(false);
  await printer.start().catch(() => {});
});

const fast = { connectTimeoutMs: 500, writeTimeoutMs: 1000, closeGraceMs: 500 };

describe('TCP 9100', () => {
  it('entrega los bytes exactos a la impresora', async () => {
    const before = printer.jobs.length;
    const bytes = Uint8Array.from([0x1b, 0x40, 0xa4, 0x0a, 0x1d, 0x56, 66, 0]);
    expect(await sendTcp({ host: printer.host, port: printer.port }, bytes, fast)).toEqual({
      ok: true,
      value: undefined,
    });
    const jobs = await printer.waitForJobs(before + 1);
    expect(Array.from(jobs[before] ?? [])).toEqual(Array.from(bytes));
  });

  it('con la impresora apagada dice en español dónde no responde', async () => {
    await printer.stop();
    const result = await sendTcp(
      { host: printer.host, port: printer.port },
      Uint8Array.from([1]),
      fast,
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'impresora_no_responde',
        message: `La impresora no responde en 127.0.0.1:${printer.port}. Revise que esté encendida y conectada.`,
      },
    });
  });

  it('sin papel (conexión aceptada y cortada) falla sin dejar un trabajo', async () => {
    printer.setOutOfPaper(true);
    const before = printer.jobs.length;
    const result = await sendTcp(
      { host: printer.host, port: printer.port },
      new Uint8Array(64 * 1024),
      fast,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/papel/);
    expect(printer.jobs.length).toBe(before);
  });

  it('la página de prueba sale con eñes y tildes en la página de códigos del modelo', async () => {
    const config = printerFromRow({
      name: 'Caja 1',
      kind: 'escpos_tcp',
      host: printer.host,
      port: printer.port,
      queueName: null,
      profile: 'tm-t20iii',
      paper: '80mm',
      openDrawer: true,
    });
    if (!config.ok) throw new Error(config.error.message);
    const before = printer.jobs.length;
    expect(
      (await printTestPage(config.value, new Date('2025-03-15T15:00:00Z'), { tcp: fast })).ok,
    ).toBe(true);
    const job = Buffer.from((await printer.waitForJobs(before + 1))[before] ?? []);
    expect(
      job.includes(Buffer.from(encodeText('Español: ñ Ñ á é í ó ú Á É Í Ó Ú ü Ü ¿ ¡', 'PC858'))),
    ).toBe(true);
    expect(job.includes(Buffer.from(encodeText('Fecha: 2025-03-15 10:00:00', 'PC858')))).toBe(true);
  });
});

describe('cola del sistema (PDF)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const script = (name: string, body: string): string => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };

  it('llama a lp -d COLA con el PDF', async () => {
    const log = join(dir, 'args.txt');
    const lp = script('lp-ok', `echo "$1 $2" > ${log}; cp "$3" ${join(dir, 'copia.pdf')}`);
    const pdf = new TextEncoder().encode('%PDF-1.3 prueba');
    expect(await printPdf(pdf, 'EPSON_TM', { lpCommand: lp, platform: 'linux' })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(readFileSync(log, 'utf8').trim()).toBe('-d EPSON_TM');
    expect(readFileSync(join(dir, 'copia.pdf'), 'utf8')).toBe('%PDF-1.3 prueba');
  });

  it('transmite el error de CUPS en español', async () => {
    const lp = script('lp-falla', 'echo "lp: The printer or class does not exist." >&2; exit 1');
    const result = await printPdf(new Uint8Array(1), 'NOEXISTE', {
      lpCommand: lp,
      platform: 'linux',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'spooler_error',
        message: 'CUPS no pudo imprimir en «NOEXISTE»: lp: The printer or class does not exist.',
      },
    });
  });

  it('sin lp lo dice en vez de fingir que imprimió', async () => {
    const sinLp = await printPdf(new Uint8Array(1), 'X', {
      lpCommand: join(dir, 'no-existe'),
      platform: 'linux',
    });
    expect(sinLp).toMatchObject({ ok: false, error: { code: 'spooler_no_disponible' } });
  });

  it('en Windows imprime con el SumatraPDF que trae pdf-to-printer, sin instalar nada', async () => {
    const llamadas: { command: string; args: string[]; pdf: string }[] = [];
    const run: Runner = async (command, args) => {
      // The file must exist while the program runs; it is removed afterwards.
      llamadas.push({ command, args, pdf: readFileSync(args.at(-1) ?? '', 'utf8') });
      return { error: null, stderr: '' };
    };
    const pdf = new TextEncoder().encode('%PDF-1.3 ride');
    expect(await printPdf(pdf, 'POS-80 (USB)', { platform: 'win32', env: {}, run })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(llamadas).toHaveLength(1);
    const [llamada] = llamadas;
    expect(llamada?.command).toBe(sumatraIncluido());
    expect(llamada?.command).toMatch(/pdf-to-printer[\\/]dist[\\/]SumatraPDF-[\d.]+-32\.exe$/);
    expect(llamada?.args.slice(0, -1)).toEqual([
      '-print-to',
      'POS-80 (USB)',
      '-silent',
      '-print-settings',
      'shrink',
    ]);
    expect(llamada?.pdf).toBe('%PDF-1.3 ride');
    expect(existsSync(llamada?.args.at(-1) ?? '')).toBe(false);
  });

  it('un RIDE de 80 mm va sin escalar, y un error de SumatraPDF se dice', async () => {
    const llamadas: string[][] = [];
    const run: Runner = async (_command, args) => {
      llamadas.push(args);
      return {
        error: Object.assign(new Error('exit 1'), { code: 1 }),
        stderr: 'printer not found',
      };
    };
    const config = printerFromRow({
      name: 'Rollo',
      kind: 'pdf_spooler',
      host: null,
      port: null,
      queueName: 'Rollo80',
      profile: 'tm-t20iii',
      paper: '80mm',
      openDrawer: false,
    });
    if (!config.ok) throw new Error(config.error.message);
    const r = await deliver(config.value, new Uint8Array(4), {
      spooler: { platform: 'win32', env: {}, run },
    });
    expect(llamadas[0]?.slice(3, 5)).toEqual(['-print-settings', 'noscale']);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'spooler_error',
        message: 'Windows no pudo imprimir en «Rollo80»: printer not found',
      },
    });
  });

  it('dentro del paquete, el programa se ejecuta desde app.asar.unpacked', () => {
    expect(
      desempaquetado(
        'C:\\Mostrador\\resources\\app.asar\\node_modules\\pdf-to-printer\\dist\\S.exe',
      ),
    ).toBe(
      'C:\\Mostrador\\resources\\app.asar.unpacked\\node_modules\\pdf-to-printer\\dist\\S.exe',
    );
    expect(desempaquetado('/opt/m/resources/app.asar/node_modules/x.exe')).toBe(
      '/opt/m/resources/app.asar.unpacked/node_modules/x.exe',
    );
    expect(desempaquetado('/home/a/mostrador/node_modules/x.exe')).toBe(
      '/home/a/mostrador/node_modules/x.exe',
    );
  });

  it('rechaza nombres de cola que lp tomaría por opciones', async () => {
    expect(await printPdf(new Uint8Array(1), '-o evil')).toMatchObject({
      ok: false,
      error: { code: 'impresora_cola' },
    });
  });
});
