import { describe, expect, it } from 'vitest';
import { openStoreWithSales, sell } from '../factio/testing';
import { createMemoryLogger } from '../log';
import { ESPERA_MAXIMA_MS, vigilarReloj } from './reloj';

describe('vigilarReloj', () => {
  it('acota las esperas al iniciar y cuando la hora retrocede mientras corre', async () => {
    let pared = Date.parse('2026-12-02T12:00:00.000Z');
    let mono = 1_000;
    const clock = { now: () => new Date(pared) };
    const { db, emision } = await openStoreWithSales(clock);
    sell(db, emision, 1);
    const lejos = '2027-01-01T00:00:00.000Z';
    const ponerLejos = () =>
      db.sqlite
        .prepare(
          "UPDATE outbox_job SET next_attempt_at = ?, locked_until = ? WHERE status = 'pending'",
        )
        .run(lejos, lejos);
    const esperas = () =>
      db.sqlite
        .prepare(
          "SELECT next_attempt_at AS n, locked_until AS l FROM outbox_job WHERE status = 'pending'",
        )
        .all() as { n: string; l: string | null }[];
    ponerLejos();
    let despertadas = 0;
    const vigia = vigilarReloj({
      sqlite: db.sqlite,
      clock,
      logger: createMemoryLogger(),
      alAcotar: () => {
        despertadas += 1;
      },
      monotono: () => mono,
    });
    try {
      const tope = new Date(pared + ESPERA_MAXIMA_MS).toISOString();
      for (const e of esperas()) {
        expect(e.n <= tope).toBe(true);
        expect((e.l ?? '') <= tope).toBe(true);
      }
      expect(despertadas).toBe(1);

      // A normal minute: nothing to do.
      pared += 60_000;
      mono += 60_000;
      expect(vigia.revisar()).toBe(false);

      // Stepped back 30 days while running; the old retry times are weeks ahead again.
      pared -= 30 * 86_400_000;
      mono += 1_000;
      ponerLejos();
      expect(vigia.revisar()).toBe(true);
      const topeNuevo = new Date(pared + ESPERA_MAXIMA_MS).toISOString();
      for (const e of esperas()) expect(e.n <= topeNuevo).toBe(true);
      expect(despertadas).toBe(2);
    } finally {
      vigia.detener();
      db.close();
    }
  }, 30_000);
});
