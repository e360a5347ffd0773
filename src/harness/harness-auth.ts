import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { tokenCookieName, tokenHeaderName } from './wire';

/** A fresh per-run token: 256 random bits, URL-safe. */
export function createHarnessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function assertUsableToken(token: string): void {
  if (!/^[A-Za-z0-9_-]{32,}$/.test(token)) {
    throw new Error('The harness token must be at least 32 URL-safe characters (use createHarnessToken()).');
  }
}

export function tokensMatch(expected: string, presented: string | undefined | null): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** The token a request presents: the header (scripts, tests) or the cookie (the page). */
export function presentedToken(request: IncomingMessage): string | undefined {
  const header = request.headers[tokenHeaderName];
  if (typeof header === 'string') return header;
  return cookieValue(request.headers.cookie, tokenCookieName);
}

export function tokenCookie(token: string): string {
  // HttpOnly: page scripts never read it; SameSite=Strict: other sites' pages cannot ride on it.
  return `${tokenCookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/**
 * Only our own origin may talk to the harness: the Host header must name the loopback address we
 * bound, which defeats DNS rebinding (a foreign name resolving to 127.0.0.1).
 */
export function hostAllowed(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}
