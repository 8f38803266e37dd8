import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { facturaArb, notaCreditoArb } from '../../../test/fixtures/fiscal';
import { validarClaveAcceso } from './claveAcceso';
import {
  type BorradorFactura,
  type BorradorNotaCredito,
  type Comprobante,
  calcularComprobante,
} from './documento';
import { feriadoTurismoEnFecha } from './feriadosTurismo';

const factura = (cambios: Partial<BorradorFactura> = {}): BorradorFactura => ({
  tipo: 'factura',
  ambiente: '1',
  emisor: {
    ruc: '0992345675001',
    razonSocial: 'COMERCIAL LA ESQUINA S.A.',
    nombreComercial: 'La Esquina',
    dirMatriz: 'Av. 9 de Octubre 100 y Malecón, Guayaquil',
    obligadoContabilidad: true,
  },
  establecimiento: { codigo: '001', direccion: 'Av. 9 de Octubre 100' },
  puntoEmision: '002',
  secuencial: 123,
  codigoNumerico: '12345678',
  fechaEmision: '2026-11-20',
  comprador: {
    tipoIdentificacion: '05',
    identificacion: '0926687856',
    razonSocial: 'María José Ñañez',
    email: 'maria@example.com',
  },
  lineas: [
    {
      descripcion: 'Café molido 250 g',
      cantidad: 2_000_000,
      precioUnitario: 3_500_000,
      descuento: 0,
      impuesto: { codigo: '2', codigoPorcentaje: '4' },
    },
    {
      descripcion: 'Pan de yuca',
      cantidad: 6_000_000,
      precioUnitario: 250_000,
      descuento: 0,
      impuesto: { codigo: '2', codigoPorcentaje: '0' },
    },
    {
      descripcion: 'Queso fresco 500 g',
      cantidad: 1_500_000,
      precioUnitario: 4_123_456,
      descuento: 50,
      impuesto: { codigo: '2', codigoPorcentaje: '4' },
    },
  ],
  pagos: [
    { formaPago: '01', total: 1000 },
    { formaPago: '19', total: 609 },
  ],
  ...cambios,
});

const notaCredito = (cambios: Partial<BorradorNotaCredito> = {}): BorradorNotaCredito => {
  const { pagos: _pagos, tipo: _tipo, ...comun } = factura();
  return {
    ...comun,
    tipo: 'notaCredito',
    fechaEmision: '2026-11-22',
    lineas: [
      {
        descripcion: 'Café molido 250 g',
        cantidad: 1_000_000,
        precioUnitario: 3_500_000,
        descuento: 0,
        impuesto: { codigo: '2', codigoPorcentaje: '4' },
      },
    ],
    docModificado: { codDoc: '01', numero: '001-002-000000123', fechaEmision: '2026-11-20' },
    motivo: 'Devolución: producto en mal estado',
    ...cambios,
  };
};

const error = (r: ReturnType<typeof calcularComprobante>) => {
  if (r.ok) throw new Error('se esperaba un rechazo');
  return r.error;
};

