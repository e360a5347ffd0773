import type { SyncReport } from '../../shared/ipc/servers-contract';
import type { CompanionCore } from './companion-core';
import { syncServer } from './server-sync';
import { mapBounded } from './sync-poller';

/** How many Servers sync at once: enough to overlap network waits, few enough for 2 cores. */
export const SYNC_CONCURRENCY = 3;

/**
 * Full sync of every Server (metadata, then each area in `syncOrder`: server-sync.ts), several
 * Servers at a time; the reports keep the Servers' order.
 */
export function syncAllServers(core: CompanionCore, concurrency = SYNC_CONCURRENCY): Promise<SyncReport[]> {
  const ids = [...core.state.read().serverOrder];
  return mapBounded(ids, concurrency, (id) => syncServer(core, id));
}
