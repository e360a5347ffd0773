import { useEffect } from 'react';
import type { ChangesState } from '../stores/changes-store';
import { useChangesStore, useRendererStores } from '../stores/renderer-stores';
import { useCdsApi } from './cds-api-context';
import { loadServers } from './load-servers';

/** Every `servers.changed` event, for any Server: the list is refetched when this moves. */
export function serversRevision(state: Pick<ChangesState, 'revisions'>): number {
  let total = 0;
  for (const [key, count] of Object.entries(state.revisions)) if (key.startsWith('servers:')) total += count;
  return total;
}

/**
 * Keeps the servers store in step with the service: `servers.list` once the app frame shows, and
 * again whenever a `servers.changed` event arrives (added, removed, renamed, synced, status).
 */
export function useServerList(): void {
  const api = useCdsApi();
  const stores = useRendererStores();
  const revision = useChangesStore(serversRevision);
  useEffect(() => {
    void revision;
    void loadServers(api, stores.servers);
  }, [api, stores, revision]);
}
