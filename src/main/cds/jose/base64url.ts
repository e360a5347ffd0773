/**
 * Strict base64url (RFC 4648 §5, no padding) as JWE requires (RFC 7516 §2: BASE64URL without '=').
 * Node's own decoder silently skips invalid characters; a header that is not clean base64url is a
 * malformed response, not something to guess at.
 */
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function isBase64Url(value: string): boolean {
  // A length of 1 mod 4 cannot come from any byte string.
  return BASE64URL.test(value) && value.length % 4 !== 1;
}

/** Decodes strict base64url; returns undefined when the text is not strict base64url. */
export function decodeBase64Url(value: string): Buffer | undefined {
  if (!isBase64Url(value)) {
    return undefined;
  }
  const bytes = Buffer.from(value, 'base64url');
  // Non-canonical trailing bits (e.g. "AB" vs "AA") would decode to the same bytes: refuse them so
  // that one byte string has exactly one accepted encoding.
  if (bytes.toString('base64url') !== value) {
    return undefined;
  }
  return bytes;
}

export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}
