import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expiredP12, modernP12, noSigningP12, type TestP12 } from '../../../test/fixtures/certs';
import { escribirEjemploDeHoy } from '../../../test/fixtures/ejemplosDeHoy';
import { SRI_SAMPLES_DIR } from '../../../test/fixtures/paths';
import { feriadoTurismoEnFecha } from '../fiscal';
import { hoyEcuador } from '../fiscal/ventanaEmision';
import { verifyComprobanteSignature } from '../signing';
import type { CliIo } from './io';
import { main } from './main';

const pruebaXml = join(SRI_SAMPLES_DIR, 'factura_V1.1.0_prueba_sin-firma.xml');
const dir = mkdtempSync(join(tmpdir(), 'mostrador-firmar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Dated today: the examples' own dates leave the SRI's emission window as time passes.
const facturaJson = escribirEjemploDeHoy(dir, 'factura.json');
const notaJson = escribirEjemploDeHoy(dir, 'nota-credito.json');

const writeP12 = (name: string, fixture: TestP12): string => {
  const file = join(dir, name);
  writeFileSync(file, fixture.p12);
  return file;
};

const run = async (args: string[], env: Record<string, string> = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (chunk) =>
      out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')),
    stderr: (text) => err.push(text),
    env,
    cwd: dir,
    stopped: new Promise(() => {}),
  };
  const code = await main(['firmar', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('\n') };
};

const modern = modernP12({ ruc: '1790016919001' });
const modernFile = writeP12('moderno.p12', modern);

describe('mostrador firmar', () => {
  it('firma un DOC.json a la salida estándar y avisa si el RUC del certificado es otro', async () => {
    const result = await run(['--p12', modernFile, '--password-env', 'CLAVE', facturaJson], {
      CLAVE: modern.password,
    });
    expect(result.code).toBe(0);
    expect(verifyComprobanteSignature(result.stdout).ok).toBe(true);
    expect(result.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(result.stderr).toMatch(
      /certificado es de RUC 1790016919001 y el emisor es 0992345675001/,
    );
  });

  it('firma varios documentos en un proceso y los nombra por su clave de acceso', async () => {
    const out = join(dir, 'firmados');
    const result = await run(
      [
        '--p12',
        modernFile,
        '--password-env',
        'CLAVE',
        facturaJson,
        notaJson,
        pruebaXml,
        '--out-dir',
        out,
      ],
      { CLAVE: modern.password },
    );
    expect(result.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(3);
    expect(files).toContain('1804202401123456789000110010010000000051234567816.xml');
    for (const file of files) {
      expect(file).toMatch(/^\d{49}\.xml$/);
      expect(verifyComprobanteSignature(readFileSync(join(out, file), 'utf8')).ok).toBe(true);
    }
  });

  it('sale con 2 si la contraseña es incorrecta', async () => {
    const result = await run(['--p12', modernFile, '--password-env', 'CLAVE', facturaJson], {
      CLAVE: 'mala',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/contraseña del certificado \(\.p12\) es incorrecta/);
  });

  it('sale con 2 si el p12 está dañado', async () => {
    const file = join(dir, 'roto.p12');
    writeFileSync(file, modern.p12.subarray(0, 500));
    const result = await run(['--p12', file, '--password-env', 'CLAVE', facturaJson], {
      CLAVE: modern.password,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/dañado/);
  });

  it('sale con 2 si el certificado caducó', async () => {
    const expired = expiredP12();
    const result = await run(
      ['--p12', writeP12('caducado.p12', expired), '--password-env', 'CLAVE', facturaJson],
      {
        CLAVE: expired.password,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/caducó el/);
  });

  it('sale con 2 si el p12 no tiene certificado de firma', async () => {
    const fixture = noSigningP12();
    const result = await run(
      ['--p12', writeP12('cifrado.p12', fixture), '--password-env', 'CLAVE', facturaJson],
      {
        CLAVE: fixture.password,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/certificado de firma digital/);
  });

  it('sale con 2 y nombra el archivo si la entrada no es válida', async () => {
    const broken = join(dir, 'roto.xml');
    writeFileSync(broken, '<factura id="comprobante"><a></factura>');
    const result = await run(['--p12', modernFile, '--password-env', 'CLAVE', broken], {
      CLAVE: modern.password,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('roto.xml');
    const missing = await run(
      ['--p12', modernFile, '--password-env', 'CLAVE', join(dir, 'no.json')],
      {
        CLAVE: modern.password,
      },
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No existe el archivo/);
  });

  it('sale con 2 si falta la variable con la contraseña', async () => {
    const result = await run(['--p12', modernFile, '--password-env', 'NO_DEFINIDA', facturaJson]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/NO_DEFINIDA no está definida/);
  });

  it('sale con 2 y nombra línea y elemento si el XML no está bien formado o no cumple el XSD', async () => {
    const base = readFileSync(pruebaXml, 'utf8');
    const casos: [string, string, RegExp][] = [
      [
        'cdata.xml',
        base.replace('<razonSocial>', '<razonSocial>A ]]> '),
        /línea \d+, elemento <razonSocial>.*\]\]>/,
      ],
      [
        'u0001.xml',
        base.replace('<razonSocial>', '<razonSocial>\u0001'),
        /elemento <razonSocial>.*U\+0001/,
      ],
      ['ufffe.xml', base.replace('<razonSocial>', '<razonSocial>\uFFFE'), /U\+FFFE/],
      ['nul.xml', base.replace('<razonSocial>', '<razonSocial>&#0;'), /&#0;/],
      ['ref-surrogate.xml', base.replace('<razonSocial>', '<razonSocial>&#xD800;'), /&#xD800;/],
      [
        'sin-comillas.xml',
        base.replace('id="comprobante"', 'id=comprobante'),
        /elemento <factura>.*comillas/,
      ],
      [
        'siete-decimales.xml',
        base.replace(/<cantidad>[^<]*/, '<cantidad>1.1234567'),
        /línea \d+, elemento <cantidad>.*factura_V1\.1\.0\.xsd/,
      ],
      [
        'tipo-id.xml',
        base.replace(/<tipoIdentificacionComprador>[^<]*/, '<tipoIdentificacionComprador>99'),
        /elemento <tipoIdentificacionComprador>/,
      ],
      [
        'orden.xml',
        base.replace(
          /(<nombreComercial>[^<]*<\/nombreComercial>)(\s*)(<ruc>[^<]*<\/ruc>)/,
          '$3$2$1',
        ),
        /elemento <nombreComercial>.*not expected/,
      ],
    ];
    for (const [name, xml, message] of casos) {
      expect(xml, name).not.toBe(base);
      const file = join(dir, name);
      writeFileSync(file, xml);
      const result = await run(['--p12', modernFile, '--password-env', 'CLAVE', file], {
        CLAVE: modern.password,
      });
      expect(result.code, name).toBe(2);
      expect(result.stdout, name).toBe('');
      expect(result.stderr, name).toMatch(message);
    }
  });

  it('sale con 2 si issue_date está fuera del plazo del SRI (futura o de hace más de 90 días)', async () => {
    const base = JSON.parse(readFileSync(facturaJson, 'utf8'));
    const hace100 = new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10);
    for (const [fecha, mensaje] of [
      ['2099-01-01', /issue_date: La fecha de emisión 01\/01\/2099 es posterior a hoy/],
      [hace100, /más de 90 días/],
    ] as const) {
      const file = join(dir, `fecha-${fecha}.json`);
      writeFileSync(file, JSON.stringify({ ...base, issue_date: fecha }));
      const result = await run(['--p12', modernFile, '--password-env', 'CLAVE', file], {
        CLAVE: modern.password,
      });
      expect(result.code, fecha).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(mensaje);
    }
  });

  it('sale con 2 ante IVA 8 % en un día sin decreto de feriado turístico, nombrando la regla', async () => {
    const base = JSON.parse(readFileSync(facturaJson, 'utf8'));
    // a recent day (inside the SRI's window) that no decree covers
    let dia = Date.now();
    while (feriadoTurismoEnFecha(hoyEcuador(new Date(dia))) !== null) dia -= 86_400_000;
    const fecha = hoyEcuador(new Date(dia));
    const file = join(dir, 'iva8.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...base,
        issue_date: fecha,
        lines: [{ ...base.lines[0], tax_rate_code: '8' }],
        subtotal: '7.00',
        total_discount: '0.00',
        total_tax: '0.56',
        total: '7.56',
        taxes: [
          { tax_code: '2', tax_rate_code: '8', taxable_base: '7.00', rate: 8, tax_amount: '0.56' },
        ],
        payments: [{ payment_method_code: '01', total: '7.56' }],
      }),
    );
    const result = await run(['--p12', modernFile, '--password-env', 'CLAVE', file], {
      CLAVE: modern.password,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `El IVA 8 % solo se aplica a servicios turísticos en los feriados decretados`,
    );
    expect(result.stderr).toContain(`el ${fecha} no es ninguno de ellos`);
  });

  it('sale con 2 si el archivo no es UTF-8 válido (un sustituto suelto ED A0 80)', async () => {
    const base = readFileSync(pruebaXml);
    const at = base.indexOf('<razonSocial>') + '<razonSocial>'.length;
    const file = join(dir, 'sustituto.xml');
    writeFileSync(
      file,
      Buffer.concat([base.subarray(0, at), Buffer.from([0xed, 0xa0, 0x80]), base.subarray(at)]),
    );
    const result = await run(['--p12', modernFile, '--password-env', 'CLAVE', file], {
      CLAVE: modern.password,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/línea 5: el archivo no es UTF-8 válido/);
  });
});
