import type { z } from 'zod';
import type { ServerContext } from '../companion/server-context';
import { errorForStatus, parseJsonBody, validateWithSchema } from './http/json-response';
import { redactUrl } from './redact';

export interface ObjectUpdateOutcome<T> {
  readonly object: T;
  readonly raw: Record<string, unknown>;
  /** `202 Accepted`: the Server saved part of the change and reviews the rest (§5.5, §8.6). */
  readonly accepted: boolean;
}

/**
 * Sends a change to a CDS object with the Client Admin token (PUT for Client Objects, cds-wg1-02
 * §5.5; PATCH for Grants, §8.6) and parses the object the Server answers with. A change is never
 * retried automatically: the Server may have applied it. Both 200 and 202 are success; anything else
 * becomes the typed error for that status, naming the Server and the step.
 */
export async function sendObjectUpdate<S extends z.ZodType>(
  context: ServerContext,
  request: { readonly method: 'PUT' | 'PATCH'; readonly uri: string; readonly body: unknown },
  schema: S,
  what: string,
  step: string,
): Promise<ObjectUpdateOutcome<z.output<S>>> {
  const { status, raw } = await context.withAdminToken(step, async (bearer) => {
    const response = await context.http.request(request.uri, {
      server: context.ref,
      step,
      method: request.method,
      bearer,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(request.body),
      retry: false,
    });
    const payload = await response.bytes();
    if (response.status < 200 || response.status > 299) {
      throw errorForStatus({
        server: context.ref,
        step,
        status: response.status,
        method: request.method,
        url: redactUrl(response.url),
        body: payload,
        secrets: [bearer],
      });
    }
    return { status: response.status, raw: parseJsonBody(payload, what, { server: context.ref, step }) };
  });
  const object = validateWithSchema(schema, raw, what, { server: context.ref, step });
  return { object, raw: raw as Record<string, unknown>, accepted: status === 202 };
}
