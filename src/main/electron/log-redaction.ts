import { isSecretName, REDACTED, redactKnownPatterns } from '../cds/redact';

// Log lines never carry a secret (SECURITY.md "Secrets"): every value handed to the logger is
// passed through here by an electron-log hook before any transport writes it.

// Field names that hold credentials even when not in the protocol list (`clientSecret`,
// `vaultPassphrase`, `privateJwk`...).
const secretishKey = /secret|token|password|passphrase|private|credential|authorization|cookie/i;
const maxDepth = 6;

function redactRecord(
  value: Record<string, unknown>,
  depth: number,
  seen: WeakSet<object>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    result[key] =
      isSecretName(key) || secretishKey.test(key) ? REDACTED : redactValue(inner, depth + 1, seen);
  }
  return result;
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactKnownPatterns(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= maxDepth) return '[nested]';
  seen.add(value);
  if (value instanceof Error) {
    const error = new Error(redactKnownPatterns(value.message));
    error.name = value.name;
    error.stack = value.stack === undefined ? undefined : redactKnownPatterns(value.stack);
    return error;
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  if (value instanceof Date) return value;
  return redactRecord(value as Record<string, unknown>, depth, seen);
}

/** A copy of `value` with credential-shaped text and secret-named fields replaced. */
export function redactLogValue(value: unknown): unknown {
  return redactValue(value, 0, new WeakSet());
}

/** An electron-log hook: redacts every argument of every message before it is written. */
export function redactionHook<M extends { data: unknown[] }>(message: M): M {
  return { ...message, data: message.data.map((item) => redactLogValue(item)) };
}