const valor = (r: ReturnType<typeof calcularComprobante>): Comprobante => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('calcularComprobante: factura', () => {
  it('calcula las líneas, los impuestos y los totales del ejemplo', () => {
    const c = valor(calcularComprobante(factura()));
    expect(c.lineas.map((l) => [l.subtotal, l.precioTotalSinImpuesto])).toEqual([
      [700, 700],
      [150, 150],
      [619, 569],
    ]);
    expect(c.totales).toEqual({
      subtotal: 1469,
      totalDescuento: 50,
      totalSinImpuestos: 1419,
      impuestos: [
        { codigo: '2', codigoPorcentaje: '0', tarifa: 0, baseImponible: 150, valor: 0 },
        { codigo: '2', codigoPorcentaje: '4', tarifa: 1500, baseImponible: 1269, valor: 190 },
      ],
      totalImpuestos: 190,
      propina: 0,
      importeTotal: 1609,
    });
    expect(c.secuencial).toBe('000000123');
    expect(c.claveAcceso).toBe('2011202601099234567500110010020000001231234567819');
    expect(validarClaveAcceso(c.claveAcceso).ok).toBe(true);
    expect(c.infoAdicional).toEqual([{ nombre: 'Correo', valor: 'maria@example.com' }]);
    expect(c.advertencias).toEqual([]);
  });

  it('rechaza consumidor final sobre USD 50', () => {
    const r = calcularComprobante(
      factura({
        comprador: {
          tipoIdentificacion: '07',
          identificacion: '9999999999999',
          razonSocial: 'CONSUMIDOR FINAL',
        },
        lineas: [
          {
            descripcion: 'Arroz 25 kg',
            cantidad: 1_000_000,
            precioUnitario: 50_010_000,
            descuento: 0,
            impuesto: { codigo: '2', codigoPorcentaje: '0' },
          },
        ],
        pagos: [{ formaPago: '01', total: 5001 }],
      }),
    );
    expect(error(r).message).toBe(
      'Una venta a consumidor final no puede superar USD 50.00; el total es USD 50.01. Identifique al comprador.',
    );
  });

  it('acepta consumidor final por exactamente USD 50.00', () => {
    const r = calcularComprobante(
      factura({
        comprador: {
          tipoIdentificacion: '07',
          identificacion: '9999999999999',
          razonSocial: 'CONSUMIDOR FINAL',
        },
        lineas: [
          {
            descripcion: 'Arroz 25 kg',
            cantidad: 1_000_000,
            precioUnitario: 50_000_000,
            descuento: 0,
            impuesto: { codigo: '2', codigoPorcentaje: '0' },
          },
        ],
        pagos: [{ formaPago: '01', total: 5000 }],
      }),
    );
    expect(valor(r).totales.importeTotal).toBe(5000);
  });

  it('rechaza pagos que no suman el total', () => {
    const e = error(calcularComprobante(factura({ pagos: [{ formaPago: '01', total: 1600 }] })));
    expect(e.field).toBe('pagos');
    expect(e.message).toBe(
      'pagos: suman 16.00 y el total de la factura es 16.09; deben ser iguales.',
    );
  });

  it('rechaza una factura sin pagos y una forma de pago retirada', () => {
    expect(error(calcularComprobante(factura({ pagos: [] }))).field).toBe('pagos');
    expect(
      error(calcularComprobante(factura({ pagos: [{ formaPago: '02', total: 1609 }] }))).field,
    ).toBe('pagos[0].formaPago');
  });

  it('rechaza un código de impuesto desconocido nombrando la línea', () => {
    const borrador = factura();
    const lineas = borrador.lineas.map((l, i) =>
      i === 1 ? { ...l, impuesto: { codigo: '2', codigoPorcentaje: '9' } } : l,
    );
    const e = error(calcularComprobante({ ...borrador, lineas }));
    expect(e.code).toBe('impuesto_desconocido');
    expect(e.message).toContain('lineas[1].impuesto');
  });

  it('rechaza el IVA 12 % en una factura posterior a marzo de 2024', () => {
    const borrador = factura();
    const lineas = borrador.lineas.map((l) => ({
      ...l,
      impuesto: { codigo: '2', codigoPorcentaje: '2' },
    }));
    expect(error(calcularComprobante({ ...borrador, lineas })).code).toBe('tarifa_no_vigente');
  });

  it('rechaza una cédula con dígito verificador incorrecto', () => {
    const e = error(
      calcularComprobante(
        factura({
          comprador: { tipoIdentificacion: '05', identificacion: '0926687857', razonSocial: 'X' },
        }),
      ),
    );
    expect(e.message).toContain('dígito verificador incorrecto');
  });

  it('un RUC de comprador con mal dígito verificador solo deja una advertencia', () => {
    const c = valor(
      calcularComprobante(
        factura({
          comprador: {
            tipoIdentificacion: '04',
            identificacion: '1790026919001',
            razonSocial: 'X S.A.',
          },
        }),
      ),
    );
    expect(c.advertencias).toHaveLength(1);
  });

  it('rechaza un descuento mayor que el valor de la línea', () => {
    const borrador = factura();
    const lineas = borrador.lineas.map((l, i) => (i === 0 ? { ...l, descuento: 701 } : l));
    expect(error(calcularComprobante({ ...borrador, lineas })).field).toBe('lineas[0].descuento');
  });

  it('rechaza saltos de línea en los textos que van al XML', () => {
    const borrador = factura();
    const lineas = borrador.lineas.map((l, i) =>
      i === 2 ? { ...l, descripcion: 'Queso\nfresco' } : l,
    );
    expect(error(calcularComprobante({ ...borrador, lineas })).field).toBe('lineas[2].descripcion');
  });

  it('rechaza más de 15 campos adicionales contando el correo del comprador', () => {
    const infoAdicional = Array.from({ length: 15 }, (_, i) => ({ nombre: `c${i}`, valor: 'x' }));
    expect(error(calcularComprobante(factura({ infoAdicional }))).field).toBe('infoAdicional');
    expect(calcularComprobante(factura({ infoAdicional: infoAdicional.slice(1) })).ok).toBe(true);
  });

  it('rechaza un RUC de emisor que no termina en 001 y un secuencial cero', () => {
    const f = factura();
    expect(
      error(calcularComprobante({ ...f, emisor: { ...f.emisor, ruc: '0992345675002' } })).field,
    ).toBe('emisor.ruc');
    expect(error(calcularComprobante(factura({ secuencial: 0 }))).field).toBe('secuencial');
  });

  it('suma la propina al total', () => {
    const c = valor(
      calcularComprobante(factura({ propina: 142, pagos: [{ formaPago: '01', total: 1751 }] })),
    );
    expect(c.totales.importeTotal).toBe(1751);
  });
});

