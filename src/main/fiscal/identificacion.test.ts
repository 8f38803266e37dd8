import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cedulaArb } from '../../../test/fixtures/fiscal';
import {
  LIMITE_CONSUMIDOR_FINAL_CENTAVOS,
  validarCedula,
  validarIdentificacion,
  validarRuc,
  verificarLimiteConsumidorFinal,
} from './identificacion';

describe('cédula', () => {
  it('acepta la cédula de docs/sri.md (1714307103)', () => {
    expect(validarCedula('1714307103').ok).toBe(true);
  });

  it('rechaza un dígito verificador incorrecto diciendo cuál debería ser', () => {
    const r = validarCedula('1714307104');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe(
        'La cédula «1714307104» tiene un dígito verificador incorrecto: debería terminar en 3.',
      );
    }
  });

  it('rechaza largo, provincia y tercer dígito inválidos', () => {
    expect(validarCedula('171430710').ok).toBe(false);
    expect(validarCedula('2514307103').ok).toBe(false);
    expect(validarCedula('1774307103').ok).toBe(false);
  });

  it('toda cédula con dígito correcto pasa y cualquier otro último dígito falla', () => {
    fc.assert(
      fc.property(cedulaArb, fc.integer({ min: 1, max: 9 }), (cedula, delta) => {
        expect(validarCedula(cedula).ok).toBe(true);
        const otra = `${cedula.slice(0, 9)}${(Number(cedula[9]) + delta) % 10}`;
        expect(validarCedula(otra).ok).toBe(false);
      }),
    );
  });
});

describe('RUC', () => {
  it('clasifica los ejemplos de docs/sri.md: sociedad, pública y natural', () => {
    expect(validarRuc('1790016919001')).toEqual({
      ok: true,
      value: { tipo: 'sociedad', advertencias: [] },
    });
    expect(validarRuc('1760001550001')).toEqual({
      ok: true,
      value: { tipo: 'publica', advertencias: [] },
    });
    expect(validarRuc('1714307103001')).toEqual({
      ok: true,
      value: { tipo: 'natural', advertencias: [] },
    });
  });

  it('un RUC con dígito verificador incorrecto es una advertencia, no un rechazo', () => {
    const r = validarRuc('1790026919001');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.advertencias).toHaveLength(1);
      expect(r.value.advertencias[0]).toContain('no coincide con el algoritmo publicado');
    }
  });

  it('bloquea largo, tercer dígito 7/8 y establecimiento 000', () => {
    expect(validarRuc('179001691900').ok).toBe(false);
    expect(validarRuc('1770016919001').ok).toBe(false);
    expect(validarRuc('1790016919000').ok).toBe(false);
  });
});

describe('validarIdentificacion', () => {
  it('acepta pasaporte e identificación del exterior alfanuméricos', () => {
    expect(validarIdentificacion('06', 'AB123456', 'John Smith').ok).toBe(true);
    expect(validarIdentificacion('08', 'X-99', 'ACME Inc.').ok).toBe(true);
    expect(validarIdentificacion('06', 'AB 123', 'John Smith').ok).toBe(false);
  });

  it('consumidor final exige 9999999999999 y el nombre CONSUMIDOR FINAL', () => {
    expect(validarIdentificacion('07', '9999999999999', 'consumidor final').ok).toBe(true);
    expect(validarIdentificacion('07', '9999999999', 'CONSUMIDOR FINAL').ok).toBe(false);
    expect(validarIdentificacion('07', '9999999999999', 'Juan').ok).toBe(false);
  });

  it('rechaza un tipo de identificación desconocido', () => {
    const r = validarIdentificacion('09', '123', 'X');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('«09» no existe');
  });

  it('un RUC con mal dígito pasa con advertencia y una cédula con mal dígito se rechaza', () => {
    const ruc = validarIdentificacion('04', '1790026919001', 'X');
    expect(ruc.ok && ruc.value.advertencias.length).toBe(1);
    expect(validarIdentificacion('05', '1714307104', 'X').ok).toBe(false);
  });
});

describe('límite de consumidor final', () => {
  it('acepta hasta USD 50.00 y rechaza desde 50.01', () => {
    expect(LIMITE_CONSUMIDOR_FINAL_CENTAVOS).toBe(5000);
    expect(verificarLimiteConsumidorFinal('07', 5000).ok).toBe(true);
    const r = verificarLimiteConsumidorFinal('07', 5001);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toContain('no puede superar USD 50.00; el total es USD 50.01');
    expect(verificarLimiteConsumidorFinal('05', 1_000_000).ok).toBe(true);
  });
});
