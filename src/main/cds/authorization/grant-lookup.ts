import { type Grant, grantSchema } from '../../../shared/cds/index';
import type { ServerContext } from '../../companion/server-context';
import { readAllPages } from '../clients';
import { DiscoveryError } from '../errors';
import { validateWithSchema } from '../http/json-response';

// Finding the Grant an authorization produced (cds-wg1-02 §8.4 filters, space-separated lists,
// every page). The Grants area (grants.ts) keeps its own cache; an authorization only needs a
// fresh read of the few Grants it is about.

export interface GrantFilter {
  readonly grantIds?: readonly string[];
  readonly clientIds?: readonly string[];
  readonly receiptConfirmations?: readonly string[];
  readonly statuses?: readonly string[];
}

export async function findGrants(
  context: ServerContext,
  filter: GrantFilter,
  step: string,
): Promise<Grant[]> {
  const api = context.oauth.cds_grants_api;
  if (!api) throw new DiscoveryError('the Server has no Grants API', { server: context.ref, step });
  const url = new URL(api);
  const lists: [string, readonly string[] | undefined][] = [
    ['grant_ids', filter.grantIds],
    ['client_ids', filter.clientIds],
    ['receipt_confirmations', filter.receiptConfirmations],
    ['statuses', filter.statuses],
  ];
  for (const [name, values] of lists)
    if (values && values.length > 0) url.searchParams.set(name, values.join(' '));
  const grants: Grant[] = [];
  await readAllPages(
    context,
    url,
    step,
    'the Grants listing',
    (page) => (page as { next?: string | null }).next,
    (page) => {
      const items = (page as { grants?: unknown }).grants;
      for (const item of Array.isArray(items) ? items : []) {
        grants.push(validateWithSchema(grantSchema, item, 'a Grant', { server: context.ref, step }));
      }
    },
  );
  return grants;
}

/** One Grant by id (§8.4 `grant_ids`), or undefined. */
export async function findGrant(
  context: ServerContext,
  grantId: string,
  step: string,
): Promise<Grant | undefined> {
  const grants = await findGrants(context, { grantIds: [grantId] }, step);
  return grants.find((grant) => grant.grant_id === grantId);
}

/** Newest first by `created` (then `modified`). */
export const newestGrantFirst = (a: Grant, b: Grant): number =>
  b.created.localeCompare(a.created) || b.modified.localeCompare(a.modified);
