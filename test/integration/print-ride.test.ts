import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRide, type Ride, renderRidePdf } from '../../src/main/print';
import { SRI_SAMPLES_DIR } from '../fixtures/paths';

const repoRoot = resolve(__dirname, '../..');
const samples = SRI_SAMPLES_DIR;
const work = mkdtempSync(join(tmpdir(), 'ride-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const load = (path: string): Ride => {
  const result = parseRide(readFileSync(path, 'utf8'));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const factura = load(resolve(repoRoot, 'test/fixtures/print/factura-nanez.xml'));
const notaCredito = load(resolve(samples, 'notaCredito_V1.1.0_prueba_firmada-XAdES-BES.xml'));

const write = async (ride: Ride, formato: 'a4' | '80mm', name: string): Promise<string> => {
  const path = join(work, `${name}.pdf`);
  writeFileSync(path, await renderRidePdf(ride, { formato }));
  return path;
};
/** Text in reading order with wrapped lines joined, so phrases match whatever the wrapping. */
const text = (pdf: string): string =>
  execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
/** Text as laid out, one printed line per line: a label and its amount stay together. */
const lines = (pdf: string): string =>
  execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
const pageSize = (pdf: string): [number, number] => {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const match = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  if (match === null) throw new Error(info);
  return [Number(match[1]), Number(match[2])];
};
/** Rasterizes at 300 dpi and returns every symbol zbarimg decodes, with its type. */
const decode = (pdf: string): string[] => {
  const prefix = pdf.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-r', '300', '-png', pdf, prefix]);
  const pngs = readdirSync(work)
    .filter((f) => f.startsWith(prefix.slice(work.length + 1)) && f.endsWith('.png'))
    .map((f) => join(work, f));
  const out = execFileSync('zbarimg', ['-q', ...pngs], { encoding: 'utf8' });
  return out.trim().split('\n').sort();
};

const expectTotals = (layoutText: string): void => {
  for (const total of [
    'SUBTOTAL 15 % 20.50',
    'SUBTOTAL 5 % 24.75',
    'SUBTOTAL 0 % 3.15',
    'SUBTOTAL NO OBJETO DE IVA 2.00',
    'SUBTOTAL SIN IMPUESTOS 50.40',
    'TOTAL DESCUENTO 0.50',
    'IVA 15 % 3.08',
    'IVA 5 % 1.24',
    'PROPINA 0.00',
    'VALOR TOTAL 54.72',
  ]) {
    expect(layoutText).toContain(total);
  }
};

describe('RIDE en PDF', () => {
  it('A4: tamaño A4 y todos los campos con tildes y eñes', async () => {
    const pdf = await write(factura, 'a4', 'factura-a4');
    const [w, h] = pageSize(pdf);
    expect(w).toBeCloseTo(595.28, 1);
    expect(h).toBeCloseTo(841.89, 1);
    const t = text(pdf);
    for (const expected of [
      'Ferretería y Bazar El Ñandú S.A.S.',
      'Bazar El Ñandú',
      'R.U.C.: 1790016919001',
      'FACTURA',
      'No. 001-002-000000123',
      'NÚMERO DE AUTORIZACIÓN',
      '1503202501179001691900110010020000001231234567815',
      'FECHA Y HORA DE AUTORIZACIÓN: PENDIENTE',
      'AMBIENTE: PRUEBAS',
      'EMISIÓN: NORMAL',
      'Dirección matriz: Av. 10 de Agosto N21-255 y Jerónimo Carrión, Quito',
      'Dirección establecimiento: Calle Sucre 4-56 y Bolívar, Cuenca',
      'Contribuyente especial Nro.: 12345',
      'Obligado a llevar contabilidad: SI',
      'CONTRIBUYENTE RÉGIMEN RIMPE',
      'Agente de Retención Resolución No. 1',
      'María José Ñañez Güemes',
      'Identificación (CÉDULA): 1714307103',
      'Piñata de cumpleaños ¡Sí! ¿Azul?',
      'Café molido «Loja» 500 g',
      'SIN UTILIZACIÓN DEL SISTEMA FINANCIERO',
      'TARJETA DE CRÉDITO (30 días)',
      'Observación: ¿Entrega a domicilio? ¡Sí, mañana!',
    ]) {
      expect(t).toContain(expected);
    }
    expectTotals(lines(pdf));
  });

  it('A4: el Code 128 se lee con zbarimg y da exactamente la clave de acceso', async () => {
    const pdf = await write(factura, 'a4', 'factura-a4-barras');
    expect(decode(pdf)).toEqual([`CODE-128:${factura.claveAcceso}`]);
  });

  it('80 mm: 80 mm de ancho, alto según el contenido y los mismos campos', async () => {
    const pdf = await write(factura, '80mm', 'factura-80');
    const [w, h] = pageSize(pdf);
    expect(w).toBeCloseTo(226.77, 1);
    expect(h).toBeGreaterThan(400);
    expect(h).toBeLessThan(1600);
    const t = text(pdf);
    for (const expected of [
      'Ferretería y Bazar El Ñandú S.A.S.',
      'RUC: 1790016919001',
      'No. 001-002-000000123',
      'Fecha y hora de autorización: PENDIENTE',
      'Ambiente: PRUEBAS Emisión: NORMAL',
      'CONTRIBUYENTE RÉGIMEN RIMPE',
      'Agente de Retención Resolución No. 1',
      'Contribuyente especial Nro.: 12345',
      'María José Ñañez Güemes',
      'Piñata de cumpleaños ¡Sí! ¿Azul?',
      'TARJETA DE CRÉDITO',
      'INFORMACIÓN ADICIONAL',
    ]) {
      expect(t).toContain(expected);
    }
    expectTotals(lines(pdf));
    // Número de autorización and clave de acceso, both in digits.
    expect(t.split(factura.claveAcceso)).toHaveLength(3);
  });

  it('80 mm: las dos mitades en Code 128 y el QR dan exactamente la clave de acceso', async () => {
    const pdf = await write(factura, '80mm', 'factura-80-barras');
    const symbols = decode(pdf);
    const halves = symbols.filter((s) => s.startsWith('CODE-128:')).map((s) => s.slice(9));
    expect(halves).toHaveLength(2);
    // Halves are 24 + 25 digits (docs/sri.md §9); reassembled they must be the whole clave.
    const first = halves.find((h) => h.length === 24);
    const second = halves.find((h) => h.length === 25);
    expect(`${first}${second}`).toBe(factura.claveAcceso);
    expect(symbols.filter((s) => s.startsWith('QR-Code:'))).toEqual([
      `QR-Code:${factura.claveAcceso}`,
    ]);
  });

  it('nota de crédito en ambos formatos: documento modificado, motivo y clave legible', async () => {
    for (const formato of ['a4', '80mm'] as const) {
      const pdf = await write(notaCredito, formato, `nc-${formato}`);
      const t = text(pdf);
      expect(t).toContain('NOTA DE CRÉDITO');
      expect(t).toContain('Comprobante que se modifica: FACTURA 001-001-000000012');
      expect(t).toContain('Razón de modificación: ANULACION');
      expect(lines(pdf)).toContain('VALOR TOTAL 115.00');
      expect(decode(pdf)).toContain(
        formato === 'a4'
          ? `CODE-128:${notaCredito.claveAcceso}`
          : `QR-Code:${notaCredito.claveAcceso}`,
      );
    }
  });

  it('muestra la fecha de autorización cuando ya se conoce', async () => {
    const autorizada = { ...factura, fechaAutorizacion: '15/03/2025 10:20:30' };
    const t = text(await write(autorizada, '80mm', 'autorizada'));
    expect(t).toContain('Fecha y hora de autorización: 15/03/2025 10:20:30');
  });
});
