/**
 * Every report against a brute-force sum over the same documents (issue 21): random sales and
 * credit notes on days across month boundaries, at any hour of Guayaquil's day (so the UTC
 * instant is often the next day), with status changes after insert, on either emission point.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codigoProducto,
  crearInsertador,
  crearTienda,
  type DocSemilla,
  importesDoc,
  importesLinea,
  MOTIVOS,
  PUNTOS,
  USUARIOS,
} from '../../../test/fixtures/reportes';
import { ESTADOS_DOCUMENTO } from '../../shared/estados';
import { diasDe, rangoDelMes, sumarDias } from '../../shared/periodos';
import { openTestDatabase } from '../db/testing';
import { createConsultasReportes, ESTADOS_AUTORIZADOS, piezasDeRango } from './consultas';

const PRODUCTOS = 9;
const INICIO = '2026-01-25';
const DIAS = 40; // 25 Jan → 5 Mar: three months, February's end included.

const estado = fc.constantFrom(...ESTADOS_DOCUMENTO.filter((e) => e !== 'DRAFT'));
const doc: fc.Arbitrary<DocSemilla> = fc.record({
  codDoc: fc.constantFrom('01' as const, '01' as const, '04' as const),
  fecha: fc.integer({ min: 0, max: DIAS - 1 }).map((i) => sumarDias(INICIO, i)),
  minuto: fc.integer({ min: 0, max: 1439 }),
  punto: fc.constantFrom(0 as const, 1 as const),
  usuario: fc.option(fc.integer({ min: 0, max: USUARIOS.length - 1 }), { nil: null }),
  lineas: fc.array(
    fc.record({
      producto: fc.integer({ min: 0, max: PRODUCTOS - 1 }),
      cantidadMicro: fc.integer({ min: 1, max: 5_000_000 }),
      precioMicro: fc.integer({ min: 0, max: 30_000_000 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  pagos: fc.array(fc.constantFrom('01', '16', '19', '20'), { minLength: 1, maxLength: 2 }),
  motivo: fc.integer({ min: 0, max: MOTIVOS.length - 1 }),
  estadoInicial: estado,
  estadoFinal: fc.option(estado, { nil: null }),
});
const rango = fc
  .tuple(fc.integer({ min: 0, max: DIAS - 1 }), fc.integer({ min: 0, max: DIAS - 1 }))
  .map(([a, b]) => ({
    desde: sumarDias(INICIO, Math.min(a, b)),
    hasta: sumarDias(INICIO, Math.max(a, b)),
  }));
const punto = fc.option(fc.constantFrom(0 as const, 1 as const), { nil: undefined });

const SIN_EFECTO = ['FAILED_PERMANENT', 'CANCELLED'];
const estadoDe = (d: DocSemilla) => d.estadoFinal ?? d.estadoInicial;
const vale = (d: DocSemilla) => !SIN_EFECTO.includes(estadoDe(d));

/** A fresh store holding `docs`, with each later status applied after every insert. */
const tienda = (docs: DocSemilla[]) => {
  const db = openTestDatabase();
  crearTienda(db.sqlite, PRODUCTOS);
  const { insertar, cambiarEstado } = crearInsertador(db.sqlite, PRODUCTOS);
  const ids = docs.map((d) => insertar(d));
  docs.forEach((d, i) => {
    if (d.estadoFinal !== null) cambiarEstado(ids[i] as string, d.estadoFinal);
  });
  return db;
};

const filtrar = (docs: DocSemilla[], r: { desde: string; hasta: string }, p?: 0 | 1) =>
  docs.filter(
    (d) => d.fecha >= r.desde && d.fecha <= r.hasta && (p === undefined || d.punto === p),
  );

const propiedad = (
  nombre: string,
  comprobar: (
    docs: DocSemilla[],
    r: { desde: string; hasta: string },
    p: 0 | 1 | undefined,
  ) => void,
) =>
  it(nombre, () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 60 }), rango, punto, (docs, r, p) =>
        comprobar(docs, r, p),
      ),
      { numRuns: 40 },
    );
    // Each run migrates a fresh database: generous time on a busy machine.
  }, 60_000);

