/**
 * Typed failures of decrypting a JWE-encrypted CDS response (cds-wg3-01 §7.4.6).
 *
 * Messages are written for the person using the app: they say what went wrong and what it means,
 * and never carry key material, ciphertext or plaintext (SECURITY.md "Encrypted responses").
 */
export type JweErrorCode =
  | 'missing_headers'
  | 'invalid_header'
  | 'unsupported_algorithm'
  | 'unsupported_encryption'
  | 'compression_not_supported'
  | 'invalid_epk'
  | 'invalid_key'
  | 'truncated'
  | 'body_too_large'
  | 'authentication_failed';

export class JweError extends Error {
  override readonly name = 'JweError';
  readonly code: JweErrorCode;

  constructor(code: JweErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isJweError(value: unknown): value is JweError {
  return value instanceof JweError;
}

/**
 * A value chosen by the Server (an algorithm name, a header name) shown in a message: only short,
 * printable tokens are echoed, anything else is summarised, so a hostile header cannot inject text.
 */
export function describeServerValue(value: unknown): string {
  if (typeof value === 'string' && /^[A-Za-z0-9+._-]{1,40}$/.test(value)) {
    return `"${value}"`;
  }
  return 'an unrecognised value';
}
