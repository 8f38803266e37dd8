/** Small helpers shared by the benchmark scripts: timing and percentiles, printed plainly. */
import { performance } from 'node:perf_hooks';

export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
};

export type Summary = { n: number; p50: number; p95: number; p99: number; mean: number };

export const summarize = (samples: readonly number[]): Summary => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean,
  };
};

export const timeMs = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const value = work();
  return [value, performance.now() - start];
};

export const fmt = (ms: number): string => `${ms.toFixed(2)} ms`;

export const line = (label: string, s: Summary): string =>
  `${label.padEnd(44)} n=${String(s.n).padStart(6)}  p50=${fmt(s.p50).padStart(10)}  p95=${fmt(s.p95).padStart(10)}  p99=${fmt(s.p99).padStart(10)}`;
