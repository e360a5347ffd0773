import { z } from 'zod';

// Cached Client Objects of one Server (cds-wg1-02 §5.1), exactly as the Server gave them. A Client
// Object never carries a secret outside the registration response (§5.1); `client_secret` is
// stripped all the same before anything is written.

export const cachedClientSchema = z.object({
  object: z.record(z.string(), z.unknown()),
  syncedAt: z.string(),
});
export type CachedClient = z.infer<typeof cachedClientSchema>;

export const clientCacheSchema = z.object({
  clients: z.record(z.string(), cachedClientSchema),
  /** The listing order (newest `cds_modified` first, §5.3). */
  order: z.array(z.string()),
  syncedAt: z.string().nullable(),
  /** client_id of a sandbox Client Object → uri of the production_request this app sent for it. */
  productionRequests: z.record(z.string(), z.string()).default({}),
});
export type ClientCache = z.infer<typeof clientCacheSchema>;

export const emptyClientCache = (): ClientCache => ({
  clients: {},
  order: [],
  syncedAt: null,
  productionRequests: {},
});

/** Removes fields that may hold a secret before an object is cached or shown (§4.2, §7.1). */
export function withoutSecrets(object: Record<string, unknown>): Record<string, unknown> {
  const { client_secret: _secret, registration_access_token: _token, ...rest } = object;
  return rest;
}
