import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiplicarACentavos } from '../fiscal';
import { disponible, type LineaAcreditable, lineaDevuelta } from './lineas';

const linea = (over: Partial<LineaAcreditable> = {}): LineaAcreditable => ({
  linea: 1,
  codigoPrincipal: 'A-1',
  codigoAuxiliar: null,
  descripcion: 'Arroz',
  unidadMedida: null,
  cantidadMicros: 3_000_000,
  precioUnitarioMicros: 1_000_000,
  descuentoCentavos: 30,
  subtotalCentavos: 270,
  ivaCodigoPorcentaje: '4',
  devueltaMicros: 0,
  baseDevueltaCentavos: 0,
  ...over,
});

const base = (l: ReturnType<typeof lineaDevuelta>) =>
  multiplicarACentavos(l.cantidad, l.precioUnitario) - l.descuento;

describe('lineaDevuelta', () => {
  it('conserva el precio y el código de IVA de la factura y devuelve el descuento en proporción', () => {
    const nc = lineaDevuelta(linea(), 1_000_000);
    expect(nc).toMatchObject({
      cantidad: 1_000_000,
      precioUnitario: 1_000_000,
      descuento: 10,
      impuesto: { codigo: '2', codigoPorcentaje: '4' },
    });
  });

  it('la última devolución toma exactamente lo que queda de la base de la línea', () => {
    const l = linea({ devueltaMicros: 2_000_000, baseDevueltaCentavos: 181 });
    expect(base(lineaDevuelta(l, 1_000_000))).toBe(89);
  });

  it('en cualquier reparto, lo devuelto por línea nunca supera la línea y una devolución completa la iguala', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.nat({ max: 100 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 6 }),
        (unidades, precio, pctDescuento, cortes) => {
          const cantidad = unidades * 1_000_000;
          const bruto = multiplicarACentavos(cantidad, precio);
          const descuento = Math.floor((bruto * pctDescuento) / 100);
          let l = linea({
            cantidadMicros: cantidad,
            precioUnitarioMicros: precio,
            descuentoCentavos: descuento,
            subtotalCentavos: bruto - descuento,
          });
          for (const c of cortes) {
            const q = Math.min(c * 1_000_000, disponible(l));
            if (q === 0) break;
            const nc = lineaDevuelta(l, q);
            expect(nc.descuento).toBeGreaterThanOrEqual(0);
            expect(base(nc)).toBeGreaterThanOrEqual(0);
            l = {
              ...l,
              devueltaMicros: l.devueltaMicros + q,
              baseDevueltaCentavos: l.baseDevueltaCentavos + base(nc),
            };
            expect(l.baseDevueltaCentavos).toBeLessThanOrEqual(l.subtotalCentavos);
          }
          if (disponible(l) > 0) {
            const nc = lineaDevuelta(l, disponible(l));
            l = { ...l, baseDevueltaCentavos: l.baseDevueltaCentavos + base(nc) };
            expect(l.baseDevueltaCentavos).toBeLessThanOrEqual(l.subtotalCentavos);
          }
        },
      ),
    );
  });
});
