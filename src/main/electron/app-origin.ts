// The renderer is served from a custom, privileged scheme rather than file:// (SECURITY.md "The
// desktop shell"): file:// pages share one opaque origin with every other local file, whereas
// app://companion is an origin of its own that the CSP, the navigation guard and the IPC sender
// check can all name exactly.

export const APP_SCHEME = 'app';
export const APP_HOST = 'companion';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The origin of a URL as scheme://host[:port]. WHATWG `URL#origin` is "null" for schemes Node does
 * not know as special (app:), while Chromium gives a registered standard scheme a real origin, so
 * the origin is rebuilt from its parts here. Returns null for anything unparseable or host-less.
 */
export function originOf(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.host === '') return null;
  return `${url.protocol}//${url.host}`;
}

/** True when `raw` belongs to one of the trusted origins (exact match, never a prefix test). */
export function isTrustedOrigin(raw: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(raw);
  return origin !== null && trustedOrigins.includes(origin);
}

/**
 * The origins the app's own pages may have: app://companion, plus the electron-vite dev server when
 * running unpackaged with ELECTRON_RENDERER_URL set to a loopback http URL (never in a packaged app).
 */
export function appOrigins(options: { isPackaged: boolean; devServerUrl?: string | undefined }): string[] {
  const origins = [APP_ORIGIN];
  if (!options.isPackaged && options.devServerUrl) {
    const dev = devServerOrigin(options.devServerUrl);
    if (dev) origins.push(dev);
  }
  return origins;
}

function devServerOrigin(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  return url.protocol === 'http:' && loopback ? url.origin : null;
}
