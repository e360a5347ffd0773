import { checkExternalUrl } from './external-url';

// SECURITY.md: the system browser opens only https (or loopback http) URLs the service produced or the
// person typed. Every IPC result and event the renderer receives passes the contract's schemas in
// ipc-guard.ts; what it carries is exactly what the service produced, so the origins of the links in
// it (a Server's website, documentation, a payment form in a Message) are recorded here, and a link
// the window asks to open is allowed only when its origin is among them (or the help origins).

export interface ProducedLinks {
  /** Walks a value that crossed to the renderer and records the origins of its link-like strings. */
  record(value: unknown): void;
  /** The recorded origins, newest last. */
  origins(): readonly string[];
}

const looksLikeLink = /^https?:\/\//i;

export function createProducedLinks(
  options: { readonly maxOrigins?: number; readonly maxDepth?: number } = {},
) {
  const maxOrigins = options.maxOrigins ?? 2_000;
  const maxDepth = options.maxDepth ?? 12;
  const seen = new Set<string>();

  const note = (text: string): void => {
    if (!looksLikeLink.test(text)) return;
    // The same rules as opening: https, or http on loopback, no credentials in the URL.
    const verdict = checkExternalUrl(text);
    const origin = verdict.ok ? verdict.url.origin : null;
    if (origin === null || seen.has(origin)) return;
    seen.add(origin);
    if (seen.size > maxOrigins) {
      const oldest = seen.values().next().value;
      if (oldest !== undefined) seen.delete(oldest);
    }
  };

  const walk = (value: unknown, depth: number): void => {
    if (depth > maxDepth) return;
    if (typeof value === 'string') note(value);
    else if (Array.isArray(value)) for (const item of value) walk(item, depth + 1);
    else if (value !== null && typeof value === 'object')
      for (const item of Object.values(value)) walk(item, depth + 1);
  };

  return {
    record: (value: unknown) => walk(value, 0),
    origins: () => [...seen],
  } satisfies ProducedLinks;
}
