import type { FastifyReply, FastifyRequest } from 'fastify';

/** A fault to inject into matching requests (tests and demos of unreliable Servers). */
export interface FaultRule {
  /** HTTP method to match; any when absent. */
  method?: string;
  /** Path to match: exact, or a prefix when it ends with `*` (e.g. `/cds-api/v1/*`). */
  path: string;
  /** Answer with this status and an OAuth-style error body. */
  status?: number;
  /** With status 429 or 503: the Retry-After header, in seconds. */
  retryAfterSeconds?: number;
  /** Wait this long first (alone: then answer normally). */
  delayMs?: number;
  /** Drop the connection without an answer. */
  reset?: boolean;
  /** Send a 200 with a Content-Length longer than the bytes sent, then close. */
  truncate?: boolean;
  /** Send a 200 application/json body that is not JSON. */
  malformedJson?: boolean;
  /** How many matching requests to affect (default 1; `null` for every one). */
  times?: number | null;
}

interface ActiveRule extends FaultRule {
  id: number;
  remaining: number;
}

export interface RequestLogEntry {
  at: string;
  method: string;
  /** Path and query, with sensitive query values replaced by `[redacted]`. */
  url: string;
  status: number | null;
  durationMs: number;
  fault: string | null;
}

const SENSITIVE =
  /^(code|access_token|refresh_token|token|client_secret|code_verifier|password|request_uri)$/i;

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) if (SENSITIVE.test(key)) params.set(key, '[redacted]');
  return `${url.slice(0, q)}?${params.toString()}`;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  add(rule: FaultRule): number {
    const id = this.nextId++;
    const times = rule.times === null ? Number.POSITIVE_INFINITY : (rule.times ?? 1);
    this.rules.push({ ...rule, id, remaining: times });
    return id;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(({ remaining, id, ...rule }) => ({
      ...rule,
      times: Number.isFinite(remaining) ? remaining : null,
    }));
  }

  /** Takes one use of the first rule matching the request. */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find(
      (r) =>
        (!r.method || r.method.toUpperCase() === method.toUpperCase()) &&
        (r.path.endsWith('*') ? path.startsWith(r.path.slice(0, -1)) : path === r.path),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }
}

/** Applies a rule. Returns true when the request was answered (or dropped) by the fault. */
export async function applyFault(
  rule: FaultRule,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  if (rule.delayMs) await sleep(rule.delayMs);
  if (rule.reset) {
    reply.hijack();
    request.raw.socket.destroy();
    return true;
  }
  if (rule.truncate) {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
    raw.write('{"truncated": "this body stops ');
    setTimeout(() => request.raw.socket.destroy(), 10);
    return true;
  }
  if (rule.malformedJson) {
    await reply.code(200).type('application/json').send('{"malformed": [1, 2,');
    return true;
  }
  if (rule.status) {
    if (rule.retryAfterSeconds !== undefined) reply.header('retry-after', String(rule.retryAfterSeconds));
    await reply.code(rule.status).send({
      error: rule.status === 429 ? 'too_many_requests' : 'injected_fault',
      error_description: 'Injected by the sandbox.',
    });
    return true;
  }
  return false;
}
