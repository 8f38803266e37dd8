import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { code128Text, readEscpos } from '../../../../test/fakes/escposReader';
import { SRI_SAMPLES_DIR } from '../../../../test/fixtures/paths';
import { parseRide, type Ride } from '../ride/model';
import { encodeText } from './codepage';
import { PRINTER_PROFILE_IDS, PRINTER_PROFILES, type PrinterProfileId } from './profiles';
import { claveParts, columns, renderEscpos, wrap } from './receipt';

const repoRoot = resolve(__dirname, '../../../..');
const goldenDir = resolve(repoRoot, 'test/fixtures/print/escpos');
const load = (path: string): Ride => {
  const result = parseRide(readFileSync(path, 'utf8'));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const factura = load(resolve(repoRoot, 'test/fixtures/print/factura-nanez.xml'));
const notaCredito = load(
  resolve(SRI_SAMPLES_DIR, 'notaCredito_V1.1.0_prueba_firmada-XAdES-BES.xml'),
);

const hex = (bytes: number[]): string => Buffer.from(bytes).toString('hex');
const contains = (haystack: Uint8Array, needle: number[]): boolean =>
  Buffer.from(haystack).includes(Buffer.from(needle));

/** Decodes bytes with Python's cp850/cp858 codecs: an encoder we did not write. */
const pythonDecode = (bytes: number[], codec: string): string =>
  execFileSync(
    'python3',
    ['-c', `import sys; sys.stdout.write(sys.stdin.buffer.read().decode("${codec}"))`],
    { input: Buffer.from(bytes), encoding: 'utf8' },
  );

describe('página de códigos', () => {
  it('coincide byte a byte con los códecs cp850 y cp858 de Python', () => {
    const high = Array.from({ length: 128 }, (_, i) => 0x80 + i);
    for (const [codec, page] of [
      ['cp850', 'PC850'],
      ['cp858', 'PC858'],
    ] as const) {
      const chars = pythonDecode(high, codec);
      expect(hex(encodeText(chars, page))).toBe(hex(high));
    }
  });

  it('codifica las letras del español sin transliterar y lo desconocido como «?»', () => {
    expect(hex(encodeText('ñÑáéíóúÁÉÍÓÚüÜ¿¡', 'PC858'))).toBe('a4a5a082a1a2a3b590d6e0e9819aa8ad');
    expect(encodeText('n\u0303', 'PC858')).toEqual([0xa4]);
    expect(encodeText('€ — 漢', 'PC858')).toEqual([0xd5, 0x20, 0x3f, 0x20, 0x3f]);
    expect(encodeText('€', 'PC850')).toEqual([0x3f]);
    expect(encodeText('a\tb', 'PC850')).toEqual([0x61, 0x3f, 0x62]);
  });
});

describe('texto en columnas', () => {
  it('parte por palabras y corta las palabras más largas que la línea', () => {
    expect(wrap('María José Ñañez Güemes', 10)).toEqual(['María José', 'Ñañez', 'Güemes']);
    expect(wrap('1503202501179001691900', 10)).toEqual(['1503202501', '1790016919', '00']);
    expect(wrap('', 10)).toEqual(['']);
  });

  it('alinea el importe a la derecha en la primera línea', () => {
    expect(columns('IVA 15 %', '3.08', 16)).toEqual(['IVA 15 %    3.08']);
    expect(columns('PAGO EN EFECTIVO', '20.00', 16)).toEqual(['PAGO EN    20.00', 'EFECTIVO']);
  });
});

describe('clave de acceso en CODE128', () => {
  it('80 mm: dos mitades 24 + 25 con módulos de 3 y 2 puntos', () => {
    expect(
      claveParts(factura.claveAcceso, 576).map((p) => [p.digits.length, p.moduleDots]),
    ).toEqual([
      [24, 3],
      [25, 2],
    ]);
  });

  it('58 mm: tres partes para no bajar de 2 puntos por módulo', () => {
    const parts = claveParts(factura.claveAcceso, 384);
    expect(parts.map((p) => [p.digits.length, p.moduleDots])).toEqual([
      [16, 2],
      [16, 2],
      [17, 2],
    ]);
    expect(parts.map((p) => p.digits).join('')).toBe(factura.claveAcceso);
  });
});

const goldens: [string, Ride, PrinterProfileId][] = [
  ['factura-nanez.tm-t20iii.bin', factura, 'tm-t20iii'],
  ['factura-nanez.tm-t88vi.bin', factura, 'tm-t88vi'],
  ['factura-nanez.generico-58.bin', factura, 'generico-58'],
  ['notaCredito-prueba.tm-m30.bin', notaCredito, 'tm-m30'],
];

describe('recibo ESC/POS', () => {
  it.each(goldens)('%s es idéntico al archivo dorado', (file, ride, profileId) => {
    const bytes = renderEscpos(ride, { profile: PRINTER_PROFILES[profileId] });
    const path = resolve(goldenDir, file);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(path, bytes);
    }
    const golden = new Uint8Array(readFileSync(path));
    const firstDifference = golden.findIndex((b, i) => bytes[i] !== b);
    expect({ length: bytes.length, firstDifference }).toEqual({
      length: golden.length,
      firstDifference: -1,
    });
  });

  it('empieza con ESC @ y ESC t 19 (PC858), y corta y abre el cajón al final por pago en efectivo', () => {
    const bytes = renderEscpos(factura, { profile: PRINTER_PROFILES['tm-t20iii'] });
    expect(hex(Array.from(bytes.slice(0, 5)))).toBe('1b401b7413');
    expect(hex(Array.from(bytes.slice(-9)))).toBe('1d5642001b700019fa');
    expect(contains(bytes, encodeText('María José Ñañez Güemes', 'PC858'))).toBe(true);
    // Bold, double width and height for the total.
    expect(contains(bytes, [0x1b, 0x45, 1, 0x1d, 0x21, 0x11])).toBe(true);
  });

  it('no abre el cajón sin pago en efectivo, en reimpresiones ni si no hay cajón', () => {
    const profile = PRINTER_PROFILES['tm-t20iii'];
    const drawer = [0x1b, 0x70, 0, 25, 250];
    expect(contains(renderEscpos(notaCredito, { profile }), drawer)).toBe(false);
    expect(contains(renderEscpos(factura, { profile, reimpresion: true }), drawer)).toBe(false);
    expect(contains(renderEscpos(factura, { profile, cajon: false }), drawer)).toBe(false);
    const sinEfectivo = { ...factura, pagos: factura.pagos.filter((p) => p.formaPago !== '01') };
    expect(contains(renderEscpos(sinEfectivo, { profile }), drawer)).toBe(false);
  });

  it.each(PRINTER_PROFILE_IDS)(
    '%s: ninguna línea pasa del ancho y las barras dan la clave',
    (id) => {
      const profile = PRINTER_PROFILES[id];
      const reading = readEscpos(renderEscpos(factura, { profile }));
      for (const line of reading.lines) {
        const width =
          (line.font === 'A' ? profile.columns : profile.columnsFontB) / line.widthMultiplier;
        expect(line.bytes.length).toBeLessThanOrEqual(width);
      }
      expect(reading.commands[0]).toEqual({ kind: 'init' });
      expect(reading.commands[1]).toEqual({ kind: 'codePage', n: profile.codePageNumber });
      const barcodes = reading.commands.flatMap((c) => (c.kind === 'code128' ? [c] : []));
      expect(barcodes.map((c) => code128Text(c.data)).join('')).toBe(factura.claveAcceso);
      for (const c of barcodes) expect(c.moduleDots).toBeGreaterThanOrEqual(2);
      const qrs = reading.commands.flatMap((c) => (c.kind === 'qr' ? [c] : []));
      expect(qrs.map((c) => String.fromCharCode(...c.data))).toEqual(
        profile.qr ? [factura.claveAcceso] : [],
      );
      expect(reading.commands.some((c) => c.kind === 'cut')).toBe(profile.cutter);
    },
  );

  it('el texto impreso, leído con el códec cp858 de Python, conserva tildes y eñes', () => {
    const profile = PRINTER_PROFILES['tm-t20iii'];
    const reading = readEscpos(renderEscpos(factura, { profile }));
    const text = pythonDecode(
      reading.lines.flatMap((l) => [...l.bytes, 0x0a]),
      'cp858',
    );
    for (const expected of [
      'Ferretería y Bazar El Ñandú S.A.S.',
      'Cliente: María José Ñañez Güemes',
      'CÉDULA: 1714307103',
      'Piñata de cumpleaños ¡Sí! ¿Azul?',
      'Fecha y hora de autorización: PENDIENTE',
      'CONTRIBUYENTE RÉGIMEN RIMPE',
      factura.claveAcceso,
      'Observación: ¿Entrega a domicilio? ¡Sí,',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/VALOR TOTAL +54\.72/);
  });
});
