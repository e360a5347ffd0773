import { z } from 'zod';
import {
  type AuthorizationDetail,
  type Grant,
  grantListingSchema,
  grantSchema,
} from '../../shared/cds/index';
import type { ServerContext } from '../companion/server-context';
import { validateWithSchema } from './http/json-response';
import { sendObjectUpdate } from './object-update';

// cds-wg1-02 §8 Grants API with the cds_client_admin token: the listing with every §8.4 filter
// (followed through `next`), retrieval by `uri` (§8.5) and modification (§8.6): closing, and
// scope / authorization_details changes answered 200 (done) or 202 (pending the Server's review).

export interface FetchedGrant {
  readonly grant: Grant;
  readonly raw: Record<string, unknown>;
}

/** §8.4 URL parameters; list values are sent space-separated. */
export interface GrantFilter {
  readonly grantIds?: readonly string[] | undefined;
  readonly parents?: readonly string[] | undefined;
  readonly statuses?: readonly string[] | undefined;
  readonly clientIds?: readonly string[] | undefined;
  readonly scopes?: readonly string[] | undefined;
  readonly receiptConfirmations?: readonly string[] | undefined;
  /** Created on or after (datetime). */
  readonly after?: string | undefined;
  /** Created on or before (datetime). */
  readonly before?: string | undefined;
}

const LIST_PARAMS = [
  ['grantIds', 'grant_ids'],
  ['parents', 'parents'],
  ['statuses', 'statuses'],
  ['clientIds', 'client_ids'],
  ['scopes', 'scopes'],
  ['receiptConfirmations', 'receipt_confirmations'],
] as const;

const MAX_PAGES = 1000;
const anyJson = z.unknown();
const rawObject = z.record(z.string(), z.unknown());

/** The listing URL with the filter applied (§8.4). */
export function grantListingUrl(base: string, filter: GrantFilter = {}): URL {
  const url = new URL(base);
  for (const [key, param] of LIST_PARAMS) {
    const values = filter[key];
    if (values && values.length > 0) url.searchParams.set(param, values.join(' '));
  }
  if (filter.after) url.searchParams.set('after', filter.after);
  if (filter.before) url.searchParams.set('before', filter.before);
  return url;
}

/** Every Grant matching `filter` (all pages), newest modified first as the Server lists them. */
export async function listGrants(context: ServerContext, filter: GrantFilter = {}): Promise<FetchedGrant[]> {
  return readGrantListing(context, grantListingUrl(context.oauth.cds_grants_api, filter));
}

/** Reads a Grant listing URL (the §8.4 endpoint, or a `grant_list` link of a Message: §6.4). */
export async function readGrantListing(context: ServerContext, first: URL): Promise<FetchedGrant[]> {
  const step = 'listing the Grants';
  const out = new Map<string, FetchedGrant>();
  const seen = new Set<string>();
  let url: URL | null = first;
  for (let page = 0; url !== null && page < MAX_PAGES; page += 1) {
    if (seen.has(url.href)) break;
    seen.add(url.href);
    const target: URL = url;
    const body = await context.withAdminToken(step, (bearer) =>
      context.http.getJson(target, {
        server: context.ref,
        step,
        schema: anyJson,
        what: 'the Grant listing',
        bearer,
      }),
    );
    const listing = validateWithSchema(grantListingSchema, body, 'the Grant listing', {
      server: context.ref,
      step,
    });
    const raws = ((body as Record<string, unknown>).grants ?? []) as Record<string, unknown>[];
    listing.grants.forEach((grant, index) => {
      if (!out.has(grant.grant_id)) out.set(grant.grant_id, { grant, raw: raws[index] ?? {} });
    });
    url = listing.next ? new URL(listing.next, target) : null;
  }
  return [...out.values()];
}

/** One Grant by its `uri` (§8.5). */
export async function fetchGrant(context: ServerContext, uri: string): Promise<FetchedGrant> {
  const step = 'reading a Grant';
  const raw = await context.withAdminToken(step, (bearer) =>
    context.http.getJson(uri, { server: context.ref, step, schema: rawObject, what: 'the Grant', bearer }),
  );
  return { grant: validateWithSchema(grantSchema, raw, 'the Grant', { server: context.ref, step }), raw };
}

/** What a Client may PATCH (§8.6). */
export interface GrantChanges {
  readonly status?: 'closed';
  readonly scope?: string;
  readonly authorization_details?: readonly AuthorizationDetail[];
}

export interface GrantChangeOutcome {
  readonly fetched: FetchedGrant;
  /** 202 Accepted: the Server reviews the change; the Grant is `pending` meanwhile (§8.6). */
  readonly accepted: boolean;
}

/** PATCH the Grant's `uri` with only the changed fields (§8.6). */
export async function patchGrant(
  context: ServerContext,
  grant: Pick<Grant, 'uri' | 'grant_id'>,
  changes: GrantChanges,
  step: string,
): Promise<GrantChangeOutcome> {
  const update = await sendObjectUpdate(
    context,
    { method: 'PATCH', uri: grant.uri, body: changes },
    grantSchema,
    'the changed Grant',
    step,
  );
  return { fetched: { grant: update.object, raw: update.raw }, accepted: update.accepted };
}

/** §8.6: a Client closes a Grant by setting its status to `closed` (the only status it may set). */
export function closeGrant(
  context: ServerContext,
  grant: Pick<Grant, 'uri' | 'grant_id'>,
): Promise<GrantChangeOutcome> {
  return patchGrant(context, grant, { status: 'closed' }, `closing Grant ${grant.grant_id}`);
}
