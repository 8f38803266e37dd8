/**
 * Issue 17 §6, a clock moved back 30 days: a document waiting for an SRI retry must not wait
 * until the old time comes back (clamped at start), and the next sale, dated before the
 * previous document of its emission point, carries a warning for the cashier.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main/app';
import { createTempDir } from '../../src/main/db/testing';
import { systemClock } from '../../src/main/log';
import { ESPERA_MAXIMA_MS } from '../../src/main/recuperacion/reloj';
import { sell, startDemoApp } from './release-app';

let tmp: { dir: string; cleanup: () => void };
beforeAll(() => {
  tmp = createTempDir('mostrador-reloj-');
});
afterAll(() => tmp.cleanup());

const TREINTA_DIAS = 30 * 86_400_000;
/** The clock before it was set back: 30 days ahead of the real one. */
const adelantado = { now: () => new Date(Date.now() + TREINTA_DIAS) };

const cobrar = async (app: App): Promise<string[]> => {
  const p = app.db.sqlite
    .prepare(
      'SELECT id, unit_price_micro AS price FROM product WHERE active = 1 AND is_weighed = 0 ORDER BY code LIMIT 1',
    )
    .get() as { id: string; price: number };
  const carrito = {
    comprador: null,
    lineas: [{ productoId: p.id, cantidad: '1', precioUnitarioMicros: p.price }],
  };
  const calculo = await app.call('ventas.calcular', carrito, 'interno');
  if (!calculo.ok) throw new Error(calculo.error.message);
  const total = (calculo.value as { totales: { totalCentavos: number } }).totales.totalCentavos;
  const cobro = await app.call(
    'ventas.cobrar',
    { ...carrito, ventaId: randomUUID(), pagos: [{ formaPago: '01', montoCentavos: total }] },
    'interno',
  );
  if (!cobro.ok) throw new Error(cobro.error.message);
  return (cobro.value as { advertencias: string[] }).advertencias;
};

describe('hora del equipo atrasada', () => {
  it('al iniciar, una espera de reintento de hace 30 días se acota y la venta siguiente avisa', async () => {
    const dataDir = path.join(tmp.dir, 'atras');
    const antes = await startDemoApp(dataDir, { importCertificate: false, clock: adelantado });
    const id = await sell(antes.app, 1);
    await antes.app.close();
    // The SRI asked to retry later, by the clock of that moment: 30 days ahead of today.
    const reintento = new Date(adelantado.now().getTime() + 10 * 60_000).toISOString();
    const { default: Sqlite } = await import('better-sqlite3');
    const file = new Sqlite(path.join(dataDir, 'mostrador.sqlite'));
    file
      .prepare(
        "UPDATE outbox_job SET status = 'pending', next_attempt_at = ?, locked_until = NULL WHERE document_id = ? AND kind = 'sri'",
      )
      .run(reintento, id);
    file.close();

    const despues = await startDemoApp(dataDir, { importCertificate: false, clock: systemClock });
    try {
      const fila = despues.app.db.sqlite
        .prepare(
          "SELECT next_attempt_at AS n, status FROM outbox_job WHERE document_id = ? AND kind = 'sri'",
        )
        .get(id) as { n: string; status: string };
      expect(fila.status).toBe('pending');
      expect(Date.parse(fila.n)).toBeLessThanOrEqual(Date.now() + ESPERA_MAXIMA_MS);
      const advertencias = await cobrar(despues.app);
      expect(advertencias.join(' ')).toContain('es anterior a la del último comprobante');
    } finally {
      await despues.app.close();
    }
  });
});
