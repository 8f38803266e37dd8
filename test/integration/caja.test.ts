/**
 * A cash shift through the real app (demo store, logged in as the demo cashier): opened with a
 * float, sales in cash, card and both, a cash withdrawal authorized by a supervisor, closed with
 * a counted amount. The Z report's totals must equal sums computed here, independently, from
 * what each sale answered and what was paid; its PDF (read back with pdftotext) and its ESC/POS
 * copy (received by a fake printer) carry the same figures.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { dolares } from '../../src/main/caja';
import { createMemoryLogger, systemClock } from '../../src/main/log';
import type { ReporteZ, Turno } from '../../src/shared/contract/caja';
import { createMemoryKeychain } from '../fakes/memoryKeychain';
import { type FakePrinter, startFakePrinter } from '../fakes/printer';
import { aprobandoEnApp } from './aprobar';

let dataDir: string;
let app: App;
let printer: FakePrinter;
const usuarios: Record<string, string> = {};

const call = async <T = Record<string, unknown>>(name: string, input: unknown): Promise<T> => {
  const r = await app.call(name, input, 'interno');
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
};
const callErr = async (name: string, input: unknown) => {
  const r = await app.call(name, input, 'interno');
  if (r.ok) throw new Error(`${name} debió fallar`);
  return r.error;
};

type Cobro = {
  documentoId: string;
  totales: {
    totalCentavos: number;
    impuestos: { codigoPorcentaje: string; baseCentavos: number; valorCentavos: number }[];
  };
};

const productos = () =>
  app.db.sqlite
    .prepare(
      `SELECT id, unit_price_micro AS precio, iva_codigo_porcentaje AS iva FROM product
       WHERE unit = 'unidad' AND active = 1 ORDER BY iva_codigo_porcentaje, code`,
    )
    .all() as { id: string; precio: number; iva: string }[];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mostrador-caja-'));
  const created = await createApp({
    dataDir,
    demo: true,
    logger: createMemoryLogger(),
    clock: systemClock,
    keychain: createMemoryKeychain(),
  });
  if (!created.ok) throw new Error(created.error.message);
  app = aprobandoEnApp(created.value);
  printer = await startFakePrinter();
  app.db.sqlite
    .prepare(
      `INSERT INTO printer (id, name, kind, host, port, profile, paper, is_default, open_drawer)
       VALUES ('imp-prueba', 'Térmica de prueba', 'escpos_tcp', '127.0.0.1', ?, 'tm-t20iii', '80mm', 1, 0)`,
    )
    .run(printer.port);
  for (const u of app.db.sqlite.prepare('SELECT id, rol FROM app_user').all() as {
    id: string;
    rol: string;
  }[]) {
    usuarios[u.rol] = u.id;
  }
});

afterAll(async () => {
  await app?.close();
  await printer?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('turno de caja con reporte Z', () => {
  it('abre, vende en efectivo y tarjeta, retira efectivo y cierra con un Z que cuadra al centavo', async () => {
    expect((await call<{ turno: Turno | null }>('caja.estado', {})).turno).toBeNull();
    const abierto = await call<Turno>('caja.abrir', { fondoCentavos: 5000 });
    expect(abierto.efectivo.esperadoCentavos).toBe(5000);
    expect((await callErr('caja.abrir', { fondoCentavos: 100 })).code).toBe('turno_abierto');

    // The SRI is down: documents stay in the queue and closing must warn about them.
    await call('simulador.configurar', { caido: true });
    const [a, b, c] = productos();
    if (a === undefined || b === undefined || c === undefined) throw new Error('faltan productos');
    type Linea = { p: typeof a; cantidad: string };
    const carrito = (lineas: Linea[]) => ({
      comprador: null,
      lineas: lineas.map(({ p, cantidad }) => ({
        productoId: p.id,
        cantidad,
        precioUnitarioMicros: p.precio,
      })),
    });
    const total = async (lineas: Linea[]) =>
      (
        await call<{ totales: { totalCentavos: number } }>('ventas.calcular', {
          ...carrito(lineas),
          pagos: [],
        })
      ).totales.totalCentavos;
    const vender = (lineas: Linea[], pagos: { formaPago: string; montoCentavos: number }[]) =>
      call<Cobro>('ventas.cobrar', { ventaId: randomUUID(), ...carrito(lineas), pagos });

    // What the drawer and the card terminal got, counted here from what was paid.
    const esperado = { efectivo: 0, tarjeta: 0, total: 0 };
    const ventas: Cobro[] = [];

    const l1: Linea[] = [
      { p: a, cantidad: '2' },
      { p: c, cantidad: '1' },
    ];
    const t1 = await total(l1);
    ventas.push(await vender(l1, [{ formaPago: '01', montoCentavos: t1 + 537 }]));
    esperado.efectivo += t1;

    const l2: Linea[] = [{ p: b, cantidad: '3' }];
    const t2 = await total(l2);
    ventas.push(await vender(l2, [{ formaPago: '19', montoCentavos: t2 }]));
    esperado.tarjeta += t2;

    const l3: Linea[] = [
      { p: c, cantidad: '2' },
      { p: b, cantidad: '1' },
    ];
    const t3 = await total(l3);
    const parteTarjeta = Math.floor(t3 / 3);
    ventas.push(
      await vender(l3, [
        { formaPago: '19', montoCentavos: parteTarjeta },
        { formaPago: '01', montoCentavos: t3 - parteTarjeta + 1000 },
      ]),
    );
    esperado.tarjeta += parteTarjeta;
    esperado.efectivo += t3 - parteTarjeta;
    esperado.total = t1 + t2 + t3;
    expect(ventas.map((v) => v.totales.totalCentavos)).toEqual([t1, t2, t3]);

    // A withdrawal needs a supervisor; a cashier's PIN is not enough.
    const sinPin = await callErr('caja.movimiento', {
      tipo: 'salida',
      montoCentavos: 2000,
      motivo: 'Depósito en banco',
    });
    expect(sinPin.code).toBe('autorizacion_requerida');
    const cajero = await callErr('caja.movimiento', {
      tipo: 'salida',
      montoCentavos: 2000,
      motivo: 'Depósito en banco',
      autorizacion: { usuarioId: usuarios.cajero, pin: '1234' },
    });
    expect(cajero.code).toBe('rol_insuficiente');
    await call('caja.movimiento', {
      tipo: 'salida',
      montoCentavos: 2000,
      motivo: 'Depósito en banco',
      autorizacion: { usuarioId: usuarios.supervisor, pin: '5678' },
    });
    const conEntrada = await call<Turno>('caja.movimiento', {
      tipo: 'entrada',
      montoCentavos: 350,
      motivo: 'Cambio en monedas',
    });
    const esperadoCaja = 5000 + esperado.efectivo - 2000 + 350;
    expect(conEntrada.efectivo.esperadoCentavos).toBe(esperadoCaja);

    // Counted: $20 × 3, $1 coin × 4, 25 ¢ × 3 → $64.75.
    const conteo = { b20: 3, m100: 4, m25: 3 };
    const contado = 6475;
    const pendiente = await callErr('caja.cerrar', { conteo });
    expect(pendiente.code).toBe('pendientes_sri');
    expect(pendiente.message).toContain('3 documentos por enviar al SRI');

    // Counted is far from expected: beyond the store's margin, so a supervisor authorizes.
    const sinSupervisor = await callErr('caja.cerrar', { conteo, aunConPendientes: true });
    expect(sinSupervisor.code).toBe('autorizacion_requerida');
    const cierre = await call<{ reporte: ReporteZ; impresion: { trabajoId?: number } }>(
      'caja.cerrar',
      {
        conteo,
        aunConPendientes: true,
        autorizacion: { usuarioId: usuarios.supervisor, pin: '5678' },
      },
    );
    const z = cierre.reporte;
    expect(z.turno.estado).toBe('closed');
    expect(z.turno.facturas).toEqual({ cantidad: 3, totalCentavos: esperado.total });
    expect(z.turno.notasCredito).toEqual({ cantidad: 0, totalCentavos: 0 });
    const forma = (f: string) => z.porFormaPago.find((p) => p.formaPago === f)?.facturasCentavos;
    expect(forma('01')).toBe(esperado.efectivo);
    expect(forma('19')).toBe(esperado.tarjeta);
    // By IVA rate: the sum of what each sale's own calculation said.
    const porTarifa = new Map<string, { base: number; iva: number }>();
    for (const v of ventas) {
      for (const i of v.totales.impuestos) {
        const acc = porTarifa.get(i.codigoPorcentaje) ?? { base: 0, iva: 0 };
        acc.base += i.baseCentavos;
        acc.iva += i.valorCentavos;
        porTarifa.set(i.codigoPorcentaje, acc);
      }
    }
    expect(
      Object.fromEntries(
        z.porIva.map((r) => [r.codigoPorcentaje, { base: r.baseCentavos, iva: r.ivaCentavos }]),
      ),
    ).toEqual(Object.fromEntries(porTarifa));
    expect(z.turno.efectivo).toEqual({
      fondoCentavos: 5000,
      ventasCentavos: esperado.efectivo,
      devolucionesCentavos: 0,
      entradasCentavos: 350,
      salidasCentavos: 2000,
      esperadoCentavos: esperadoCaja,
    });
    expect(z.contadoCentavos).toBe(contado);
    expect(z.diferenciaCentavos).toBe(contado - esperadoCaja);
    expect((await call<{ turno: Turno | null }>('caja.estado', {})).turno).toBeNull();

    // The PDF says the same.
    const pdf = await call<{ pdfBase64: string }>('caja.reporteZPdf', { turnoId: z.turno.id });
    const archivo = join(dataDir, 'z.pdf');
    await writeFile(archivo, Buffer.from(pdf.pdfBase64, 'base64'));
    const texto = execFileSync('pdftotext', ['-layout', archivo, '-'], { encoding: 'utf8' });
    expect(texto).toContain('REPORTE Z');
    expect(texto).toMatch(new RegExp(`Facturas \\(3\\)\\s+\\${dolares(esperado.total)}`));
    expect(texto).toMatch(new RegExp(`Esperado\\s+\\${dolares(esperadoCaja)}`));
    expect(texto).toMatch(new RegExp(`Contado\\s+\\${dolares(contado)}`));
    expect(texto).toContain(dolares(contado - esperadoCaja));
    expect(texto).toContain('Salida: Depósito en banco');

    // And so does the thermal copy the print queue sent (after the three receipts).
    expect(cierre.impresion.trabajoId).toBeGreaterThan(0);
    const trabajos = await printer.waitForJobs(4, 20_000);
    const zTermico = trabajos
      .map((t) => Buffer.from(t).toString('latin1'))
      .find((t) => t.includes('REPORTE Z'));
    expect(zTermico).toBeDefined();
    expect(zTermico).toContain(`Facturas (3)`);
    expect(zTermico).toContain(dolares(esperado.total));
    expect(zTermico).toContain(dolares(esperadoCaja));
    // The printer has the bytes; the queue marks the job done right after.
    const trabajo = () =>
      app.db.sqlite
        .prepare('SELECT kind, status FROM print_job WHERE id = ?')
        .get(cierre.impresion.trabajoId) as { kind: string; status: string };
    for (let i = 0; i < 50 && trabajo().status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(trabajo()).toEqual({ kind: 'z_report', status: 'done' });
  });
});
