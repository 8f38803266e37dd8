import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CODIGOS_DOCUMENTO,
  type CodDoc,
  construirClaveAcceso,
  digitoVerificador,
  fechaEcuador,
  type PartesClaveAcceso,
  validarClaveAcceso,
} from './claveAcceso';

/** Real claves from docs/sri.md §2 (check digits 0 from 11, 1 from 10, and a plain 6). */
const VECTORES = [
  '1811202301179001691900120721260002540020711013510',
  '0202202101099255878400120010020000016100000007211',
  '0312202201019007200200120029020004874985766297216',
];

const partesArb: fc.Arbitrary<PartesClaveAcceso> = fc.record({
  fechaEmision: fc
    .integer({ min: Date.UTC(2000, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 })
    .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)),
  codDoc: fc.constantFrom(...(Object.keys(CODIGOS_DOCUMENTO) as CodDoc[])),
  ruc: fc.stringMatching(/^\d{10}$/).map((d) => `${d}001`),
  ambiente: fc.constantFrom('1' as const, '2' as const),
  estab: fc.integer({ min: 1, max: 999 }).map((n) => String(n).padStart(3, '0')),
  ptoEmi: fc.integer({ min: 1, max: 999 }).map((n) => String(n).padStart(3, '0')),
  secuencial: fc.integer({ min: 1, max: 999_999_999 }).map((n) => String(n).padStart(9, '0')),
  codigoNumerico: fc.stringMatching(/^\d{8}$/),
  tipoEmision: fc.constant('1' as const),
});

describe('dígito verificador módulo 11', () => {
  it('reproduce los tres vectores reales de docs/sri.md', () => {
    for (const clave of VECTORES) {
      expect(String(digitoVerificador(clave.slice(0, 48))), clave).toBe(clave.slice(48));
    }
  });
});

describe('validarClaveAcceso', () => {
  it('acepta los vectores reales y decodifica sus partes', () => {
    for (const clave of VECTORES) expect(validarClaveAcceso(clave).ok).toBe(true);
    expect(validarClaveAcceso(VECTORES[0] as string)).toEqual({
      ok: true,
      value: {
        fechaEmision: '2023-11-18',
        codDoc: '01',
        ruc: '1790016919001',
        ambiente: '2',
        estab: '072',
        ptoEmi: '126',
        secuencial: '000254002',
        codigoNumerico: '07110135',
        tipoEmision: '1',
        digitoVerificador: '0',
      },
    });
  });

  it('señala un dígito verificador incorrecto con el esperado', () => {
    const r = validarClaveAcceso('1804202401123456789000110010010000000051234567816');
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'clave_acceso_invalida',
        message: 'Clave de acceso: el dígito verificador es 6 y debería ser 2 (módulo 11).',
        field: 'digitoVerificador',
      },
    });
  });

  it('dice cuántos dígitos tiene una clave de largo incorrecto', () => {
    const r = validarClaveAcceso('123');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('Clave de acceso: debe tener 49 dígitos y tiene 3.');
  });

  it('rechaza letras', () => {
    const r = validarClaveAcceso(`${(VECTORES[0] as string).slice(0, 48)}X`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('solo puede contener dígitos');
  });

  it('nombra la parte incorrecta: fecha, tipo de comprobante, ambiente, tipo de emisión', () => {
    const base = (VECTORES[0] as string).slice(0, 48);
    const conDigito = (d48: string) => `${d48}${digitoVerificador(d48)}`;
    const casos: [string, string][] = [
      [`3102${base.slice(4)}`, 'fechaEmision'],
      [`${base.slice(0, 8)}99${base.slice(10)}`, 'codDoc'],
      [`${base.slice(0, 23)}3${base.slice(24)}`, 'ambiente'],
      [`${base.slice(0, 47)}2`, 'tipoEmision'],
      [`${base.slice(0, 30)}000000000${base.slice(39)}`, 'secuencial'],
    ];
    for (const [clave, parte] of casos) {
      const r = validarClaveAcceso(conDigito(clave));
      expect(r.ok, parte).toBe(false);
      if (!r.ok) expect(r.error.field).toBe(parte);
    }
  });

  it('construir y validar devuelve las mismas partes', () => {
    fc.assert(
      fc.property(partesArb, (partes) => {
        const clave = construirClaveAcceso(partes);
        expect(clave.ok).toBe(true);
        if (!clave.ok) return;
        expect(clave.value).toMatch(/^\d{49}$/);
        const decodificada = validarClaveAcceso(clave.value);
        expect(decodificada.ok).toBe(true);
        if (decodificada.ok) {
          const { digitoVerificador: _, ...resto } = decodificada.value;
          expect(resto).toEqual(partes);
        }
      }),
    );
  });

  it('cambiar el dígito verificador de una clave válida siempre la invalida', () => {
    fc.assert(
      fc.property(partesArb, fc.integer({ min: 1, max: 9 }), (partes, delta) => {
        const clave = construirClaveAcceso(partes);
        if (!clave.ok) throw new Error(clave.error.message);
        const otro = (Number(clave.value[48]) + delta) % 10;
        expect(validarClaveAcceso(`${clave.value.slice(0, 48)}${otro}`).ok).toBe(false);
      }),
    );
  });
});

describe('construirClaveAcceso', () => {
  it('construye el vector real a partir de sus partes', () => {
    expect(
      construirClaveAcceso({
        fechaEmision: '2023-11-18',
        codDoc: '01',
        ruc: '1790016919001',
        ambiente: '2',
        estab: '072',
        ptoEmi: '126',
        secuencial: '000254002',
        codigoNumerico: '07110135',
        tipoEmision: '1',
      }),
    ).toEqual({ ok: true, value: VECTORES[0] });
  });

  it('rechaza una fecha imposible nombrando la parte', () => {
    const r = construirClaveAcceso({
      fechaEmision: '2023-02-29',
      codDoc: '01',
      ruc: '1790016919001',
      ambiente: '1',
      estab: '001',
      ptoEmi: '001',
      secuencial: '000000001',
      codigoNumerico: '12345678',
      tipoEmision: '1',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe('fechaEmision');
      expect(r.error.message).toContain('«2023-02-29» no es válida');
    }
  });
});

describe('fechaEcuador', () => {
  const tzOriginal = process.env.TZ;
  afterEach(() => {
    process.env.TZ = tzOriginal;
  });

  it('las 03:00 UTC son todavía el día anterior en Ecuador, sea cual sea la zona de la máquina', () => {
    for (const tz of [
      'UTC',
      'Asia/Tokyo',
      'America/Guayaquil',
      'Pacific/Kiritimati',
      'America/Los_Angeles',
    ]) {
      process.env.TZ = tz;
      expect(fechaEcuador(new Date('2024-04-19T03:00:00Z')), tz).toBe('2024-04-18');
      expect(fechaEcuador(new Date('2024-04-19T04:59:59.999Z')), tz).toBe('2024-04-18');
      expect(fechaEcuador(new Date('2024-04-19T05:00:00Z')), tz).toBe('2024-04-19');
    }
  });

  it('coincide con la fecha UTC desplazada cinco horas (Ecuador no tiene horario de verano)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }), (ms) => {
        expect(fechaEcuador(new Date(ms))).toBe(
          new Date(ms - 5 * 3_600_000).toISOString().slice(0, 10),
        );
      }),
      { numRuns: 300 },
    );
  });
});
