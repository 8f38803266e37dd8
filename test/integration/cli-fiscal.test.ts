/**
 * `mostrador xml` and `mostrador clave-acceso`: exit codes 0 / 2 and Spanish messages on
 * stderr. A few cases spawn the real `bin/mostrador.mjs` (the built out/cli, rebuilt by the
 * project's global setup when stale); the other cases run the same `main` in-process with an
 * injected CliIo.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli/main';
import { feriadoTurismoEnFecha } from '../../src/main/fiscal';
import { hoyEnEcuador } from '../../src/shared/periodos';
import { escribirEjemploDeHoy } from '../fixtures/ejemplosDeHoy';
import { facturaJsonEjemplo } from '../fixtures/fiscal';
import { EJEMPLOS_DIR } from '../fixtures/paths';

const repoRoot = resolve(import.meta.dirname, '../..');
const ejemplos = EJEMPLOS_DIR;
const dir = mkdtempSync(join(tmpdir(), 'mostrador-cli-fiscal-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Salida = { code: number; stdout: string; stderr: string };

const proceso = (args: string[]): Promise<Salida> =>
  new Promise((done) => {
    execFile(
      'node',
      ['bin/mostrador.mjs', ...args],
      { cwd: repoRoot, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ code, stdout, stderr });
      },
    );
  });

/** The same command in-process: same code path after argv, no process startup. */
const mostrador = async (args: string[], ahora?: Date): Promise<Salida> => {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (chunk) => {
      stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    },
    stderr: (text) => {
      stderr += text.endsWith('\n') ? text : `${text}\n`;
    },
    env: {},
    cwd: repoRoot,
    stopped: new Promise(() => {}),
    ...(ahora === undefined ? {} : { clock: { now: () => ahora } }),
  });
  return { code, stdout, stderr };
};

const documento = (nombre: string, cambiar: (doc: Record<string, unknown>) => void): string => {
  // Dated today: the example's own date leaves the SRI's emission window as time passes.
  const doc = { ...facturaJsonEjemplo(), issue_date: hoyEnEcuador(new Date()) };
  cambiar(doc);
  const archivo = join(dir, nombre);
  writeFileSync(archivo, JSON.stringify(doc));
  return archivo;
};

