import type { SyncReport } from '../../shared/ipc/servers-contract';
import type { CompanionCore } from './companion-core';
import { syncServer } from './server-sync';
import { mapBounded } from './sync-poller';

/**
 * How many Servers sync at once. A sync is latency-bound (each Server answers over the network and
 * each area waits on the one before it), so an auditor's whole list should overlap: 20 Servers take
 * about as long as the slowest one. One keep-alive agent and each area's own request chain keep the
 * load on this machine and on every single Server modest; beyond this bound Servers wait their turn.
 */
export const SYNC_CONCURRENCY = 24;

/**
 * Full sync of every Server (metadata, then each area in `syncOrder`: server-sync.ts), several
 * Servers at a time; the reports keep the Servers' order.
 */
export function syncAllServers(core: CompanionCore, concurrency = SYNC_CONCURRENCY): Promise<SyncReport[]> {
  const ids = [...core.state.read().serverOrder];
  return mapBounded(ids, concurrency, (id) => syncServer(core, id));
}
