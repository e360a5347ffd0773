import type { FastifyRequest } from 'fastify';
import { badRequest } from './errors';
import type { Json } from './state';

// Every body arrives as raw bytes (one catch-all parser in server.ts), so each route decides how to
// read it and every malformed body gets the spec's 400 with an error body, never a framework 500.

function raw(request: FastifyRequest): string {
  const body = request.body;
  if (body === undefined || body === null) return '';
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return String(body);
}

/**
 * A JSON object body. The content type is not enforced: the overview's curl examples send JSON with
 * `--data-raw` and no Content-Type (so curl labels it form-encoded), and a Server must accept them.
 */
export function jsonBody(request: FastifyRequest): Json {
  const text = raw(request).trim();
  if (text.length === 0) throw badRequest('The request body must be a JSON object.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return value as Json;
}

/** RFC 6749 §3.2 / RFC 9126 §2.1 / RFC 7009 §2.1: form-encoded parameters, each at most once. */
export function formBody(request: FastifyRequest, parsed?: URLSearchParams): Map<string, string> {
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw badRequest('The request body must be application/x-www-form-urlencoded.');
  }
  return singleParams(parsed ?? new URLSearchParams(raw(request)));
}

/** RFC 6749 §3.1: request parameters MUST NOT be included more than once. */
export function singleParams(params: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of params) {
    if (out.has(key)) throw badRequest(`The ${key} parameter appears more than once.`);
    out.set(key, value);
  }
  return out;
}

export function requestUrl(request: FastifyRequest, base: string): URL {
  return new URL(request.url, base);
}