describe('mostrador xml', () => {
  it('escribe el XML sin firmar del ejemplo y sale con 0', async () => {
    // The golden file is the example on its own date: the day after it, for the date window.
    const r = await mostrador(
      ['xml', join(ejemplos, 'factura.json')],
      new Date('2026-11-21T15:00:00Z'),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      readFileSync(join(repoRoot, 'test/fixtures/fiscal/factura.golden.xml'), 'utf8'),
    );
  });

  it('el programa compilado escribe el XML del ejemplo fechado hoy y sale con 0', async () => {
    const r = await proceso(['xml', escribirEjemploDeHoy(dir, 'factura.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [a, m, d] = hoyEnEcuador(new Date()).split('-');
    expect(r.stdout).toContain(`<fechaEmision>${d}/${m}/${a}</fechaEmision>`);
  });

  it('sale con 2 y nombra el campo cuando los totales no cuadran', async () => {
    const archivo = documento('impuesto.json', (d) => {
      ((d.taxes as Record<string, unknown>[])[0] as Record<string, unknown>).tax_amount = '1.91';
    });
    const r = await proceso(['xml', archivo]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('taxes[0].tax_amount: se esperaba 1.90, se recibió 1.91.');
  });

  it('sale con 2 ante una cédula con dígito verificador incorrecto', async () => {
    const r = await mostrador([
      'xml',
      documento('cedula.json', (d) => {
        d.buyer_id = '0926687857';
      }),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('La cédula «0926687857» tiene un dígito verificador incorrecto');
  });

  it('sale con 2 ante consumidor final sobre USD 50', async () => {
    const archivo = documento('cf.json', (d) => {
      d.buyer_id_type = '07';
      d.buyer_id = '9999999999999';
      d.buyer_name = 'CONSUMIDOR FINAL';
      ((d.lines as Record<string, unknown>[])[0] as Record<string, unknown>).unit_price = '30.00';
    });
    const r = await mostrador(['xml', archivo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Una venta a consumidor final no puede superar USD 50.00');
  });

  it('sale con 2 ante un código de impuesto desconocido', async () => {
    const archivo = documento('iva.json', (d) => {
      ((d.lines as Record<string, unknown>[])[1] as Record<string, unknown>).tax_rate_code = '9';
    });
    const r = await mostrador(['xml', archivo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'lines[1].tax_rate_code: el código de porcentaje de IVA «9» no existe',
    );
  });

  it('sale con 2 ante IVA 8 % fuera de los feriados decretados, nombrando la regla', async () => {
    const alOcho = (nombre: string, fecha: string): string =>
      documento(nombre, (d) => {
        d.issue_date = fecha;
        const linea = (d.lines as Record<string, unknown>[])[0] as Record<string, unknown>;
        d.lines = [{ ...linea, tax_rate_code: '8' }];
        d.subtotal = '7.00';
        d.total_discount = '0.00';
        d.total_tax = '0.56';
        d.total = '7.56';
        d.taxes = [
          { tax_code: '2', tax_rate_code: '8', taxable_base: '7.00', rate: 8, tax_amount: '0.56' },
        ];
        d.payments = [{ payment_method_code: '01', total: '7.56' }];
      });
    // a recent day (inside the SRI's window) that no decree covers
    let dia = Date.now();
    while (feriadoTurismoEnFecha(hoyEnEcuador(new Date(dia))) !== null) dia -= 86_400_000;
    const fecha = hoyEnEcuador(new Date(dia));
    const fuera = await proceso(['xml', alOcho('iva8-fuera.json', fecha)]);
    expect(fuera.code).toBe(2);
    expect(fuera.stdout).toBe('');
    expect(fuera.stderr).toContain(
      'El IVA 8 % solo se aplica a servicios turísticos en los feriados decretados',
    );
    expect(fuera.stderr).toContain(`el ${fecha} no es ninguno de ellos`);
    // (a decreed day is accepted: documentInput.test.ts; here it would be past the 90-day window)
  });

  it('un RUC de comprador con mal dígito verificador advierte pero genera el XML', async () => {
    const archivo = documento('ruc.json', (d) => {
      d.buyer_id_type = '04';
      d.buyer_id = '1790026919001';
    });
    const r = await mostrador(['xml', archivo]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'Advertencia: El dígito verificador del RUC «1790026919001» no coincide',
    );
    expect(r.stdout).toContain('<identificacionComprador>1790026919001</identificacionComprador>');
  });

  it('sale con 2 si el archivo no existe o no es JSON', async () => {
    const noExiste = await mostrador(['xml', join(dir, 'no-existe.json')]);
    expect(noExiste.code).toBe(2);
    expect(noExiste.stderr).toContain('No existe el archivo');
    const roto = join(dir, 'roto.json');
    writeFileSync(roto, '{"environment": ');
    const r = await mostrador(['xml', roto]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no es JSON válido');
  });
});

describe('mostrador clave-acceso', () => {
  it('--validar muestra las partes de una clave válida', async () => {
    const r = await mostrador([
      'clave-acceso',
      '--validar',
      '1811202301179001691900120721260002540020711013510',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('RUC emisor:         1790016919001');
    expect(r.stdout).toContain('fecha de emisión:   2023-11-18');
  });

  it('--validar sale con 2 y explica un dígito verificador incorrecto', async () => {
    const r = await proceso([
      'clave-acceso',
      '--validar',
      '1804202401123456789000110010010000000051234567816',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('el dígito verificador es 6 y debería ser 2');
  });

  it('construye la clave desde sus partes', async () => {
    const r = await mostrador([
      'clave-acceso',
      '--fecha',
      '2023-11-18',
      '--tipo',
      '01',
      '--ruc',
      '1790016919001',
      '--ambiente',
      '2',
      '--estab',
      '072',
      '--pto',
      '126',
      '--secuencial',
      '254002',
      '--codigo',
      '07110135',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('1811202301179001691900120721260002540020711013510\n');
  });

  it('sale con 2 si falta una parte o una parte es inválida', async () => {
    const falta = await mostrador([
      'clave-acceso',
      '--estab',
      '001',
      '--pto',
      '001',
      '--secuencial',
      '1',
    ]);
    expect(falta.code).toBe(2);
    expect(falta.stderr).toContain('Falta --ruc.');
    const mala = await mostrador([
      'clave-acceso',
      '--ruc',
      '1790016919001',
      '--estab',
      '001',
      '--pto',
      '001',
      '--secuencial',
      '1',
      '--ambiente',
      '3',
    ]);
    expect(mala.code).toBe(2);
    expect(mala.stderr).toContain('el ambiente «3» debe ser 1 (pruebas) o 2 (producción).');
  });
});