describe('agregados de los reportes contra la suma documento por documento', () => {
  propiedad('ventas por hora (Guayaquil) y por día', (docs, r, p) => {
    const db = tienda(docs);
    const q = createConsultasReportes(db.sqlite);
    const v = q.ventas({
      ...r,
      comparar: 'semana',
      ...(p === undefined ? {} : { puntoEmisionId: PUNTOS[p] }),
    });
    const dentro = filtrar(docs, r, p).filter(vale);
    const facturas = dentro.filter((d) => d.codDoc === '01');
    const total = (ds: DocSemilla[]) => ds.reduce((a, d) => a + importesDoc(d, PRODUCTOS).total, 0);
    for (let hora = 0; hora < 24; hora++) {
      const enHora = facturas.filter((d) => Math.floor(d.minuto / 60) === hora);
      expect(v.porHora[hora]).toMatchObject({
        hora,
        facturas: enHora.length,
        ventasCentavos: total(enHora),
      });
    }
    // The earlier week, hour by hour.
    const antes = filtrar(docs, { desde: sumarDias(r.desde, -7), hasta: sumarDias(r.hasta, -7) }, p)
      .filter(vale)
      .filter((d) => d.codDoc === '01');
    for (let hora = 0; hora < 24; hora++) {
      expect(v.porHora[hora]?.anteriorCentavos).toBe(
        total(antes.filter((d) => Math.floor(d.minuto / 60) === hora)),
      );
    }
    expect(v.porDia.map((d) => d.fecha)).toEqual(diasDe(r));
    for (const dia of v.porDia) {
      const delDia = dentro.filter((d) => d.fecha === dia.fecha);
      expect(dia.facturas).toBe(delDia.filter((d) => d.codDoc === '01').length);
      expect(dia.ventasCentavos).toBe(total(delDia.filter((d) => d.codDoc === '01')));
      expect(dia.notasCreditoCentavos).toBe(total(delDia.filter((d) => d.codDoc === '04')));
    }
    expect(v.totales.netoCentavos).toBe(
      total(facturas) - total(dentro.filter((d) => d.codDoc === '04')),
    );
    db.close();
  });

  propiedad('productos: vendido y devuelto, por mes o por día, y los no vendidos', (docs, r, p) => {
    const db = tienda(docs);
    const q = createConsultasReportes(db.sqlite);
    const { todos, noVendidos } = q.reporteProductos(r, p === undefined ? undefined : PUNTOS[p]);
    const esperado = new Map<string, { q: number; v: number; dq: number; dv: number }>();
    for (const d of filtrar(docs, r, p).filter(vale)) {
      for (const l of d.lineas) {
        const codigo = codigoProducto(l.producto);
        const x = esperado.get(codigo) ?? { q: 0, v: 0, dq: 0, dv: 0 };
        const base = importesLinea(l, PRODUCTOS).base;
        if (d.codDoc === '01') {
          x.q += l.cantidadMicro;
          x.v += base;
        } else {
          x.dq += l.cantidadMicro;
          x.dv += base;
        }
        esperado.set(codigo, x);
      }
    }
    const obtenido = Object.fromEntries(
      todos.map((t) => [
        t.codigo,
        { q: t.cantidadMicro, v: t.ventasCentavos, dq: t.devueltoMicro, dv: t.devueltoCentavos },
      ]),
    );
    expect(obtenido).toEqual(Object.fromEntries(esperado));
    const vendidos = new Set([...esperado].filter(([, x]) => x.q > 0).map(([c]) => c));
    expect(noVendidos.map((n) => n.codigo)).toEqual(
      // The last product is inactive.
      Array.from({ length: PRODUCTOS - 1 }, (_, i) => codigoProducto(i)).filter(
        (c) => !vendidos.has(c),
      ),
    );
    db.close();
  });

  propiedad('por cajero, por forma de pago y motivos de las notas de crédito', (docs, r, p) => {
    const db = tienda(docs);
    const q = createConsultasReportes(db.sqlite);
    const pid = p === undefined ? undefined : PUNTOS[p];
    const dentro = filtrar(docs, r, p);
    const cajeros = q.porCajero(r, pid);
    const claves = new Set(dentro.map((d) => d.usuario));
    expect(cajeros).toHaveLength(claves.size);
    for (const c of cajeros) {
      const suyos = dentro.filter(
        (d) => (d.usuario === null ? null : USUARIOS[d.usuario]?.id) === c.usuarioId,
      );
      const fac = suyos.filter((d) => vale(d) && d.codDoc === '01');
      const nc = suyos.filter((d) => vale(d) && d.codDoc === '04');
      const total = (ds: DocSemilla[]) =>
        ds.reduce((a, d) => a + importesDoc(d, PRODUCTOS).total, 0);
      expect(c).toMatchObject({
        facturas: fac.length,
        ventasCentavos: total(fac),
        notasCredito: nc.length,
        notasCreditoCentavos: total(nc),
        anulados: suyos.filter((d) => ['VOIDED_BY_NC', 'CANCELLED'].includes(estadoDe(d))).length,
        revisionManual: suyos.filter((d) => estadoDe(d) === 'MANUAL_REVIEW_REQUIRED').length,
      });
      if (fac.length > 0) {
        expect(Math.abs(c.ticketPromedioCentavos * fac.length - total(fac))).toBeLessThanOrEqual(
          fac.length / 2,
        );
      }
    }
    const formas = new Map<string, { f: number; n: number }>();
    for (const d of dentro.filter(vale)) {
      const total = importesDoc(d, PRODUCTOS).total;
      const partes = d.pagos.length;
      d.pagos.forEach((forma, j) => {
        const parte =
          j === partes - 1
            ? total - Math.floor(total / partes) * (partes - 1)
            : Math.floor(total / partes);
        const x = formas.get(forma) ?? { f: 0, n: 0 };
        if (d.codDoc === '01') x.f += parte;
        else x.n += parte;
        formas.set(forma, x);
      });
    }
    expect(
      Object.fromEntries(
        q
          .porFormaPago(r, pid)
          .map((x) => [x.formaPago, { f: x.facturasCentavos, n: x.notasCreditoCentavos }]),
      ),
    ).toEqual(Object.fromEntries([...formas].filter(([, x]) => x.f !== 0 || x.n !== 0)));
    const motivos = new Map<string, { cantidad: number; totalCentavos: number }>();
    for (const d of dentro.filter((x) => vale(x) && x.codDoc === '04')) {
      const m = MOTIVOS[d.motivo] as string;
      const x = motivos.get(m) ?? { cantidad: 0, totalCentavos: 0 };
      x.cantidad += 1;
      x.totalCentavos += importesDoc(d, PRODUCTOS).total;
      motivos.set(m, x);
    }
    expect(
      Object.fromEntries(
        q
          .motivos(r, pid)
          .map((m) => [m.motivo, { cantidad: m.cantidad, totalCentavos: m.totalCentavos }]),
      ),
    ).toEqual(Object.fromEntries(motivos));
    db.close();
  });

  it('resumen tributario de cada mes: solo autorizados, y cuántos quedan fuera', () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 60 }), punto, (docs, p) => {
        const db = tienda(docs);
        const q = createConsultasReportes(db.sqlite);
        for (const mes of ['2026-01', '2026-02', '2026-03']) {
          const t = q.tributario(mes, p === undefined ? undefined : PUNTOS[p]);
          const delMes = filtrar(docs, rangoDelMes(mes), p);
          const autorizados = delMes.filter((d) =>
            (ESTADOS_AUTORIZADOS as readonly string[]).includes(estadoDe(d)),
          );
          const iva = new Map<string, { fb: number; fi: number; nb: number; ni: number }>();
          for (const d of autorizados) {
            for (const x of importesDoc(d, PRODUCTOS).impuestos) {
              const acc = iva.get(x.cp) ?? { fb: 0, fi: 0, nb: 0, ni: 0 };
              if (d.codDoc === '01') {
                acc.fb += x.base;
                acc.fi += x.iva;
              } else {
                acc.nb += x.base;
                acc.ni += x.iva;
              }
              iva.set(x.cp, acc);
            }
          }
          for (const cp of ['4', '5', '0', '6', '7']) {
            const fila = t.porIva.find((f) => f.codigoPorcentaje === cp);
            const e = iva.get(cp) ?? { fb: 0, fi: 0, nb: 0, ni: 0 };
            expect(fila).toMatchObject({
              facturas: { baseCentavos: e.fb, ivaCentavos: e.fi },
              notasCredito: { baseCentavos: e.nb, ivaCentavos: e.ni },
              neto: { baseCentavos: e.fb - e.nb, ivaCentavos: e.fi - e.ni },
            });
          }
          const fac = autorizados.filter((d) => d.codDoc === '01');
          expect(t.facturas).toEqual({
            cantidad: fac.length,
            subtotalCentavos: fac.reduce((a, d) => a + importesDoc(d, PRODUCTOS).subtotal, 0),
            ivaCentavos: fac.reduce((a, d) => a + importesDoc(d, PRODUCTOS).iva, 0),
            totalCentavos: fac.reduce((a, d) => a + importesDoc(d, PRODUCTOS).total, 0),
          });
          const fuera = delMes.filter(
            (d) => vale(d) && !(ESTADOS_AUTORIZADOS as readonly string[]).includes(estadoDe(d)),
          );
          expect(t.sinAutorizar.cantidad).toBe(fuera.length);
          expect(t.aviso === null).toBe(fuera.length === 0);
        }
        db.close();
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

describe('piezasDeRango', () => {
  it('cubre cada día del rango exactamente una vez', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 0, max: 400 }),
        (inicio, largo) => {
          const r = {
            desde: sumarDias('2025-01-01', inicio),
            hasta: sumarDias('2025-01-01', inicio + largo),
          };
          const piezas = piezasDeRango(r);
          const cuenta = new Map<string, number>();
          const mover = (dias: string[], n: number) => {
            for (const d of dias) cuenta.set(d, (cuenta.get(d) ?? 0) + n);
          };
          for (const m of piezas.meses) mover(diasDe(rangoDelMes(m)), 1);
          for (const x of piezas.sumarDias) mover(diasDe(x), 1);
          for (const x of piezas.restarDias) mover(diasDe(x), -1);
          const cubiertos = [...cuenta].filter(([, n]) => n !== 0);
          expect(cubiertos.every(([, n]) => n === 1)).toBe(true);
          expect(cubiertos.map(([d]) => d).sort()).toEqual(diasDe(r));
        },
      ),
    );
  });
});

