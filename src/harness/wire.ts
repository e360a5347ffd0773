// The harness's HTTP wire format, shared by the server and the in-page bridge. Kept free of zod and
// Node so the bridge bundle stays small; the server validates everything with the contract's schemas.

export const harnessPaths = {
  bridgeScript: '/harness/bridge.js',
  invokePrefix: '/harness/invoke/',
  events: '/harness/events',
  /** Test hook: the URLs the service opened in the "system browser" (JSON `{ urls }`). */
  openedUrls: '/harness/opened-urls',
} as const;

export const tokenCookieName = 'cds_harness_token';
export const tokenHeaderName = 'x-harness-token';

/** How a failed call crosses the wire: the fields a view shows, never a stack or a secret. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly server?: string;
  readonly step?: string;
}

export type InvokeResponseBody = { readonly result: unknown } | { readonly error: WireError };

export function isWireError(value: unknown): value is WireError {
  if (!value || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.name === 'string' &&
    typeof record.message === 'string' &&
    (record.server === undefined || typeof record.server === 'string') &&
    (record.step === undefined || typeof record.step === 'string')
  );
}
