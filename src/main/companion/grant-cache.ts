import { z } from 'zod';
import { type Grant, grantSchema, safeParseCds } from '../../shared/cds/index';
import type { GrantLink, GrantView } from '../../shared/ipc/grants-contract';
import { explainGrantStatus } from '../cds/grant-status';
import type { FetchedGrant } from '../cds/grants';

// The Grants of each Server (`state/grants.json`), as the Server gave them (cds-wg1-02 §8.1; a
// Grant holds no secret), and the view model with relations resolved: `parent` / `children` are
// grant ids, `replacing` / `replaced_by` Grant URIs (§8.1).

export const grantCacheSchema = z.object({
  grants: z.record(z.string(), z.object({ object: z.record(z.string(), z.unknown()) })),
  /** Listing order: newest modified first (§8.4). */
  order: z.array(z.string()),
  syncedAt: z.string().nullable(),
});
export type GrantCache = z.infer<typeof grantCacheSchema>;

export const emptyGrantCache = (): GrantCache => ({ grants: {}, order: [], syncedAt: null });

/** Adds fetched Grants; `replace` makes them the whole list (an unfiltered listing). */
export function mergeGrants(
  draft: GrantCache,
  fetched: readonly FetchedGrant[],
  replace: boolean,
  at: string,
): void {
  if (replace) {
    draft.grants = {};
    draft.order = [];
    draft.syncedAt = at;
  }
  for (const { grant, raw } of fetched) {
    draft.grants[grant.grant_id] = { object: raw };
    if (!draft.order.includes(grant.grant_id)) draft.order.push(grant.grant_id);
  }
  draft.order.sort((a, b) =>
    String(draft.grants[b]?.object.modified ?? '').localeCompare(
      String(draft.grants[a]?.object.modified ?? ''),
    ),
  );
}

export function cachedGrants(cache: GrantCache): Grant[] {
  return cache.order.flatMap((id) => {
    const entry = cache.grants[id];
    if (!entry) return [];
    const parsed = safeParseCds(grantSchema, entry.object, 'a saved Grant');
    return parsed.success ? [parsed.data] : [];
  });
}

/** The view of `grant`; `known` resolves its relations (the cached Grants plus any just fetched). */
export function grantViewOf(
  serverId: string,
  grant: Grant,
  raw: Record<string, unknown>,
  known: readonly Grant[],
): GrantView {
  const byId = new Map(known.map((item) => [item.grant_id, item]));
  const byUri = new Map(known.map((item) => [item.uri, item]));
  const link = (found: Grant | undefined, grantId: string | null, uri: string | null): GrantLink => ({
    grantId: found?.grant_id ?? grantId,
    uri: found?.uri ?? uri,
    status: found?.status ?? null,
    scope: found?.scope ?? null,
  });
  const explained = explainGrantStatus(grant.status);
  return {
    serverId,
    grantId: grant.grant_id,
    uri: grant.uri,
    status: grant.status,
    statusLabel: explained.label,
    statusExplanation: explained.explanation,
    accessible: explained.accessible,
    clientId: grant.client_id,
    scope: grant.scope,
    enabledScope: grant.enabled_scope,
    authorizationDetails: grant.authorization_details,
    enabledAuthorizationDetails: grant.enabled_authorization_details,
    receiptConfirmations: grant.receipt_confirmations,
    created: grant.created,
    modified: grant.modified,
    notBefore: grant.not_before,
    notAfter: grant.not_after,
    eta: grant.eta,
    expires: grant.expires,
    parent: grant.parent === null ? null : link(byId.get(grant.parent), grant.parent, null),
    children: grant.children.map((id) => link(byId.get(id), id, null)),
    replacing: grant.replacing.map((uri) => link(byUri.get(uri), null, uri)),
    replacedBy: grant.replaced_by.map((uri) => link(byUri.get(uri), null, uri)),
    object: raw,
  };
}
