/**
 * Record ids: UUID version 7 (RFC 9562), so ids sort by creation time and B-tree inserts stay
 * at the end of the index. Injected like the clock, so tests can fix them.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../log';

export type IdGenerator = { newId: () => string };

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/**
 * UUIDv7 ids from `clock`; within one millisecond a 12-bit counter keeps them increasing.
 * @example createIdGenerator(systemClock).newId() // '0190f3c2-7a1b-7c3d-9e4f-1a2b3c4d5e6f'
 */
export const createIdGenerator = (
  clock: Clock,
  random: (size: number) => Uint8Array = randomBytes,
): IdGenerator => {
  let lastMs = -1;
  let counter = 0;
  return {
    newId: () => {
      let ms = clock.now().getTime();
      if (ms <= lastMs) {
        ms = lastMs;
        counter++;
        if (counter > 0xfff) {
          // Counter exhausted: borrow the next millisecond rather than repeat or go back.
          ms = lastMs + 1;
          counter = 0;
        }
      } else {
        counter = 0;
      }
      lastMs = ms;
      const bytes = new Uint8Array(16);
      bytes.set(random(8), 8);
      let t = ms;
      for (let i = 5; i >= 0; i--) {
        bytes[i] = t % 256;
        t = Math.floor(t / 256);
      }
      bytes[6] = 0x70 | (counter >> 8);
      bytes[7] = counter & 0xff;
      bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
      const h = hex(bytes);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
};
