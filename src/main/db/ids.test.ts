import { describe, expect, it } from 'vitest';
import { createIdGenerator } from './ids';
import { createFixedClock } from './testing';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createIdGenerator', () => {
  it('genera UUID versión 7 con la hora del reloj en los primeros 48 bits', () => {
    const clock = createFixedClock('2025-03-14T15:00:00.000Z');
    const id = createIdGenerator(clock).newId();
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(clock.now().getTime());
  });

  it('los ids crecen en orden aunque el reloj no avance o retroceda', () => {
    const clock = createFixedClock();
    const ids = createIdGenerator(clock);
    const generated: string[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i === 2500) clock.advance(-10_000);
      generated.push(ids.newId());
    }
    expect(new Set(generated).size).toBe(generated.length);
    expect([...generated].sort()).toEqual(generated);
    for (const id of generated) expect(id).toMatch(UUID_V7);
  });
});
