import { JweError } from './jwe-errors';

/**
 * The HTTP response headers that carry an encrypted CDS response (cds-wg1-02 overview, "Providing a
 * JWK in authorization_details for encrypted responses"; cds-wg3-01 §7.4.6): the real response
 * headers travel as one JWE in four headers, the body's JWE protected header and IV in two more, and
 * the HTTP body is the body's ciphertext followed by its 16-byte tag.
 */
export const CDS_JWE_HEADER_NAMES = {
  headerProtected: 'x-cds-header-jwe-protected-header',
  headerIv: 'x-cds-header-jwe-initialization-vector',
  headerCiphertext: 'x-cds-header-jwe-ciphertext',
  headerTag: 'x-cds-header-jwe-authentication-tag',
  bodyProtected: 'x-cds-body-jwe-protected-header',
  bodyIv: 'x-cds-body-jwe-initialization-vector',
} as const;

export type CdsJweHeaderField = keyof typeof CDS_JWE_HEADER_NAMES;
export type CdsJweHeaders = Record<CdsJweHeaderField, string>;

/**
 * HTTP response headers as the engine gets them: a fetch `Headers` (or anything with `get`), or a
 * plain record such as undici's `request()` headers (names in any case, repeated headers as arrays).
 */
export type HeadersLike =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | number | undefined>>;

function hasGet(headers: HeadersLike): headers is { get(name: string): string | null } {
  return typeof (headers as { get?: unknown }).get === 'function';
}

/** All values of a header, case-insensitively. */
function headerValues(headers: HeadersLike, lowerName: string): string[] {
  if (hasGet(headers)) {
    const value = headers.get(lowerName);
    return value === null ? [] : [value];
  }
  const values: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== lowerName || value === undefined) {
      continue;
    }
    if (Array.isArray(value)) {
      values.push(...value.map(String));
    } else {
      values.push(String(value));
    }
  }
  return values;
}

/** One header's single value; undefined when absent. A repeated CDS JWE header is malformed. */
export function singleHeader(headers: HeadersLike, lowerName: string): string | undefined {
  const values = headerValues(headers, lowerName);
  if (values.length > 1) {
    throw new JweError('invalid_header', `The Server sent the header "${lowerName}" more than once.`);
  }
  // fetch's Headers joins repeats with ", ", which no base64url value contains.
  const value = values[0]?.trim();
  if (value?.includes(',')) {
    throw new JweError('invalid_header', `The Server sent the header "${lowerName}" more than once.`);
  }
  return value;
}

function headerNames(headers: HeadersLike): string[] {
  if (hasGet(headers)) {
    const iterable = headers as unknown as { keys?: () => Iterable<string> };
    return typeof iterable.keys === 'function' ? [...iterable.keys()] : [];
  }
  return Object.keys(headers);
}

/** True when the response carries any X-CDS-*-JWE-* header, i.e. it was encrypted for a device key. */
export function isEncryptedCdsResponse(headers: HeadersLike): boolean {
  const pattern = /^x-cds-[a-z0-9-]*jwe-/i;
  if (headerNames(headers).some((name) => pattern.test(name))) {
    return true;
  }
  // A Headers-like object without keys(): probe the names we know.
  return Object.values(CDS_JWE_HEADER_NAMES).some((name) => headerValues(headers, name).length > 0);
}

/** Reads all six JWE headers; reports every missing one by name (names are not secret). */
export function readCdsJweHeaders(headers: HeadersLike): CdsJweHeaders {
  const result: Partial<CdsJweHeaders> = {};
  const missing: string[] = [];
  for (const [field, name] of Object.entries(CDS_JWE_HEADER_NAMES) as [CdsJweHeaderField, string][]) {
    const value = singleHeader(headers, name);
    if (value === undefined || value === '') {
      missing.push(name);
    } else {
      result[field] = value;
    }
  }
  if (missing.length > 0) {
    throw new JweError(
      'missing_headers',
      `The encrypted response is incomplete: the Server did not send ${missing.join(', ')}.`,
    );
  }
  return result as CdsJweHeaders;
}
