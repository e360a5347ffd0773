import { z } from 'zod';
import { method } from './define';

/** A Credential (cds-wg1-02 §7.1) without its `client_secret`, which lives in the vault only. */
export const credentialView = z.object({
  serverId: z.string(),
  credentialId: z.string(),
  clientId: z.string(),
  type: z.string(),
  created: z.string(),
  modified: z.string(),
  /** `client_secret_expires_at`: 0 never expires (§7.6). */
  expiresAt: z.number().nullable(),
  expired: z.boolean(),
  /** Its secret is the one this app uses for the Client Object. */
  active: z.boolean(),
  /** The Credential as the Server sent it, `client_secret` removed. */
  object: z.record(z.string(), z.unknown()),
});
export type CredentialView = z.infer<typeof credentialView>;

export const credentialFilter = z.object({
  clientIds: z.array(z.string()).optional(),
  credentialIds: z.array(z.string()).optional(),
  after: z.string().optional(),
  before: z.string().optional(),
});
export type CredentialFilter = z.infer<typeof credentialFilter>;

export const rotationResult = z.object({
  serverId: z.string(),
  clientId: z.string(),
  newCredentialId: z.string(),
  expiredCredentialIds: z.array(z.string()),
  /** False when the old Credential could not be expired yet (retried at the next start or rotation). */
  complete: z.boolean(),
  warning: z.string().nullable(),
});
export type RotationResult = z.infer<typeof rotationResult>;

export const credentialsMethods = {
  'credentials.list': method(z.tuple([z.string(), credentialFilter.optional()]), z.array(credentialView)),
  'credentials.create': method(z.tuple([z.string(), z.string()]), credentialView),
  /** Expires a Credential now (§7.6); refused for the last working secret of a Client Object unless forced. */
  'credentials.expire': method(
    z.tuple([z.string(), z.string(), z.object({ force: z.boolean().optional() }).optional()]),
    credentialView,
  ),
  /** Crash-safe rotation: create → verify → save to vault → expire old (SECURITY.md). */
  'credentials.rotate': method(z.tuple([z.string(), z.string()]), rotationResult),
  /** Rotates every active secret expiring within `days` (default: the rotation policy setting). */
  'credentials.rotateExpiring': method(
    z.tuple([z.object({ days: z.number().int().nonnegative().optional() }).optional()]),
    z.array(rotationResult),
  ),
};

export const credentialsEvents = {
  'credentials.changed': z.object({ serverId: z.string(), clientId: z.string().nullable() }),
};
