import { z } from 'zod';

// Credential metadata of one Server (cds-wg1-02 §7.1) WITHOUT `client_secret`: the secret of the
// active Credential of each Client Object is in the vault (`server/<id>/client/<clientId>/secret`).

export const cachedCredentialSchema = z.object({
  /** The Credential as the Server sent it, `client_secret` removed. */
  object: z.record(z.string(), z.unknown()),
  syncedAt: z.string(),
});

export const credentialCacheSchema = z.object({
  credentials: z.record(z.string(), cachedCredentialSchema),
  order: z.array(z.string()),
  /** client_id → credential_id whose secret the vault holds. */
  active: z.record(z.string(), z.string()),
  syncedAt: z.string().nullable(),
});
export type CredentialCache = z.infer<typeof credentialCacheSchema>;

export const emptyCredentialCache = (): CredentialCache => ({
  credentials: {},
  order: [],
  active: {},
  syncedAt: null,
});
