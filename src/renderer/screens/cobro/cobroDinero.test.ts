import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accionCobro } from './atajosCobro';
import {
  cantidadTexto,
  descuentoMaximoCentavos,
  formatoDolares,
  formatoPrecioMicros,
  parseCantidadMicros,
  parseMontoCentavos,
  precioConIvaCentavos,
  subtotalLineaCentavos,
} from './dinero';

describe('dinero de la caja', () => {
  it('muestra el precio de percha: con IVA y a dos decimales', () => {
    expect(precioConIvaCentavos(1_086_957, 1500)).toBe(125);
    expect(formatoDolares(precioConIvaCentavos(1_086_957, 1500))).toBe('$1.25');
    expect(precioConIvaCentavos(1_050_000, 0)).toBe(105);
    expect(precioConIvaCentavos(913_043, 1500)).toBe(105);
    expect(precioConIvaCentavos(0, 1500)).toBe(0);
  });

  it('lee montos con punto, coma o signo de dólar, sin pasar por decimales binarios', () => {
    expect(parseMontoCentavos('20')).toBe(2000);
    expect(parseMontoCentavos('4,5')).toBe(450);
    expect(parseMontoCentavos('$0.07')).toBe(7);
    expect(parseMontoCentavos('19.99')).toBe(1999);
    expect(parseMontoCentavos('1.234')).toBeNull();
    expect(parseMontoCentavos('abc')).toBeNull();
  });

  it('lee cantidades de hasta 6 decimales y rechaza cero', () => {
    expect(parseCantidadMicros('0.750')).toBe(750_000);
    expect(parseCantidadMicros('2')).toBe(2_000_000);
    expect(parseCantidadMicros('0')).toBeNull();
    expect(parseCantidadMicros('1.1234567')).toBeNull();
  });

  it('la cantidad vuelve al texto del contrato sin ceros sobrantes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999_999 }), (micros) => {
        expect(parseCantidadMicros(cantidadTexto(micros))).toBe(micros);
      }),
    );
    expect(cantidadTexto(750_000)).toBe('0.75');
  });

  it('el valor de la línea redondea a la mitad hacia arriba, como el motor fiscal', () => {
    // 3 × $0.335 = $1.005 → $1.01
    expect(subtotalLineaCentavos(3_000_000, 335_000)).toBe(101);
    expect(subtotalLineaCentavos(750_000, 1_800_000)).toBe(135);
    expect(descuentoMaximoCentavos(105, 1000)).toBe(10);
  });

  it('muestra dólares con separador de miles y precios con los decimales que tienen', () => {
    expect(formatoDolares(160_900)).toBe('$1,609.00');
    expect(formatoDolares(5)).toBe('$0.05');
    expect(formatoPrecioMicros(1_050_000)).toBe('$1.05');
    expect(formatoPrecioMicros(913_043)).toBe('$0.913043');
  });
});

describe('teclas de la caja', () => {
  const tecla = (key: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean }> = {}) => ({
    key,
    code: key,
    altKey: false,
    ctrlKey: false,
    shiftKey: false,
    metaKey: false,
    altGraph: false,
    ...mods,
  });

  it('F12 cobra y Ctrl+Supr quita la línea', () => {
    expect(accionCobro(tecla('F12'))).toEqual({ tipo: 'cobrar' });
    expect(accionCobro(tecla('Delete', { ctrlKey: true }))).toEqual({ tipo: 'quitar' });
    expect(accionCobro(tecla('Delete'))).toBeNull();
  });

  it('deja al marco F1, Alt+número, F5 y F11, y no reacciona a dígitos del lector', () => {
    for (const key of ['F1', 'F5', 'F11', '7', 'Enter']) expect(accionCobro(tecla(key))).toBeNull();
    expect(accionCobro(tecla('1', { altKey: true }))).toBeNull();
    expect(accionCobro(tecla('F12', { altKey: true }))).toBeNull();
  });
});
