import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, RETRY_BACKOFF } from './backoff';

describe('backoffDelayMs', () => {
  it('duplica el retardo en cada intento hasta el tope', () => {
    const sinAzar = () => 1;
    expect(backoffDelayMs(0, RETRY_BACKOFF, sinAzar)).toBe(2_000);
    expect(backoffDelayMs(1, RETRY_BACKOFF, sinAzar)).toBe(4_000);
    expect(backoffDelayMs(3, RETRY_BACKOFF, sinAzar)).toBe(16_000);
    expect(backoffDelayMs(40, RETRY_BACKOFF, sinAzar)).toBe(RETRY_BACKOFF.capMs);
  });

  it('nunca baja de la mitad ni supera el valor exponencial', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const full = Math.min(
          RETRY_BACKOFF.capMs,
          RETRY_BACKOFF.baseMs * 2 ** Math.min(attempt, 30),
        );
        const delay = backoffDelayMs(attempt, RETRY_BACKOFF, () => r);
        return delay >= Math.floor(full / 2) && delay <= full;
      }),
    );
  });
});
