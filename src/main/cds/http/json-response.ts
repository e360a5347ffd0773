import type { z } from 'zod';
import { safeParseCds } from '../../../shared/cds/index';
import { HttpStatusError, OAuthError, type ServerRef, ValidationError } from '../errors';
import { redactSecrets } from '../redact';

// Every Server response is parsed by its schema (CONTRIBUTING "Conventions"); a body that is not
// JSON or not the expected object becomes a ValidationError carrying the JSON path.

export interface ResponseContext {
  readonly server: ServerRef;
  readonly step: string;
  readonly secrets?: readonly string[];
}

/** Parses a response body as JSON; malformed input is a ValidationError at `$`. */
export const parseJsonBody = (body: Buffer, what: string, context: ResponseContext): unknown => {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError({
      ...context,
      what,
      path: '$',
      issues: [{ path: '$', message: 'the response is not valid JSON' }],
      detail: `not JSON (${body.length} bytes)`,
    });
  }
};

/** Validates `value` with a shared CDS schema; a mismatch becomes a ValidationError. */
export const validateWithSchema = <S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  context: ResponseContext,
): z.output<S> => {
  const result = safeParseCds(schema, value, what);
  if (result.success) return result.data;
  throw new ValidationError({
    ...context,
    what,
    path: result.error.path,
    issues: result.error.issues,
  });
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A short text excerpt of an error body for the detail field (redacted). */
export const bodyExcerpt = (body: Buffer, secrets: readonly string[] = []): string =>
  redactSecrets(body.subarray(0, 400).toString('utf8').replace(/\s+/g, ' ').trim(), secrets);

export interface StatusErrorInput extends ResponseContext {
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly body: Buffer;
  readonly retryAfterMs?: number;
}

/**
 * The error for a non-2xx answer: an OAuth-style body (`error`, `error_description`: RFC 6749 §5.2,
 * RFC 7591 §3.2.2, RFC 6750 §3.1) becomes an OAuthError with the status; anything else an
 * HttpStatusError.
 */
export const errorForStatus = (input: StatusErrorInput): OAuthError | HttpStatusError => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.body.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (isRecord(parsed) && typeof parsed.error === 'string' && parsed.error.length > 0) {
    return new OAuthError({
      server: input.server,
      step: input.step,
      secrets: input.secrets,
      status: input.status,
      error: parsed.error,
      ...(typeof parsed.error_description === 'string' ? { errorDescription: parsed.error_description } : {}),
      detail: `${input.method} ${input.url} -> ${input.status}`,
    });
  }
  return new HttpStatusError({
    server: input.server,
    step: input.step,
    secrets: input.secrets,
    status: input.status,
    method: input.method,
    url: input.url,
    bodyExcerpt: bodyExcerpt(input.body, input.secrets),
    ...(input.retryAfterMs === undefined ? {} : { retryAfterMs: input.retryAfterMs }),
  });
};

/** True for an answer meaning "your credentials were not accepted" (RFC 6750 §3.1). */
export const isUnauthorized = (error: unknown): boolean =>
  (error instanceof HttpStatusError || error instanceof OAuthError) && error.status === 401;
