import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calcularLineas, type LineaBorrador, multiplicarACentavos } from '../fiscal';
import {
  disponible,
  ivaDevuelto,
  ivaPorTarifa,
  type LineaAcreditable,
  lineaDevuelta,
  precioParaCubrir,
  type TarifaAcreditable,
} from './lineas';

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
  tarifaBp: 1500,
  ivaCentavos: 41,
  devueltaMicros: 0,
  baseDevueltaCentavos: 0,
  ivaDevueltoCentavos: 0,
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

describe('precioParaCubrir', () => {
  it('3 × 1,0049 = 3,01 devuelto de uno en uno: la última unidad cubre 1,01 con el menor precio que alcanza', () => {
    const l = linea({
      cantidadMicros: 3_000_000,
      precioUnitarioMicros: 1_004_900,
      descuentoCentavos: 0,
      subtotalCentavos: 301,
      ivaCentavos: 45,
      devueltaMicros: 2_000_000,
      baseDevueltaCentavos: 200,
      ivaDevueltoCentavos: 30,
    });
    expect(lineaDevuelta(l, 1_000_000)).toMatchObject({
      precioUnitario: 1_005_000,
      descuento: 0,
      ivaAsignado: 15,
    });
    expect(precioParaCubrir(1_000_000, 1_004_900, 100)).toBe(1_004_900);
  });
});

describe('ivaDevuelto', () => {
  it('2 × 1,10 al 15 %: la primera unidad lleva 0,17 y la segunda lo que queda, 0,16', () => {
    const factura = {
      baseCentavos: 220,
      ivaCentavos: 33,
      tarifaBp: 1500,
      baseDevueltaCentavos: 0,
      ivaDevueltoCentavos: 0,
    };
    expect(ivaDevuelto(factura, 110)).toBe(17);
    expect(
      ivaDevuelto({ ...factura, baseDevueltaCentavos: 110, ivaDevueltoCentavos: 17 }, 110),
    ).toBe(16);
  });

  it('nunca da más de lo que queda, aunque notas anteriores hayan redondeado de más', () => {
    const a = {
      baseCentavos: 330,
      ivaCentavos: 50,
      tarifaBp: 1500,
      baseDevueltaCentavos: 220,
      ivaDevueltoCentavos: 34,
    };
    expect(ivaDevuelto(a, 110)).toBe(16);
    expect(ivaDevuelto({ ...a, ivaDevueltoCentavos: 50 }, 110)).toBe(0);
  });
});

/** An invoice line as the emission stores it, before any note. */
type LineaFactura = { cantidad: number; precio: number; pctDescuento: number; codigo: string };

const FECHA = '2026-11-25';

/** Invoices of 1–6 lines at 0 %, 5 % and 15 %, whole or fractional quantities, with discounts. */
const facturaArb = fc.array(
  fc.record({
    cantidad: fc.oneof(
      fc.integer({ min: 1, max: 12 }).map((u) => u * 1_000_000),
      fc.integer({ min: 1, max: 9_999_999 }),
    ),
    precio: fc.integer({ min: 0, max: 3_000_000 }),
    pctDescuento: fc.nat({ max: 100 }),
    codigo: fc.constantFrom('0', '4', '5'),
  }),
  { minLength: 1, maxLength: 6 },
);

/** Each step: for some lines, a share (in thousandths) of what is still returnable. */
const pasosArb = fc.array(
  fc.array(fc.record({ linea: fc.nat({ max: 5 }), milesimas: fc.integer({ min: 1, max: 1000 }) }), {
    minLength: 1,
    maxLength: 4,
  }),
  { maxLength: 6 },
);

