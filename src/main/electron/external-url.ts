// Which URLs may leave the app for the system browser (SECURITY.md "The desktop shell"; RFC 8252
// §7.3 for loopback redirects). Parsed with URL, never matched as text: "https://a.com.evil" and
// "https://a.com@evil.com" both start with "https://a.com".

export type ExternalUrlVerdict =
  | { readonly ok: true; readonly url: URL }
  | { readonly ok: false; readonly reason: string };

export interface ExternalUrlPolicy {
  /**
   * When given, the URL's origin must be exactly one of these (scheme://host[:port]). Used for
   * links the renderer asks to open; URLs the service itself produced (authorization requests to a
   * Server the user added) are checked without it.
   */
  readonly trustedOrigins?: readonly string[];
}

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Decides whether `raw` may be handed to shell.openExternal. */
export function checkExternalUrl(raw: string, policy: ExternalUrlPolicy = {}): ExternalUrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `the ${url.protocol} scheme is not allowed` };
  }
  // Credentials in the authority are a classic disguise (https://trusted.com@evil.com) and never
  // needed for a browser hand-off.
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'URLs with credentials are not allowed' };
  }
  if (url.protocol === 'http:' && !loopbackHosts.has(url.hostname)) {
    return { ok: false, reason: 'http: is allowed only for loopback addresses' };
  }
  if (policy.trustedOrigins && !policy.trustedOrigins.includes(url.origin)) {
    return { ok: false, reason: `${url.origin} is not a trusted origin` };
  }
  return { ok: true, url };
}

/**
 * The `openExternal` handed to the service: URLs the service produced (authorization requests to a
 * Server the person added, RFC 8252 §4) are checked for scheme, credentials and loopback-only http,
 * then opened in the system browser. A refused URL rejects without being opened.
 */
export function createExternalOpener(open: (href: string) => Promise<void>): (url: string) => Promise<void> {
  return async (url) => {
    const verdict = checkExternalUrl(url);
    if (!verdict.ok) throw new Error(`Refused to open a link in the browser: ${verdict.reason}`);
    await open(verdict.url.href);
  };
}
