// Retries with jittered exponential backoff, only for idempotent requests (RFC 9110 §9.2.2) and
// only on 5xx and 429 answers or on connection failures before any answer; Retry-After
// (RFC 9110 §10.2.3) is honoured up to a bound, and the number of attempts is bounded.

export interface RetryOptions {
  /** Total attempts including the first; 1 disables retries. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error is reported instead. */
  readonly maxRetryAfterMs: number;
}

export const defaultRetryOptions: RetryOptions = {
  attempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
};

const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

export const isIdempotentMethod = (method: string): boolean => idempotentMethods.has(method.toUpperCase());

export const isRetryableStatus = (status: number): boolean =>
  status === 429 || (status >= 500 && status <= 599);

/**
 * Milliseconds to wait according to a Retry-After header: delay-seconds or an HTTP-date.
 * Undefined when absent or unparseable; never negative.
 */
export const parseRetryAfter = (value: string | string[] | undefined, nowMs: number): number | undefined => {
  const header = Array.isArray(value) ? value[0] : value;
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number.parseInt(text, 10) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
};

/** "Full jitter" backoff: uniform in [0, min(max, base * 2^(attempt-1))]. `attempt` counts from 1. */
export const backoffDelay = (
  attempt: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number => {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
};