describe('notas de crédito sucesivas sobre una factura', () => {
  it('nunca superan la factura por línea, por tarifa ni en total, y una devolución completa en cualquier número de pasos la iguala exactamente', () => {
    fc.assert(
      fc.property(facturaArb, pasosArb, (filas: LineaFactura[], pasos) => {
        const borradoresFactura: LineaBorrador[] = filas.map((f, i) => {
          const bruto = multiplicarACentavos(f.cantidad, f.precio);
          return {
            codigoPrincipal: `P-${i}`,
            descripcion: `Producto ${i}`,
            cantidad: f.cantidad,
            precioUnitario: f.precio,
            descuento: Math.floor((bruto * f.pctDescuento) / 100),
            impuesto: { codigo: '2', codigoPorcentaje: f.codigo },
          };
        });
        const factura = calcularLineas(borradoresFactura, FECHA);
        if (!factura.ok) throw new Error(factura.error.message);
        let lineas: LineaAcreditable[] = factura.value.lineas.map((l, i) => ({
          linea: i + 1,
          codigoPrincipal: l.codigoPrincipal ?? '',
          codigoAuxiliar: null,
          descripcion: l.descripcion,
          unidadMedida: null,
          cantidadMicros: l.cantidad,
          precioUnitarioMicros: l.precioUnitario,
          descuentoCentavos: l.descuento,
          subtotalCentavos: l.precioTotalSinImpuesto,
          ivaCodigoPorcentaje: l.impuesto.codigoPorcentaje,
          tarifaBp: l.impuestoCalculado.tarifa,
          ivaCentavos: l.impuestoCalculado.valor,
          devueltaMicros: 0,
          baseDevueltaCentavos: 0,
          ivaDevueltoCentavos: 0,
        }));
        let tarifas: TarifaAcreditable[] = factura.value.totales.impuestos.map((t) => ({
          codigoPorcentaje: t.codigoPorcentaje,
          baseCentavos: t.baseImponible,
          ivaCentavos: t.valor,
          tarifaBp: t.tarifa,
          baseDevueltaCentavos: 0,
          ivaDevueltoCentavos: 0,
        }));
        let totalNotas = 0;

        /** Emits one note (as the service does) and books it like the database would. */
        const nota = (pedidas: Map<number, number>) => {
          const elegidas = lineas.filter((l) => (pedidas.get(l.linea) ?? 0) > 0);
          const borradores = elegidas.map((l) => lineaDevuelta(l, pedidas.get(l.linea) ?? 0));
          const calculo = calcularLineas(borradores, FECHA, ivaPorTarifa(borradores, tarifas));
          if (!calculo.ok) throw new Error(calculo.error.message);
          const { lineas: calculadas, totales } = calculo.value;
          lineas = lineas.map((l) => {
            const k = elegidas.indexOf(l);
            const c = calculadas[k];
            if (c === undefined) return l;
            return {
              ...l,
              devueltaMicros: l.devueltaMicros + c.cantidad,
              baseDevueltaCentavos: l.baseDevueltaCentavos + c.precioTotalSinImpuesto,
              ivaDevueltoCentavos: l.ivaDevueltoCentavos + c.impuestoCalculado.valor,
            };
          });
          tarifas = tarifas.map((t) => {
            const g = totales.impuestos.find((x) => x.codigoPorcentaje === t.codigoPorcentaje);
            return g === undefined
              ? t
              : {
                  ...t,
                  baseDevueltaCentavos: t.baseDevueltaCentavos + g.baseImponible,
                  ivaDevueltoCentavos: t.ivaDevueltoCentavos + g.valor,
                };
          });
          totalNotas += totales.importeTotal;
          for (const l of lineas) {
            expect(l.baseDevueltaCentavos).toBeLessThanOrEqual(l.subtotalCentavos);
            expect(l.ivaDevueltoCentavos).toBeLessThanOrEqual(l.ivaCentavos);
          }
          for (const t of tarifas) {
            expect(t.baseDevueltaCentavos).toBeLessThanOrEqual(t.baseCentavos);
            expect(t.ivaDevueltoCentavos).toBeLessThanOrEqual(t.ivaCentavos);
          }
          expect(totalNotas).toBeLessThanOrEqual(factura.value.totales.importeTotal);
        };

        for (const paso of pasos) {
          const pedidas = new Map<number, number>();
          for (const { linea, milesimas } of paso) {
            const l = lineas[linea % lineas.length];
            if (l === undefined || pedidas.has(l.linea)) continue;
            const queda = disponible(l);
            const q = Math.max(1, Math.floor((queda * milesimas) / 1000));
            if (queda > 0) pedidas.set(l.linea, Math.min(q, queda));
          }
          if (pedidas.size > 0) nota(pedidas);
        }
        const resto = new Map(lineas.map((l) => [l.linea, disponible(l)]));
        if ([...resto.values()].some((q) => q > 0)) nota(resto);

        for (const l of lineas) {
          expect(l.baseDevueltaCentavos).toBe(l.subtotalCentavos);
          expect(l.ivaDevueltoCentavos).toBe(l.ivaCentavos);
        }
        for (const t of tarifas) {
          expect(t.baseDevueltaCentavos).toBe(t.baseCentavos);
          expect(t.ivaDevueltoCentavos).toBe(t.ivaCentavos);
        }
        expect(totalNotas).toBe(factura.value.totales.importeTotal);
      }),
      { numRuns: 500 },
    );
  });
});
