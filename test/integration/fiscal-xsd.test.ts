/**
 * The XML we build validates against the official XSDs (xmllint), is already in C14N form
 * (xmllint --c14n gives back the same bytes), and the example factura is byte-stable against a
 * committed golden file. Hundreds of documents are property-generated and validated in a few
 * xmllint calls.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Borrador,
  calcularComprobante,
  comprobanteDesdeJson,
  construirXml,
  DECLARACION_XML,
  raizComprobante,
  validarClaveAcceso,
} from '../../src/main/fiscal';
import { facturaArb, notaCreditoArb } from '../fixtures/fiscal';
import { EJEMPLOS_DIR, SRI_SAMPLES_DIR, SRI_XSD_DIR } from '../fixtures/paths';

const repoRoot = resolve(import.meta.dirname, '../..');
const ejemplos = EJEMPLOS_DIR;
const xsd = (nombre: string) => join(SRI_XSD_DIR, nombre);
const dir = mkdtempSync(join(tmpdir(), 'mostrador-fiscal-xsd-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seed = Number(process.env.FISCAL_SEED ?? Date.now() % 2_147_483_647);

/** Validates many files in one xmllint call; returns the failing files' messages. */
const validar = (esquema: string, archivos: string[]): string => {
  const r = spawnSync('xmllint', ['--noout', '--schema', xsd(esquema), ...archivos], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const errores = r.stderr
    .split('\n')
    .filter(
      (l) =>
        l.trim() !== '' &&
        !l.endsWith(' validates') &&
        !/parser warning|Unsupported version|^<\?xml|^\s*\^$/.test(l),
    );
  return r.status === 0 ? '' : errores.slice(0, 20).join('\n') || r.stderr.slice(0, 2000);
};

const escribir = (nombre: string, contenido: string): string => {
  const archivo = join(dir, nombre);
  writeFileSync(archivo, contenido);
  return archivo;
};

const generar = (borradores: Borrador[], prefijo: string) =>
  borradores.map((b, i) => {
    const r = calcularComprobante(b);
    if (!r.ok) throw new Error(`semilla ${seed}, ${prefijo} ${i}: ${r.error.message}`);
    return {
      comprobante: r.value,
      archivo: escribir(`${prefijo}-${i}.xml`, construirXml(r.value)),
    };
  });

const desdeEjemplo = (nombre: string, version?: '2.1.0') => {
  const json: unknown = JSON.parse(readFileSync(join(ejemplos, nombre), 'utf8'));
  const r = comprobanteDesdeJson(json, version === undefined ? {} : { versionFactura: version });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe(`XML contra los XSD oficiales (semilla ${seed})`, () => {
  const facturas = generar(fc.sample(facturaArb, { numRuns: 400, seed }), 'factura');
  const notas = generar(fc.sample(notaCreditoArb, { numRuns: 200, seed: seed + 1 }), 'nc');

  it('cientos de facturas 1.1.0 generadas validan con factura_V1.1.0.xsd', () => {
    const archivos = facturas
      .filter((f) => f.comprobante.version === '1.1.0')
      .map((f) => f.archivo);
    archivos.push(escribir('ejemplo-factura.xml', construirXml(desdeEjemplo('factura.json'))));
    expect(archivos.length).toBeGreaterThan(150);
    expect(validar('factura_V1.1.0.xsd', archivos)).toBe('');
  });

  it('las facturas 2.1.0 generadas validan con factura_V2.1.0.xsd', () => {
    const archivos = facturas
      .filter((f) => f.comprobante.version === '2.1.0')
      .map((f) => f.archivo);
    archivos.push(
      escribir('ejemplo-factura-2.1.0.xml', construirXml(desdeEjemplo('factura.json', '2.1.0'))),
    );
    expect(archivos.length).toBeGreaterThan(150);
    expect(validar('factura_V2.1.0.xsd', archivos)).toBe('');
  });

  it('las notas de crédito generadas y la del ejemplo validan con NotaCredito_V1.1.0.xsd', () => {
    const archivos = notas.map((n) => n.archivo);
    archivos.push(escribir('ejemplo-nc.xml', construirXml(desdeEjemplo('nota-credito.json'))));
    expect(validar('NotaCredito_V1.1.0.xsd', archivos)).toBe('');
  });

  it('un documento inválido sí falla la validación (el test puede fallar)', () => {
    const roto = construirXml(desdeEjemplo('factura.json')).replace(
      '<importeTotal>16.09',
      '<importeTotal>16.091',
    );
    expect(validar('factura_V1.1.0.xsd', [escribir('roto.xml', roto)])).not.toBe('');
  });

  it('la raíz ya está en forma canónica: xmllint --c14n devuelve los mismos bytes', () => {
    const muestra = [...facturas.slice(0, 60), ...notas.slice(0, 40)];
    const salida = execFileSync('xmllint', ['--c14n', ...muestra.map((m) => m.archivo)], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const esperado = muestra.map((m) => raizComprobante(m.comprobante)).join('');
    expect(salida.toString('utf8') === esperado).toBe(true);
    for (const m of muestra) {
      expect(readFileSync(m.archivo, 'utf8').slice(DECLARACION_XML.length)).toBe(
        raizComprobante(m.comprobante),
      );
    }
  });
});

describe('archivos dorados', () => {
  it('el XML de examples/factura.json es idéntico byte a byte al archivo dorado', () => {
    const dorado = readFileSync(join(repoRoot, 'test/fixtures/fiscal/factura.golden.xml'));
    expect(Buffer.from(construirXml(desdeEjemplo('factura.json')), 'utf8').equals(dorado)).toBe(
      true,
    );
  });

  it('el XML de examples/nota-credito.json es idéntico byte a byte al archivo dorado', () => {
    const dorado = readFileSync(join(repoRoot, 'test/fixtures/fiscal/nota-credito.golden.xml'));
    expect(
      Buffer.from(construirXml(desdeEjemplo('nota-credito.json')), 'utf8').equals(dorado),
    ).toBe(true);
  });
});

describe('muestras "prueba" del SRI', () => {
  const muestras = [
    'factura_V1.1.0_prueba_sin-firma.xml',
    'factura_V1.1.0_prueba_firmada-XAdES-BES.xml',
    'notaCredito_V1.1.0_prueba_sin-firma.xml',
    'notaCredito_V1.1.0_prueba_firmada-XAdES-BES.xml',
  ];

  it('el validador dice que sus claves de acceso tienen un dígito verificador incorrecto', () => {
    for (const muestra of muestras) {
      const xml = readFileSync(join(SRI_SAMPLES_DIR, muestra), 'utf8');
      const clave = /<claveAcceso>(\d+)<\/claveAcceso>/.exec(xml)?.[1];
      expect(clave, muestra).toBeDefined();
      const r = validarClaveAcceso(clave as string);
      expect(r.ok, muestra).toBe(false);
      if (!r.ok) {
        expect(r.error.field).toBe('digitoVerificador');
        expect(r.error.message).toMatch(/el dígito verificador es \d y debería ser \d/);
      }
    }
  });

  it('la clave de la muestra de la ficha del SRI sí es válida', () => {
    const xml = readFileSync(
      join(SRI_SAMPLES_DIR, 'factura_V1.1.0_ejemplo-ficha-SRI_sin-firma.xml'),
      'utf8',
    );
    const clave = /<claveAcceso>(\d+)<\/claveAcceso>/.exec(xml)?.[1] as string;
    expect(validarClaveAcceso(clave).ok).toBe(true);
  });
});
