/**
 * The real test vector of the cds-wg1-02 overview, "Example: Providing a JWK in authorization_details
 * for encrypted responses" (the Python decryption example), transcribed exactly: the byte string
 * literal keeps Python's escapes, read here as latin1 (one char per byte).
 */
export const OVERVIEW_PRIVATE_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0',
  y: 'SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps',
  d: '0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo',
} as const;

export const OVERVIEW_RESPONSE_HEADERS: Record<string, string> = {
  'X-CDS-Header-JWE-Protected-Header':
    'eyJhbGciOiAiRUNESC1FUyIsICJlbmMiOiAiQTI1NkdDTSIsICJlcGsiOiB7ImNydiI6ICJQLTI1NiIs' +
    'ICJrdHkiOiAiRUMiLCAieCI6ICJIYlB1c0xxYktPbWFyQ3F1LUZYLWFiZ0FEbG10Y0xvYWRLaU41Yi1F' +
    'U05ZIiwgInkiOiAiOHFCRE9KamMtdWZPOWl6UU1QMmw5cjhBREhfdUlUM29JMmpQaUozUXRJRSJ9fQ',
  'X-CDS-Header-JWE-Initialization-Vector': '7yhXitQOQAXeSUUp',
  'X-CDS-Header-JWE-Ciphertext': 'GHyB5gkubIRA1OJYdxRGMXianidlLP0aBeYUAFZqooXeOlL4ckxUMR2HZQW5NZ2A8acJi3s',
  'X-CDS-Header-JWE-Authentication-Tag': '3fxjpNO4vgbgYsedo6srVA',
  'X-CDS-Body-JWE-Protected-Header':
    'eyJhbGciOiAiRUNESC1FUyIsICJlbmMiOiAiQTI1NkdDTSIsICJlcGsiOiB7ImNydiI6ICJQLTI1NiIs' +
    'ICJrdHkiOiAiRUMiLCAieCI6ICJGWDVjTnJjMkZoUjlMa0dfeTUwR0FKbzJFalZCc3FSQ2dGVjNRcWZj' +
    'dm5vIiwgInkiOiAiTXRySWZuYnJHUnlnVWd6RVJlTnl4SENXa3ByaHUzUWo5TnRJdkpMVlFDVSJ9fQ',
  'X-CDS-Body-JWE-Initialization-Vector': '50q7kpETagvHqEBI',
};

export const OVERVIEW_RESPONSE_BODY: Uint8Array = Buffer.from(
  'G\x9aN\xcb\x88\x1f|@\xaa\x9du\x9a\xc6\x82x\xe8\x93\xb7S\xdeq\x1b' +
    "\x9d\xd3\xa1\x8b\xb3\xa9\x96n.'\xa8D\x86~\xfa\x00g\xd0'Y\x9b\x85" +
    '\xf2\r_\xab\xd4\x1e\xd9[\xfc\x03\x1d\xb50z\xfb\xa4 \xfeH\xd0',
  'latin1',
);

/** What the overview's example prints. */
export const OVERVIEW_HEADER_BLOCK = 'Content-Type: application/json\nX-Log-ID: 123456abcdef';
export const OVERVIEW_BODY_TEXT = '{"accounts": [], "next": null, "previous": null}';
