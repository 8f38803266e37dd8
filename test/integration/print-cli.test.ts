import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/io';
import { main } from '../../src/main/cli/main';
import { startFakePrinter } from '../fakes/printer';

const repoRoot = resolve(__dirname, '../..');
const facturaXml = resolve(repoRoot, 'test/fixtures/print/factura-nanez.xml');
const dir = mkdtempSync(join(tmpdir(), 'print-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = async (args: string[]): Promise<{ code: number; stderr: string }> => {
  let stderr = '';
  const io: CliIo = {
    stdout: () => {},
    stderr: (text) => {
      stderr += `${text}\n`;
    },
    env: {},
    cwd: dir,
    stopped: new Promise(() => {}),
  };
  const code = await main(args, io);
  return { code, stderr };
};

describe('mostrador ride', () => {
  it('escribe el PDF A4 y el de 80 mm', async () => {
    for (const formato of ['a4', '80mm']) {
      const out = join(dir, `ride-${formato}.pdf`);
      expect(await run(['ride', facturaXml, '--formato', formato, '-o', out])).toEqual({
        code: 0,
        stderr: '',
      });
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('XML ilegible: sale con 2, mensaje en español y ningún archivo', async () => {
    const bad = join(dir, 'roto.xml');
    writeFileSync(bad, '<factura><infoTributaria>');
    const out = join(dir, 'roto.pdf');
    const result = await run(['ride', bad, '--formato', '80mm', '-o', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/El XML no se puede leer/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('faltan campos obligatorios: sale con 2 y nombra el campo', async () => {
    const sinClave = join(dir, 'sin-clave.xml');
    writeFileSync(
      sinClave,
      readFileSync(facturaXml, 'utf8').replace(/<claveAcceso>.*<\/claveAcceso>/, ''),
    );
    const out = join(dir, 'sin-clave.pdf');
    const result = await run(['ride', sinClave, '--formato', 'a4', '-o', out]);
    expect(result).toEqual({
      code: 2,
      stderr: `${sinClave}: Falta el campo obligatorio «infoTributaria/claveAcceso».\n`,
    });
    expect(existsSync(out)).toBe(false);
  });

  it('rechaza un formato desconocido o un logo que no es imagen', async () => {
    expect((await run(['ride', facturaXml, '--formato', 'a5', '-o', 'x.pdf'])).code).toBe(2);
    const logo = join(dir, 'logo.png');
    writeFileSync(logo, 'no soy una imagen');
    const result = await run(['ride', facturaXml, '--logo', logo, '-o', join(dir, 'l.pdf')]);
    expect(result).toEqual({ code: 2, stderr: 'El logo debe ser una imagen PNG o JPEG.\n' });
  });

  it('como proceso real: XML ilegible sale con código 2', async () => {
    const bad = join(dir, 'roto-proceso.xml');
    writeFileSync(bad, 'esto no es XML');
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done) => {
      execFile(
        process.execPath,
        [
          resolve(repoRoot, 'bin/mostrador.mjs'),
          'ride',
          bad,
          '--formato',
          '80mm',
          '-o',
          join(dir, 'p.pdf'),
        ],
        (error, _stdout, stderrText) =>
          done({ code: error === null ? 0 : (error.code as number), stderr: stderrText }),
      );
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/XML/);
    expect(existsSync(join(dir, 'p.pdf'))).toBe(false);
  });
});

describe('mostrador escpos', () => {
  it('escribe exactamente los bytes del archivo dorado del perfil', async () => {
    const out = join(dir, 'recibo.bin');
    expect((await run(['escpos', facturaXml, '--perfil', 'tm-t20iii', '-o', out])).code).toBe(0);
    const golden = readFileSync(
      resolve(repoRoot, 'test/fixtures/print/escpos/factura-nanez.tm-t20iii.bin'),
    );
    expect(readFileSync(out).equals(golden)).toBe(true);
  });

  it('envía el recibo a la impresora por TCP, o sale con 1 si no responde', async () => {
    const printer = await startFakePrinter();
    try {
      const target = `${printer.host}:${printer.port}`;
      expect(
        await run(['escpos', facturaXml, '--perfil', 'generico-58', '--impresora', target]),
      ).toEqual({
        code: 0,
        stderr: '',
      });
      expect(printer.jobs).toHaveLength(1);
      await printer.stop();
      const down = await run(['escpos', facturaXml, '--impresora', target]);
      expect(down.code).toBe(1);
      expect(down.stderr).toContain(`La impresora no responde en ${target}.`);
    } finally {
      await printer.close();
    }
  });

  it('perfil desconocido o XML ilegible: sale con 2 sin escribir nada', async () => {
    expect((await run(['escpos', facturaXml, '--perfil', 'tm-u220', '-o', 'x.bin'])).code).toBe(2);
    const bad = join(dir, 'malo.xml');
    writeFileSync(bad, '<notaCredito/>');
    const out = join(dir, 'malo.bin');
    const result = await run(['escpos', bad, '-o', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Falta el campo obligatorio/);
    expect(existsSync(out)).toBe(false);
  });
});
