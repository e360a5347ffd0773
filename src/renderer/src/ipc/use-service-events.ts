import { useEffect } from 'react';
import type { CdsApi, Unsubscribe } from '../../../shared/ipc/bridge';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import { runAppCommand } from '../stores/app-commands-store';
import type { RendererStores } from '../stores/renderer-stores';

type EventRouting = { readonly [E in EventName]: (payload: EventPayload<E>) => void };

/**
 * Which store action each service event becomes. Typed over the contract's event map, so a new event
 * in the contract fails to compile here until it is routed.
 */
export function routeServiceEvents(stores: RendererStores): EventRouting {
  return {
    'server.status': (payload) => stores.servers.getState().recordStatus(payload),
    'servers.changed': ({ serverId, reason }) => {
      if (reason === 'removed' && serverId !== null) stores.servers.getState().removeServer(serverId);
      stores.changes.getState().noteChange('servers', serverId);
    },
    'clients.changed': ({ serverId }) => stores.changes.getState().noteChange('clients', serverId),
    'credentials.changed': ({ serverId, clientId }) => {
      stores.credentialRotations.getState().noteCredentialsChanged(serverId, clientId);
      stores.changes.getState().noteChange('credentials', serverId);
    },
    'files.changed': ({ serverId }) => stores.changes.getState().noteChange('files', serverId),
    'grants.changed': ({ serverId }) => stores.changes.getState().noteChange('grants', serverId),
    'messages.changed': ({ serverId, unreadCount }) => {
      stores.servers.getState().recordUnreadCount(serverId, unreadCount);
      stores.changes.getState().noteChange('messages', serverId);
    },
    'download.progress': (progress) => stores.downloads.getState().recordProgress(progress),
    'sync.polled': ({ at }) => stores.servers.getState().recordPoll(at),
    'keys.changed': ({ serverId }) => stores.changes.getState().noteChange('keys', serverId),
    'authorization.changed': (event) => stores.authorization.getState().recordFlow(event),
    'activity.recorded': (entry) => stores.activity.getState().recordEntry(entry),
    'settings.changed': (settings) => stores.settings.getState().recordSettings(settings),
    // Menus, the tray and notification clicks of the desktop shell.
    'app.command': (command) => runAppCommand(stores, command),
    // These three feed the shell's native notifications and dock badge; in the window the same
    // changes already arrive as messages.changed / grants.changed, so they only mark the area stale.
    'messages.received': ({ serverId }) => stores.changes.getState().noteChange('messages', serverId),
    'grants.statusChanged': ({ serverId }) => stores.changes.getState().noteChange('grants', serverId),
    'messages.unreadCount': () => undefined,
  };
}

/** Subscribes every routed event; returns one function that unsubscribes them all. */
export function subscribeServiceEvents(api: CdsApi, stores: RendererStores): Unsubscribe {
  const routing = routeServiceEvents(stores);
  const unsubscribes = (Object.keys(routing) as EventName[]).map((event) =>
    subscribeRouted(api, routing, event),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}

function subscribeRouted<E extends EventName>(api: CdsApi, routing: EventRouting, event: E): Unsubscribe {
  return api.on[event](routing[event]);
}

/**
 * The renderer's one subscription point (STYLE.md 9): service events reach the UI only here, as
 * store actions. Mounted once, at the root of the app.
 */
export function useServiceEvents(api: CdsApi, stores: RendererStores): void {
  useEffect(() => subscribeServiceEvents(api, stores), [api, stores]);
}
