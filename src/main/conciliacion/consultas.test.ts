import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sembrarDocumentos } from '../../../test/fixtures/documentos';
import type { FiltroDocumentos } from '../../shared/contract/conciliacion';
import type { Database } from '../db';
import { openTestDatabase } from '../db/testing';
import { createConsultas } from './consultas';
import { campoCsv, centavosATexto, lineaCsv } from './csv';

let db: Database;
beforeEach(() => {
  db = openTestDatabase();
});
afterEach(() => db.close());

const ids = (docs: { id: string }[]) => docs.map((d) => d.id);

/** The same filter applied naively in JS over every row: the reference for the SQL. */
const referencia = (f: FiltroDocumentos, estados: readonly string[] | null) =>
  (
    db.sqlite
      .prepare(
        `SELECT id, fecha_emision AS fecha, status, emission_point_id AS punto, cod_doc AS codDoc,
                buyer_identificacion AS comprador FROM document`,
      )
      .all() as {
      id: string;
      fecha: string;
      status: string;
      punto: string;
      codDoc: string;
      comprador: string;
    }[]
  )
    .filter(
      (d) =>
        d.fecha >= f.desde &&
        d.fecha <= f.hasta &&
        (estados === null || estados.includes(d.status)) &&
        (f.puntoEmisionId === undefined || d.punto === f.puntoEmisionId) &&
        (f.codDoc === undefined || d.codDoc === f.codDoc) &&
        (f.comprador === undefined || d.comprador === f.comprador),
    )
    .sort((a, b) => (a.fecha === b.fecha ? (a.id < b.id ? 1 : -1) : a.fecha < b.fecha ? 1 : -1))
    .map((d) => d.id);

const todasLasPaginas = (f: FiltroDocumentos, limite: number): string[] => {
  const q = createConsultas(db.sqlite);
  const out: string[] = [];
  let cursor = null;
  for (;;) {
    const p = q.listar(f, cursor, limite);
    out.push(...ids(p.documentos));
    if (p.siguiente === null) return out;
    cursor = p.siguiente;
  }
};

