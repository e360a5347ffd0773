import { useMemo } from 'react';
import type { ActivityEntry } from '../../../shared/ipc/activity-contract';
import { type QueryState, useServiceQuery } from '../ipc/use-service-query';
import { activityNewestFirst } from '../stores/activity-store';
import { useActivityStore, useRendererStores } from '../stores/renderer-stores';

export interface ActivityEntries {
  /** Loading / failed for the first `activity.list`; afterwards the store's entries, newest first. */
  readonly state: QueryState<readonly ActivityEntry[]>;
  readonly reload: () => void;
}

/**
 * The activity timeline's data: `activity.list` once (merged into the activity store), then every
 * `activity.recorded` event the one subscription point routes into the same store.
 */
export function useActivityEntries(serverId: string | null): ActivityEntries {
  const stores = useRendererStores();
  const query = useServiceQuery({
    key: 'activity.list',
    load: async (cds) => {
      const entries = await cds.activity.list();
      stores.activity.getState().loadEntries(entries);
      return entries.length;
    },
  });
  const entries = useActivityStore((state) => state.entries);
  const shown = useMemo(() => activityNewestFirst(entries, serverId), [entries, serverId]);
  const state: QueryState<readonly ActivityEntry[]> =
    query.state.status === 'ready'
      ? { status: 'ready', value: shown, isRefreshing: query.state.isRefreshing }
      : query.state;
  return { state, reload: query.reload };
}
