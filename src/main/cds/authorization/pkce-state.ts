import { timingSafeEqual } from 'node:crypto';
import * as oauth from 'oauth4webapi';

// RFC 7636 PKCE with S256 (cds-wg1-02 §3.4 never allows `plain`) and the RFC 6749 §10.12 `state`,
// both from oauth4webapi: 32 random bytes each, base64url (256 bits, above the 128 SECURITY.md asks).

export interface PkcePair {
  /** Stays in this process; sent only to the token endpoint. */
  readonly verifier: string;
  readonly challenge: string;
  readonly method: 'S256';
}

export async function createPkcePair(): Promise<PkcePair> {
  const verifier = oauth.generateRandomCodeVerifier();
  return { verifier, challenge: await oauth.calculatePKCECodeChallenge(verifier), method: 'S256' };
}

export function createState(): string {
  return oauth.generateRandomState();
}

/** Constant-time comparison of a returned `state` with the flow's own. */
export function sameState(expected: string, received: string | null): boolean {
  if (received === null) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
