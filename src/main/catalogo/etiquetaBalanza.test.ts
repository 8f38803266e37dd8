import { describe, expect, it } from 'vitest';
import { PRESETS_BALANZA } from '../../shared/contract/balanza';
import {
  cantidadParaPrecio,
  type DisenoEtiqueta,
  digitoControlEan13,
  disenoDeConfiguracion,
  disenoDePreset,
  leerEtiqueta,
} from './etiquetaBalanza';

const personalizado = (d: Omit<DisenoEtiqueta, 'contenido'>, contenido: 'peso' | 'precio') =>
  disenoDeConfiguracion({ tipo: 'personalizado', ...d, prefijos: [...d.prefijos], contenido });

describe('leerEtiqueta', () => {
  const casos = [
    ...PRESETS_BALANZA.flatMap((preset) => [
      {
        caso: `${preset}, peso`,
        codigo: '2000123012506',
        diseno: disenoDePreset(preset, 'peso'),
        esperado: { plu: '00123', codigoBase: '2000123000008', contenido: 'peso', gramos: 1250 },
      },
      {
        caso: `${preset}, precio`,
        codigo: '2100123002252',
        diseno: disenoDePreset(preset, 'precio'),
        esperado: { plu: '00123', codigoBase: '2100123000005', contenido: 'precio', centavos: 225 },
      },
    ]),
    {
      caso: 'preset, prefijo 29',
      codigo: '2900045019990',
      diseno: disenoDePreset('cas', 'precio'),
      esperado: { plu: '00045', codigoBase: '2900045000004', contenido: 'precio', centavos: 1999 },
    },
    {
      caso: 'personalizado: prefijo 2, PLU de 6, peso de 5',
      codigo: '2000123012506',
      diseno: personalizado({ prefijos: ['2'], digitosPlu: 6, digitosValor: 5 }, 'peso'),
      esperado: { plu: '000123', codigoBase: '2000123000008', contenido: 'peso', gramos: 1250 },
    },
    {
      caso: 'personalizado: prefijo 28, PLU de 4, precio de 6',
      codigo: '2801230012508',
      diseno: personalizado({ prefijos: ['28'], digitosPlu: 4, digitosValor: 6 }, 'precio'),
      esperado: { plu: '0123', codigoBase: '2801230000000', contenido: 'precio', centavos: 1250 },
    },
    {
      caso: 'personalizado: otro prefijo no es etiqueta',
      codigo: '2000123012506',
      diseno: personalizado({ prefijos: ['28'], digitosPlu: 4, digitosValor: 6 }, 'precio'),
      esperado: null,
    },
    {
      caso: 'código de producto (786…) no es etiqueta',
      codigo: '7861042100414',
      diseno: disenoDePreset('digi', 'peso'),
      esperado: null,
    },
    {
      caso: 'doce dígitos no es etiqueta',
      codigo: '200012301250',
      diseno: disenoDePreset('dibal', 'peso'),
      esperado: null,
    },
  ] as const;

  it.each(casos)('$caso', ({ codigo, diseno, esperado }) => {
    expect(leerEtiqueta(codigo, diseno)).toEqual({ ok: true, value: esperado });
  });

  it.each(PRESETS_BALANZA)('%s: un dígito verificador errado se rechaza', (preset) => {
    const r = leerEtiqueta('2000123012507', disenoDePreset(preset, 'peso'));
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'etiqueta_balanza_invalida', field: 'codigo' },
    });
    if (!r.ok) expect(r.error.message).toContain('dígito verificador');
  });
});

describe('digitoControlEan13', () => {
  it('da el dígito GS1 de códigos reales', () => {
    expect(digitoControlEan13('590123412345')).toBe(7);
    expect(digitoControlEan13('400638133393')).toBe(1);
  });
});

describe('cantidadParaPrecio', () => {
  it.each([
    {
      caso: 'kg con 3 decimales',
      centavos: 225,
      precio: 1_800_000,
      unidad: 'kg',
      cantidad: 1_250_000,
    },
    {
      caso: 'kg, precio que no cae en gramos exactos',
      centavos: 100,
      precio: 3_000_000,
      unidad: 'kg',
      cantidad: 333_000,
    },
    {
      caso: 'unidades enteras',
      centavos: 780,
      precio: 2_600_000,
      unidad: 'unidad',
      cantidad: 3_000_000,
    },
  ])('$caso', ({ centavos, precio, unidad, cantidad }) => {
    expect(cantidadParaPrecio(centavos, precio, unidad)).toEqual({ ok: true, value: cantidad });
  });

  it.each([
    { caso: 'unidades que no dan el precio', centavos: 500, precio: 2_600_000, unidad: 'unidad' },
    { caso: 'precio cero', centavos: 0, precio: 1_800_000, unidad: 'kg' },
    { caso: 'producto sin precio', centavos: 100, precio: 0, unidad: 'kg' },
  ])('$caso: se rechaza', ({ centavos, precio, unidad }) => {
    expect(cantidadParaPrecio(centavos, precio, unidad)).toMatchObject({
      ok: false,
      error: { code: 'etiqueta_balanza_precio' },
    });
  });
});
