/**
 * The authorized documents archive (issue 11 §4): sales emitted on several days, authorized by
 * the in-process SRI simulator, exported for a range by `mostrador exportar` and by the
 * function behind Conciliación. Every authorized document of the range is in the ZIP exactly
 * once, nothing else is, and every XML verifies with xmlsec1 against the test CA.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportarArchivo } from '../../src/main/archivo';
import { main } from '../../src/main/cli/main';
import { createTempDir } from '../../src/main/db/testing';
import { fechaEcuador } from '../../src/main/fiscal/claveAcceso';
import { silentLogger } from '../../src/main/log';
import { type DemoApp, sell, startDemoApp, waitForAuthorized } from './release-app';

const DAY = 86_400_000;
let offset = -6 * DAY;
const clock = { now: () => new Date(Date.now() + offset) };

let tmp: { dir: string; cleanup: () => void };
let demo: DemoApp;
const dataDir = () => path.join(tmp.dir, 'datos');
/** clave de acceso → fecha de emisión of every AUTHORIZED document. */
const authorized = new Map<string, string>();
let pendingClave = '';
const days: string[] = [];

const xmlsecVerify = (file: string, root: string, caPem: string) => {
  const ca = path.join(tmp.dir, 'ca.pem');
  writeFileSync(ca, caPem);
  const result = spawnSync(
    'xmlsec1',
    [
      '--verify',
      '--enabled-key-data',
      'x509',
      '--id-attr:id',
      root,
      '--id-attr:Id',
      'http://uri.etsi.org/01903/v1.3.2#:SignedProperties',
      '--id-attr:Id',
      'http://www.w3.org/2000/09/xmldsig#:KeyInfo',
      '--trusted-pem',
      ca,
      file,
    ],
    { encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

const unzip = (zip: string): string => {
  const out = path.join(tmp.dir, `x-${path.basename(zip, '.zip')}`);
  mkdirSync(out);
  const result = spawnSync('unzip', ['-q', zip, '-d', out], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return out;
};

const cli = async (args: string[]) => {
  const errors: string[] = [];
  const code = await main(args, {
    stdout: () => {},
    stderr: (text) => errors.push(text),
    env: {},
    cwd: tmp.dir,
    stopped: new Promise(() => {}),
  });
  return { code, stderr: errors.join('\n') };
};

beforeAll(async () => {
  tmp = createTempDir('mostrador-archivo-');
  demo = await startDemoApp(dataDir(), { clock, certificateNow: new Date(Date.now() - 10 * DAY) });
  // Two sales six days ago, one four days ago, two today.
  for (const [daysAgo, count] of [
    [6, 2],
    [4, 1],
    [0, 2],
  ] as const) {
    offset = -daysAgo * DAY;
    days.push(fechaEcuador(clock.now()));
    for (let i = 0; i < count; i++) await sell(demo.app);
  }
  await waitForAuthorized(demo.app, 5);
  // One more today with the SRI down: SIGNED, not authorized, must stay out of the archive.
  await demo.app.call('simulador.configurar', { caido: true }, 'interno');
  await sell(demo.app);
  for (const row of demo.app.db.sqlite
    .prepare<[], { clave: string; fecha: string; status: string }>(
      'SELECT clave_acceso AS clave, fecha_emision AS fecha, status FROM document',
    )
    .all()) {
    if (row.status === 'AUTHORIZED') authorized.set(row.clave, row.fecha);
    else pendingClave = row.clave;
  }
  await demo.app.close();
}, 120_000);
afterAll(() => tmp.cleanup());

describe('archivo de comprobantes autorizados', () => {
  it('mostrador exportar guarda cada autorizado del rango una vez, con XML verificable y RIDE', async () => {
    expect(authorized.size).toBe(5);
    expect(pendingClave).toHaveLength(49);
    const zip = path.join(tmp.dir, 'todo.zip');
    const run = await cli([
      'exportar',
      '--desde',
      days[0] as string,
      '--hasta',
      days[2] as string,
      '-o',
      'todo.zip',
      '--data-dir',
      dataDir(),
    ]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).toContain('5 comprobante(s)');
    const out = unzip(zip);

    const claves = (folder: string, ext: string) =>
      readdirSync(path.join(out, folder))
        .map((name) => name.replace(ext, ''))
        .sort();
    const expected = [...authorized.keys()].sort();
    expect(claves('comprobantes', '.xml')).toEqual(expected);
    expect(claves('autorizaciones', '.xml')).toEqual(expected);
    expect(claves('ride', '.pdf')).toEqual(expected);

    const index = readFileSync(path.join(out, 'indice.csv'), 'utf8').replace(/^\uFEFF/, '');
    const lines = index.trim().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[3])
        .sort(),
    ).toEqual(expected);
    expect(index).not.toContain(pendingClave);

    for (const clave of expected) {
      const signed = path.join(out, 'comprobantes', `${clave}.xml`);
      const verified = xmlsecVerify(signed, 'factura', demo.certificate.caPem);
      expect(verified.status, verified.output).toBe(0);

      // The authorization carries the same comprobante in CDATA, and it verifies too.
      const wrapper = readFileSync(path.join(out, 'autorizaciones', `${clave}.xml`), 'utf8');
      expect(spawnSync('xmllint', ['--noout', '-'], { input: wrapper }).status).toBe(0);
      expect(wrapper).toContain('<estado>AUTORIZADO</estado>');
      expect(wrapper).toContain(`<numeroAutorizacion>${clave}</numeroAutorizacion>`);
      expect(wrapper).toContain('<ambiente>PRUEBAS</ambiente>');
      const inner =
        /<comprobante><!\[CDATA\[([\s\S]*)\]\]><\/comprobante>/.exec(wrapper)?.[1] ?? '';
      expect(inner).toBe(readFileSync(signed, 'utf8'));
      const innerFile = path.join(tmp.dir, `inner-${clave}.xml`);
      writeFileSync(innerFile, inner);
      expect(xmlsecVerify(innerFile, 'factura', demo.certificate.caPem).status).toBe(0);

      const pdf = path.join(out, 'ride', `${clave}.pdf`);
      const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(
        /\s/g,
        '',
      );
      expect(text).toContain(clave);
    }
  });

  it('el rango filtra por fecha de emisión, con ambos extremos incluidos', async () => {
    const opened = await import('../../src/main/db').then((db) =>
      db.openDatabase(path.join(dataDir(), 'mostrador.sqlite'), {
        logger: silentLogger,
        clock,
      }),
    );
    if (!opened.ok) throw new Error(opened.error.message);
    try {
      const file = path.join(tmp.dir, 'medio.zip');
      const result = await exportarArchivo(
        { sqlite: opened.value.sqlite, logger: silentLogger },
        { desde: days[0] as string, hasta: days[1] as string },
        file,
      );
      expect(result.ok && result.value.documentos).toBe(3);
      const out = unzip(file);
      const inRange = [...authorized].filter(([, fecha]) => fecha <= (days[1] as string));
      expect(readdirSync(path.join(out, 'comprobantes')).sort()).toEqual(
        inRange.map(([clave]) => `${clave}.xml`).sort(),
      );
    } finally {
      opened.value.close();
    }
  });

  it('sale con 2 y un mensaje en español ante fechas inválidas o un rango sin comprobantes', async () => {
    const bad = await cli([
      'exportar',
      '--desde',
      '2025-02-30',
      '--hasta',
      '2025-03-01',
      '-o',
      'x.zip',
      '--data-dir',
      dataDir(),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no es válida');
    const empty = await cli([
      'exportar',
      '--desde',
      '2001-01-01',
      '--hasta',
      '2001-01-31',
      '-o',
      'x.zip',
      '--data-dir',
      dataDir(),
    ]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('No hay comprobantes autorizados');
    expect(readdirSync(tmp.dir).filter((n) => n.startsWith('x.zip'))).toEqual([]);
  });
});