describe('calcularComprobante: nota de crédito', () => {
  it('calcula el valor de la modificación del ejemplo', () => {
    const c = valor(calcularComprobante(notaCredito()));
    expect(c.tipo).toBe('notaCredito');
    expect(c.totales.importeTotal).toBe(403);
    expect(c.claveAcceso.slice(8, 10)).toBe('04');
  });

  it('nunca se emite a consumidor final', () => {
    const e = error(
      calcularComprobante(
        notaCredito({
          comprador: {
            tipoIdentificacion: '07',
            identificacion: '9999999999999',
            razonSocial: 'CONSUMIDOR FINAL',
          },
        }),
      ),
    );
    expect(e.code).toBe('nota_credito_consumidor_final');
    expect(e.message).toContain('no se emiten notas de crédito a consumidor final');
  });

  it('necesita motivo y un documento modificado bien formado', () => {
    expect(error(calcularComprobante(notaCredito({ motivo: '  ' }))).field).toBe('motivo');
    expect(
      error(
        calcularComprobante(
          notaCredito({
            docModificado: { codDoc: '01', numero: '1-2-3', fechaEmision: '2026-11-20' },
          }),
        ),
      ).field,
    ).toBe('docModificado.numero');
    expect(
      error(
        calcularComprobante(
          notaCredito({
            docModificado: {
              codDoc: '01',
              numero: '001-002-000000123',
              fechaEmision: '2026-11-23',
            },
          }),
        ),
      ).field,
    ).toBe('docModificado.fechaEmision');
  });

  it('conserva el IVA 12 % de una factura anterior a abril de 2024', () => {
    const c = valor(
      calcularComprobante(
        notaCredito({
          docModificado: { codDoc: '01', numero: '001-002-000000123', fechaEmision: '2024-03-15' },
          lineas: [
            {
              descripcion: 'Café',
              cantidad: 1_000_000,
              precioUnitario: 10_000_000,
              descuento: 0,
              impuesto: { codigo: '2', codigoPorcentaje: '2' },
            },
          ],
        }),
      ),
    );
    expect(c.totales.impuestos[0]?.valor).toBe(120);
  });
});

describe('propiedades de los totales', () => {
  const verificar = (c: Comprobante) => {
    const t = c.totales;
    const suma = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(t.totalSinImpuestos).toBe(suma(c.lineas.map((l) => l.precioTotalSinImpuesto)));
    expect(t.subtotal - t.totalDescuento).toBe(t.totalSinImpuestos);
    expect(suma(t.impuestos.map((i) => i.baseImponible))).toBe(t.totalSinImpuestos);
    expect(t.totalImpuestos).toBe(suma(t.impuestos.map((i) => i.valor)));
    expect(t.importeTotal).toBe(t.totalSinImpuestos + t.totalImpuestos + t.propina);
    for (const l of c.lineas) {
      // Independent reference: the exact product has 12 decimals; round half-up to 2.
      const exacto = BigInt(l.cantidad) * BigInt(l.precioUnitario);
      const centavos = exacto / 10n ** 10n + ((exacto % 10n ** 10n) * 2n >= 10n ** 10n ? 1n : 0n);
      expect(BigInt(l.subtotal)).toBe(centavos);
      expect(l.precioTotalSinImpuesto).toBe(l.subtotal - l.descuento);
    }
    for (const i of t.impuestos) {
      const exacto = BigInt(i.baseImponible) * BigInt(i.tarifa);
      expect(BigInt(i.valor)).toBe(
        exacto / 10_000n + ((exacto % 10_000n) * 2n >= 10_000n ? 1n : 0n),
      );
    }
    expect(Number.isSafeInteger(t.importeTotal)).toBe(true);
  };

  it('en facturas generadas, los totales son la suma exacta de sus partes y los pagos cuadran', () => {
    fc.assert(
      fc.property(facturaArb, (borrador) => {
        const c = valor(calcularComprobante(borrador));
        verificar(c);
        if (c.tipo === 'factura') {
          expect(c.pagos.reduce((s, p) => s + p.total, 0)).toBe(c.totales.importeTotal);
        }
        expect(validarClaveAcceso(c.claveAcceso).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('en notas de crédito generadas, el valor de la modificación es base más IVA', () => {
    fc.assert(
      fc.property(notaCreditoArb, (borrador) => {
        verificar(valor(calcularComprobante(borrador)));
      }),
      { numRuns: 100 },
    );
  });

  it('los borradores generados usan el 8 % a menudo, y solo en un día decretado', () => {
    const conOcho = (b: { lineas: { impuesto: { codigoPorcentaje: string } }[] }) =>
      b.lineas.some((l) => l.impuesto.codigoPorcentaje === '8');
    const facturas = fc.sample(facturaArb, { numRuns: 120, seed: 7 }).filter(conOcho);
    const notas = fc.sample(notaCreditoArb, { numRuns: 120, seed: 7 }).filter(conOcho);
    expect(facturas.length).toBeGreaterThan(5);
    expect(notas.length).toBeGreaterThan(2);
    for (const f of facturas) expect(feriadoTurismoEnFecha(f.fechaEmision)).not.toBeNull();
    for (const n of notas) {
      expect(feriadoTurismoEnFecha(n.docModificado.fechaEmision)).not.toBeNull();
    }
  });

  it('el mismo borrador da siempre el mismo comprobante', () => {
    fc.assert(
      fc.property(facturaArb, (borrador) => {
        expect(calcularComprobante(structuredClone(borrador))).toEqual(
          calcularComprobante(borrador),
        );
      }),
      { numRuns: 50 },
    );
  });
});