describe('consultas de conciliación', () => {
  it('pagina por clave sin repetir ni saltar documentos, con cada filtro y grupo', () => {
    const s = sembrarDocumentos(db.sqlite, { documentos: 600, dias: 20, semilla: 7 });
    const casos: [FiltroDocumentos, readonly string[] | null][] = [
      [{ desde: s.desde, hasta: s.hasta }, null],
      [{ desde: s.desde, hasta: s.desde }, null],
      [{ desde: s.desde, hasta: s.hasta, estado: 'AUTHORIZED' }, ['AUTHORIZED']],
      [
        { desde: s.desde, hasta: s.hasta, estado: 'con_error' },
        ['REJECTED', 'MANUAL_REVIEW_REQUIRED', 'FAILED_PERMANENT'],
      ],
      [
        { desde: s.desde, hasta: s.hasta, estado: 'autorizados' },
        ['AUTHORIZED', 'CANCELLATION_REQUESTED', 'CANCELLED', 'VOIDED_BY_NC'],
      ],
      [{ desde: s.desde, hasta: s.hasta, codDoc: '04' }, null],
      [{ desde: s.desde, hasta: s.hasta, puntoEmisionId: s.puntos[1] as string }, null],
      [{ desde: s.desde, hasta: s.hasta, comprador: '9999999999999', codDoc: '01' }, null],
    ];
    for (const [filtro, estados] of casos) {
      const esperado = referencia(filtro, estados);
      expect(esperado.length).toBeGreaterThan(0);
      expect(todasLasPaginas(filtro, 37)).toEqual(esperado);
    }
  });

  it('cuenta por estado y por grupo lo mismo que las filas', () => {
    const s = sembrarDocumentos(db.sqlite, { documentos: 400, dias: 5, semilla: 3 });
    const c = createConsultas(db.sqlite).conteos({ desde: s.desde, hasta: s.hasta });
    expect(c.total).toBe(400);
    const porEstado = db.sqlite
      .prepare('SELECT status, COUNT(*) AS n FROM document GROUP BY status')
      .all() as { status: string; n: number }[];
    for (const r of porEstado) expect(c.porEstado[r.status]).toBe(r.n);
    expect(c.porGrupo.con_error).toBe(
      porEstado
        .filter((r) =>
          ['REJECTED', 'MANUAL_REVIEW_REQUIRED', 'FAILED_PERMANENT'].includes(r.status),
        )
        .reduce((a, r) => a + r.n, 0),
    );
  });

  it('los conteos siguen a los documentos que cambian de estado, por punto, tipo y comprador', () => {
    const s = sembrarDocumentos(db.sqlite, { documentos: 500, dias: 10, semilla: 9 });
    const q = createConsultas(db.sqlite);
    // Documents move: the outbox authorizes some, a supervisor gives one up.
    db.sqlite.exec(
      "UPDATE document SET status = 'AUTHORIZED' WHERE status IN ('SIGNED', 'RECEPTION_RETRY_SCHEDULED')",
    );
    db.sqlite.exec(
      "UPDATE document SET status = 'FAILED_PERMANENT' WHERE id = (SELECT id FROM document WHERE status = 'REJECTED' LIMIT 1)",
    );
    const directo = (where: string, params: unknown[]) =>
      Object.fromEntries(
        (
          db.sqlite
            .prepare(`SELECT status, COUNT(*) AS n FROM document WHERE ${where} GROUP BY status`)
            .all(...params) as { status: string; n: number }[]
        ).map((r) => [r.status, r.n]),
      );
    const mitad = s.puntos[1] as string;
    expect(q.conteos({ desde: s.desde, hasta: s.hasta, puntoEmisionId: mitad }).porEstado).toEqual(
      directo('emission_point_id = ?', [mitad]),
    );
    expect(q.conteos({ desde: s.hasta, hasta: s.hasta, codDoc: '04' }).porEstado).toEqual(
      directo("fecha_emision = ? AND cod_doc = '04'", [s.hasta]),
    );
    const comprador = db.sqlite
      .prepare("SELECT buyer_identificacion AS b FROM document WHERE buyer_tipo = '05' LIMIT 1")
      .get() as { b: string };
    expect(q.conteos({ desde: s.desde, hasta: s.hasta, comprador: comprador.b }).porEstado).toEqual(
      directo('buyer_identificacion = ?', [comprador.b]),
    );
  });

  it('el resumen diario cuadra al centavo con los documentos: facturas menos notas de crédito', () => {
    const s = sembrarDocumentos(db.sqlite, { documentos: 800, dias: 3, semilla: 11 });
    const dia = s.hasta;
    // Documents cancelled after they were written leave the totals (the triggers move them).
    const movidos = db.sqlite
      .prepare(
        `UPDATE document SET status = 'CANCELLED' WHERE id IN
           (SELECT id FROM document WHERE status = 'AUTHORIZED' AND fecha_emision = ? LIMIT 7)`,
      )
      .run(dia).changes;
    expect(movidos).toBeGreaterThan(0);
    const r = createConsultas(db.sqlite).resumen(dia, dia);
    // Independent sums: one document at a time, in JS.
    const docs = db.sqlite
      .prepare(
        `SELECT id, cod_doc AS codDoc, status, subtotal_cents AS sub, iva_cents AS iva, total_cents AS total
         FROM document WHERE fecha_emision = ?`,
      )
      .all(dia) as {
      id: string;
      codDoc: string;
      status: string;
      sub: number;
      iva: number;
      total: number;
    }[];
    const validos = docs.filter((d) => d.status !== 'FAILED_PERMANENT' && d.status !== 'CANCELLED');
    const signo = (d: { codDoc: string }) => (d.codDoc === '04' ? -1 : 1);
    const neto = { sub: 0, iva: 0, total: 0 };
    const porTarifa = new Map<string, { base: number; iva: number }>();
    const porForma = new Map<string, number>();
    const impuestos = db.sqlite.prepare(
      `SELECT codigo_porcentaje AS cp, base_cents AS base, valor_cents AS valor FROM document_tax WHERE document_id = ?`,
    );
    const pagos = db.sqlite.prepare(
      'SELECT forma_pago AS f, total_cents AS t FROM document_payment WHERE document_id = ?',
    );
    for (const d of validos) {
      neto.sub += signo(d) * d.sub;
      neto.iva += signo(d) * d.iva;
      neto.total += signo(d) * d.total;
      for (const t of impuestos.all(d.id) as { cp: string; base: number; valor: number }[]) {
        const acc = porTarifa.get(t.cp) ?? { base: 0, iva: 0 };
        acc.base += signo(d) * t.base;
        acc.iva += signo(d) * t.valor;
        porTarifa.set(t.cp, acc);
      }
      for (const p of pagos.all(d.id) as { f: string; t: number }[]) {
        porForma.set(p.f, (porForma.get(p.f) ?? 0) + signo(d) * p.t);
      }
    }
    expect(r.facturas.cantidad + r.notasCredito.cantidad + r.excluidos.cantidad).toBe(docs.length);
    expect(r.notasCredito.cantidad).toBeGreaterThan(0);
    expect(r.neto).toEqual({
      subtotalCentavos: neto.sub,
      ivaCentavos: neto.iva,
      totalCentavos: neto.total,
    });
    expect(
      Object.fromEntries(
        r.porIva.map((t) => [
          t.codigoPorcentaje,
          { base: t.neto.baseCentavos, iva: t.neto.ivaCentavos },
        ]),
      ),
    ).toEqual(Object.fromEntries(porTarifa));
    expect(Object.fromEntries(r.porFormaPago.map((p) => [p.formaPago, p.netoCentavos]))).toEqual(
      Object.fromEntries(porForma),
    );
    // The parts add up to the whole.
    const sumaIva = r.porIva.reduce((a, t) => a + t.neto.ivaCentavos, 0);
    const sumaBase = r.porIva.reduce((a, t) => a + t.neto.baseCentavos, 0);
    expect(sumaIva).toBe(r.neto.ivaCentavos);
    expect(sumaBase).toBe(r.neto.subtotalCentavos);
    // Every factura is fully paid; only some refunds were recorded with a payment method.
    expect(r.porFormaPago.reduce((a, p) => a + p.facturasCentavos, 0)).toBe(
      r.facturas.totalCentavos,
    );
  });

  it('atascados cuenta revisión manual, rechazados y pendientes de más de N minutos', () => {
    sembrarDocumentos(db.sqlite, { documentos: 300, dias: 2, semilla: 5 });
    const q = createConsultas(db.sqlite);
    const cuenta = (sql: string) => (db.sqlite.prepare(sql).get() as { n: number }).n;
    const a = q.atascados(new Date('2026-11-27T00:00:00.000Z'), 15);
    expect(a.revisionManual).toBe(
      cuenta("SELECT COUNT(*) AS n FROM document WHERE status = 'MANUAL_REVIEW_REQUIRED'"),
    );
    expect(a.rechazados).toBe(
      cuenta("SELECT COUNT(*) AS n FROM document WHERE status = 'REJECTED'"),
    );
    expect(a.demorados).toBe(
      cuenta(
        "SELECT COUNT(*) AS n FROM document WHERE status IN ('SIGNED', 'RECEPTION_RETRY_SCHEDULED', 'AUTHORIZATION_RETRY_SCHEDULED', 'RECEPTION_UNKNOWN')",
      ),
    );
    expect(a.demorados).toBeGreaterThan(0);
    expect(q.atascados(new Date('2026-11-25T00:00:00.000Z'), 15).demorados).toBe(0);
    expect(a.total).toBe(a.revisionManual + a.rechazados + a.demorados);
    expect(a.total).toBeGreaterThan(0);
    expect(a.masAntiguo).not.toBeNull();
  });
});

describe('CSV para Excel', () => {
  it('escribe centavos con punto decimal, exactos', () => {
    expect(centavosATexto(0)).toBe('0.00');
    expect(centavosATexto(5)).toBe('0.05');
    expect(centavosATexto(123456789)).toBe('1234567.89');
    expect(centavosATexto(-1050)).toBe('-10.50');
  });

  it('entrecomilla «;», comillas y saltos, y desactiva fórmulas escritas por personas', () => {
    expect(campoCsv('Pérez; Hijos')).toBe('"Pérez; Hijos"');
    expect(campoCsv('El "Tigre"')).toBe('"El ""Tigre"""');
    expect(campoCsv('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(campoCsv({ digitos: '0123' })).toBe('"=""0123"""');
    expect(lineaCsv(['a', 1, null])).toBe('a;1;\r\n');
  });
});
