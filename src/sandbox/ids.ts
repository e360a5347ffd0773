import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Short public identifiers (client_id, message_id, ...): 16 hex characters like the spec's examples. */
export function newId(): string {
  return randomBytes(8).toString('hex');
}

/** Secrets and tokens: 64 random bytes, base64url (cds-wg1-02 §7.1 "sufficiently random"). */
export function newSecret(bytes = 48): string {
  return randomBytes(bytes).toString('base64url');
}

/** Constant-time string comparison, so secrets and tokens cannot be guessed byte by byte. */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
