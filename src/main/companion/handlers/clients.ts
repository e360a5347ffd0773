import type { Message } from '../../../shared/cds/index';
import type { ClientDetail, ClientView } from '../../../shared/ipc/clients-contract';
import {
  type FetchedClient,
  followProductionRequest,
  getClientObject,
  listClientObjects,
  requestProductionAccess,
  updateClientObject,
} from '../../cds/clients';
import { discoverClientMetadata } from '../../cds/discovery/client-metadata';
import { withoutSecrets } from '../client-cache';
import type { CompanionCore } from '../companion-core';
import { toCdsError } from '../companion-error';
import type { CompanionModuleFactory } from '../companion-module';
import type { ServerContext } from '../server-context';
import { clientViewOf } from '../views';

// The Client Objects area (cds-wg1-02 §5): cached listing, detail with the Client Object's own
// metadata (§5.1 `cds_server_metadata`), full-object updates with the 202 review path, production
// requests followed to the new Client Object.

const messageRefOf = (message: Message) => ({
  messageId: message.message_id,
  uri: message.uri,
  name: message.name,
  status: message.status,
});

/** Stores fetched Client Objects in the cache; `replace` makes them the whole listing (a full sync). */
export async function cacheClients(
  core: CompanionCore,
  serverId: string,
  fetched: readonly FetchedClient[],
  replace: boolean,
  /** `always`: a sync announces itself; reads (`onChange`) only when the cache really changed. */
  announce: 'always' | 'onChange' = 'onChange',
): Promise<void> {
  const at = new Date(core.clock.now()).toISOString();
  // Only a real change is announced: views reload on `clients.changed`, and a read (clients.list,
  // clients.get) that announced itself would make a view reload forever.
  const fingerprint = (): string => {
    const cache = core.clients.read(serverId);
    if (!cache) return '';
    return JSON.stringify([cache.order, cache.order.map((id) => cache.clients[id]?.object ?? null)]);
  };
  const before = fingerprint();
  await core.clients.update(serverId, (draft) => {
    if (replace) {
      draft.clients = {};
      draft.order = [];
      draft.syncedAt = at;
    }
    for (const { client, raw } of fetched) {
      draft.clients[client.client_id] = { object: withoutSecrets(raw), syncedAt: at };
      if (!draft.order.includes(client.client_id)) draft.order.push(client.client_id);
    }
    // §5.3: newest modified first.
    draft.order.sort((a, b) =>
      String(draft.clients[b]?.object.cds_modified ?? '').localeCompare(
        String(draft.clients[a]?.object.cds_modified ?? ''),
      ),
    );
  });
  if (announce === 'always' || fingerprint() !== before) core.events.emit('clients.changed', { serverId });
}

const adminOf = (context: ServerContext) => context.record.registration?.adminClientId ?? null;

export async function syncClients(core: CompanionCore, context: ServerContext): Promise<number> {
  const fetched = await listClientObjects(context);
  await cacheClients(core, context.serverId, fetched, true, 'always');
  return fetched.length;
}

async function detailOf(context: ServerContext, fetched: FetchedClient): Promise<ClientDetail> {
  const view = clientViewOf(context.serverId, fetched.client, fetched.raw, adminOf(context));
  try {
    const metadata = await discoverClientMetadata(context.http, {
      server: context.ref,
      client: fetched.client,
      publicDiscovery: {
        metadataUrl: context.record.metadataUrl,
        oauthMetadataUrl: context.oauthMetadataUrl,
        oauthMetadata: context.oauth,
      },
      withClientAdminToken: (use) =>
        context.withAdminToken(`reading the metadata of client ${fetched.client.client_id}`, use),
    });
    return {
      ...view,
      metadata: {
        cdsMetadataUrl: metadata.cdsMetadataUrl,
        oauthMetadataUrl: metadata.oauthMetadataUrl,
        samePublicMetadata: metadata.samePublicMetadata,
        authenticated: metadata.authenticated,
        scopes: metadata.scopes.map((scope) => ({
          id: scope.id,
          type: scope.type,
          name: scope.name,
          description: scope.description,
          coverageIds: [...scope.coverageIds],
          authorizationDetailsFields: scope.raw.authorization_details_fields_supported.map(
            (field) => field.id,
          ),
        })),
      },
      metadataError: null,
    };
  } catch (error) {
    // The Client Object itself is still worth showing; the metadata problem is shown beside it.
    return {
      ...view,
      metadata: null,
      metadataError: toCdsError(error, context.ref, 'reading the client metadata').userMessage,
    };
  }
}

export const clientsModule: CompanionModuleFactory = async (core) => {
  const contextOf = (serverId: string, step: string) => {
    const context = core.context(serverId, step);
    context.requireRegistration(step);
    return context;
  };
  const viewsOf = (context: ServerContext, fetched: readonly FetchedClient[]): ClientView[] =>
    fetched.map(({ client, raw }) => clientViewOf(context.serverId, client, raw, adminOf(context)));

  return {
    area: 'clients',
    syncOrder: 10,
    sync: async (context) => ({ clients: await syncClients(core, context) }),
    handlers: {
      'clients.list': async (serverId, filter) => {
        const context = contextOf(serverId, 'listing the Client Objects');
        const clientIds = filter?.clientIds;
        const fetched = await listClientObjects(context, clientIds ? { clientIds } : {});
        await cacheClients(core, context.serverId, fetched, !clientIds);
        return viewsOf(context, fetched);
      },
      'clients.get': async (serverId, clientId) => {
        const context = contextOf(serverId, `reading client ${clientId}`);
        const fetched = await getClientObject(context, clientId);
        await cacheClients(core, context.serverId, [fetched], false);
        return detailOf(context, fetched);
      },
      'clients.update': async (serverId, clientId, changes) => {
        const context = contextOf(serverId, `changing client ${clientId}`);
        const outcome = await updateClientObject(context, clientId, changes);
        await cacheClients(core, context.serverId, [outcome.fetched], false);
        return {
          client: clientViewOf(
            context.serverId,
            outcome.fetched.client,
            outcome.fetched.raw,
            adminOf(context),
          ),
          accepted: outcome.accepted,
          pendingFields: [...outcome.pendingFields],
          reviewMessage: outcome.reviewMessage ? messageRefOf(outcome.reviewMessage) : null,
        };
      },
      'clients.requestProduction': async (serverId, clientId, options) => {
        const context = contextOf(serverId, `asking for production access for client ${clientId}`);
        const message = await requestProductionAccess(context, clientId, options?.description);
        // Only we know which Message asked for production access: kept durably (ADR 0003).
        await core.clients.update(
          context.serverId,
          (draft) => {
            draft.productionRequests[clientId] = message.uri;
          },
          { durable: true },
        );
        return { message: messageRefOf(message) };
      },
      'clients.productionStatus': async (serverId, clientId) => {
        const context = contextOf(serverId, `following the production request of client ${clientId}`);
        const known = core.clients.read(context.serverId)?.productionRequests[clientId] ?? null;
        const followed = await followProductionRequest(context, clientId, known);
        if (followed.production) await cacheClients(core, context.serverId, [followed.production], false);
        return {
          status: followed.status,
          message: messageRefOf(followed.message),
          productionClient: followed.production
            ? clientViewOf(
                context.serverId,
                followed.production.client,
                followed.production.raw,
                adminOf(context),
              )
            : null,
        };
      },
    },
  };
};