describe('comparación por día', () => {
  it('un mes completo se compara con el mes anterior completo, y los días que le faltan quedan vacíos', () => {
    const dia = (fecha: string): DocSemilla => ({
      codDoc: '01',
      fecha,
      minuto: 600,
      punto: 0,
      usuario: 0,
      lineas: [{ producto: 0, cantidadMicro: 1_000_000, precioMicro: 1_000_000 }],
      pagos: ['01'],
      motivo: 0,
      estadoInicial: 'AUTHORIZED',
      estadoFinal: null,
    });
    const db = tienda([dia('2026-02-28'), dia('2026-03-01'), dia('2026-03-31')]);
    const q = createConsultasReportes(db.sqlite);
    const v = q.ventas({ desde: '2026-03-01', hasta: '2026-03-31', comparar: 'mes' });
    expect(v.anterior).toEqual({ desde: '2026-02-01', hasta: '2026-02-28' });
    expect(v.porDia[27]).toMatchObject({
      fecha: '2026-03-28',
      fechaAnterior: '2026-02-28',
      anteriorCentavos: 115,
    });
    expect(v.porDia[28]).toMatchObject({
      fecha: '2026-03-29',
      fechaAnterior: '',
      anteriorCentavos: 0,
    });
    expect(v.porDia[30]).toMatchObject({
      fecha: '2026-03-31',
      ventasCentavos: 115,
      anteriorCentavos: 0,
    });
    expect(v.totales.anteriorCentavos).toBe(115);
    db.close();
  });
});
