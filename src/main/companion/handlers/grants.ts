import type { Grant } from '../../../shared/cds/index';
import type { GrantFilterInput, GrantView } from '../../../shared/ipc/grants-contract';
import {
  closeGrant,
  type FetchedGrant,
  fetchGrant,
  type GrantChanges,
  listGrants,
  patchGrant,
} from '../../cds/grants';
import type { AreaStore } from '../area-store';
import { CompanionError } from '../companion-error';
import type { CompanionModuleFactory } from '../companion-module';
import {
  cachedGrants,
  emptyGrantCache,
  type GrantCache,
  grantCacheSchema,
  grantViewOf,
  mergeGrants,
} from '../grant-cache';
import type { ServerContext } from '../server-context';
import { messagesRefreshFor } from './messages';

// The Grants area (cds-wg1-02 §8): listing with every §8.4 filter, detail with parent / children /
// replacing / replaced_by resolved, closing (§8.6 status closed), and scope or authorization_details
// changes: 200 applied, 202 pending the Server's review (then the field_changes Message about it,
// when the Server wrote one, is linked).

export const grantsModule: CompanionModuleFactory = async (core) => {
  const cache: AreaStore<GrantCache> = await core.openCache({
    area: 'grants',
    schema: grantCacheSchema,
    empty: emptyGrantCache,
  });
  const contextOf = (serverId: string, step: string) => {
    const context = core.context(serverId, step);
    context.requireRegistration(step);
    return context;
  };
  const at = () => new Date(core.clock.now()).toISOString();

  const store = async (serverId: string, fetched: readonly FetchedGrant[], replace: boolean) => {
    await cache.update(serverId, (draft) => mergeGrants(draft, fetched, replace, at()));
    core.events.emit('grants.changed', { serverId });
  };

  const viewsOf = (serverId: string, fetched: readonly FetchedGrant[]): GrantView[] => {
    const known: Grant[] = [
      ...cachedGrants(cache.readOrEmpty(serverId)),
      ...fetched.map((item) => item.grant),
    ];
    return fetched.map(({ grant, raw }) => grantViewOf(serverId, grant, raw, known));
  };

  /** The current Grant: by its cached `uri` (§8.5), else through the `grant_ids` filter. */
  const current = async (context: ServerContext, grantId: string, step: string): Promise<FetchedGrant> => {
    const cached = cache.readOrEmpty(context.serverId).grants[grantId];
    if (cached && typeof cached.object.uri === 'string') return fetchGrant(context, cached.object.uri);
    const [found] = await listGrants(context, { grantIds: [grantId] });
    if (!found || found.grant.grant_id !== grantId) {
      throw new CompanionError('not-found', `the Server has no Grant ${grantId} for this registration`, {
        server: context.ref,
        step,
      });
    }
    return found;
  };

  /** Fetches the relatives of a Grant that the cache does not know yet, so its view can name them. */
  const withRelatives = async (context: ServerContext, fetched: FetchedGrant): Promise<FetchedGrant[]> => {
    const cached = cache.readOrEmpty(context.serverId);
    const known = new Set(Object.keys(cached.grants));
    const knownUris = new Set(Object.values(cached.grants).map((entry) => String(entry.object.uri)));
    const grant = fetched.grant;
    const missingIds = [...(grant.parent === null ? [] : [grant.parent]), ...grant.children].filter(
      (id) => !known.has(id),
    );
    const missingUris = [...grant.replacing, ...grant.replaced_by].filter((uri) => !knownUris.has(uri));
    const extra: FetchedGrant[] = [];
    if (missingIds.length > 0)
      extra.push(...(await listGrants(context, { grantIds: missingIds }).catch(() => [])));
    for (const uri of missingUris.slice(0, 20)) {
      const relative = await fetchGrant(context, uri).catch(() => null);
      if (relative) extra.push(relative);
    }
    return extra;
  };

  const change = async (serverId: string, grantId: string, changes: GrantChanges, step: string) => {
    const context = contextOf(serverId, step);
    const before = await current(context, grantId, step);
    const outcome =
      changes.status === 'closed'
        ? await closeGrant(context, before.grant)
        : await patchGrant(context, before.grant, changes, step);
    await store(context.serverId, [outcome.fetched], false);
    return { context, outcome };
  };

  return {
    area: 'grants',
    syncOrder: 50,
    sync: async (context) => {
      const fetched = await listGrants(context);
      await store(context.serverId, fetched, true);
      return { grants: fetched.length };
    },
    forgetServer: (serverId) => cache.forget(serverId),
    handlers: {
      'grants.list': async (serverId, filter?: GrantFilterInput) => {
        const context = contextOf(serverId, 'listing the Grants');
        const fetched = await listGrants(context, filter ?? {});
        const filtered =
          filter !== undefined &&
          Object.values(filter).some(
            (value) => value !== undefined && (!Array.isArray(value) || value.length > 0),
          );
        await store(context.serverId, fetched, !filtered);
        return viewsOf(context.serverId, fetched);
      },
      'grants.get': async (serverId, grantId) => {
        const step = `reading Grant ${grantId}`;
        const context = contextOf(serverId, step);
        const fetched = await current(context, grantId, step);
        const relatives = await withRelatives(context, fetched);
        await store(context.serverId, [fetched, ...relatives], false);
        const [view] = viewsOf(context.serverId, [fetched]);
        if (!view)
          throw new CompanionError('internal', 'the Grant could not be shown', { server: context.ref, step });
        return view;
      },
      'grants.close': async (serverId, grantId) => {
        const { context, outcome } = await change(
          serverId,
          grantId,
          { status: 'closed' },
          `closing Grant ${grantId}`,
        );
        const [view] = viewsOf(context.serverId, [outcome.fetched]);
        if (!view)
          throw new CompanionError('internal', 'the Grant could not be shown', {
            server: context.ref,
            step: `closing Grant ${grantId}`,
          });
        return view;
      },
      'grants.change': async (serverId, grantId, input) => {
        const step = `changing Grant ${grantId}`;
        if (input.scope === undefined && input.authorizationDetails === undefined) {
          throw new CompanionError('invalid-argument', 'give a new scope or new authorization details', {
            server: serverId,
            step,
          });
        }
        const changes: GrantChanges = {
          ...(input.scope === undefined ? {} : { scope: input.scope.trim().split(/\s+/).join(' ') }),
          ...(input.authorizationDetails === undefined
            ? {}
            : { authorization_details: input.authorizationDetails }),
        };
        const { context, outcome } = await change(serverId, grantId, changes, step);
        let reviewMessage = null;
        if (outcome.accepted) {
          // A 202 review is tracked by a field_changes Message (§6.2) when the Server writes one.
          const refreshed = await messagesRefreshFor(core)(context).catch(() => null);
          const candidates = (refreshed?.changed ?? [])
            .map((item) => item.message)
            .filter(
              (message) =>
                message.type === 'field_changes' &&
                (message.related_uri === outcome.fetched.grant.uri ||
                  (message.updates_requested ?? []).some(
                    (update) => update.uri === outcome.fetched.grant.uri,
                  )),
            )
            .sort((a, b) => b.created.localeCompare(a.created));
          const found = candidates[0];
          if (found)
            reviewMessage = {
              messageId: found.message_id,
              uri: found.uri,
              name: found.name,
              status: found.status,
            };
        }
        const [view] = viewsOf(context.serverId, [outcome.fetched]);
        if (!view)
          throw new CompanionError('internal', 'the Grant could not be shown', { server: context.ref, step });
        return { grant: view, accepted: outcome.accepted, reviewMessage };
      },
    },
  };
};
