/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of
 * many documents spread out instead of hitting the SRI together, yet never collapse to zero.
 */
export type BackoffPolicy = { baseMs: number; capMs: number };

/** Retrying a transient failure (HTTP 5xx, DEVUELTA 50): seconds, capped at five minutes. */
export const RETRY_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 };
/** Polling autorización after RECIBIDA / EN PROCESO: the SRI usually answers within seconds. */
export const POLL_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 2 * 60_000 };
/** DEVUELTA 33 (IP sancionada por exceso de consultas): back off hard. */
export const SLOW_DOWN_BACKOFF: BackoffPolicy = { baseMs: 60_000, capMs: 30 * 60_000 };

/**
 * Delay before attempt number `attempt + 1` (attempt counts from 0).
 * @example backoffDelayMs(0, RETRY_BACKOFF, () => 0) // 1000
 */
export const backoffDelayMs = (
  attempt: number,
  policy: BackoffPolicy,
  random: () => number,
): number => {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const half = exponential / 2;
  return Math.round(half + random() * half);
};
