import type { SyncReport } from '../../shared/ipc/servers-contract';
import { discoverServer } from '../cds/discovery/discover-server';
import { CdsError } from '../cds/errors';
import { jsonEqual } from '../store/state-tree';
import type { CompanionCore } from './companion-core';
import { toCdsError } from './companion-error';
import type { CompanionModule } from './companion-module';
import { discoveryCacheOf } from './discovery-cache';

/** Metadata read less than this long ago counts as recent (SyncOptions.metadata). */
export const RECENT_METADATA_MS = 60_000;

export interface SyncOptions {
  /**
   * `recent`: keep metadata read within the last minute instead of reading it again (registration
   * right after `servers.add`). Default `refresh`.
   */
  readonly metadata?: 'refresh' | 'recent';
}

/**
 * `servers.sync`: re-reads the Server's metadata, then runs every module's `sync` in `syncOrder`
 * (clients, then credentials, then the other areas side by side: they depend on the Client Objects
 * and their secrets, not on each other). One area failing does not stop the others; the report
 * lists every problem and the Server's status follows the outcome.
 */
export async function syncServer(
  core: CompanionCore,
  serverId: string,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const record = core.findServer(serverId, 'syncing the Server');
  const id = record.id;
  const at = new Date(core.clock.now()).toISOString();
  const counts: Record<string, number> = {};
  const errors: string[] = [];
  let networkProblem: CdsError | null = null;
  // Metadata the Server sent unchanged is not written now: its new `fetchedAt` joins the report's
  // write at the end (one fsync'd write of companion.json per sync instead of two).
  let metadataConfirmed = false;

  const fetchedAt = Date.parse(record.discovery.fetchedAt);
  const recent = options.metadata === 'recent' && core.clock.now() - fetchedAt < RECENT_METADATA_MS;
  if (!recent) {
    try {
      const discovery = await discoverServer(
        core.http,
        record.metadataUrl ?? record.discovery.oauthMetadataUrl,
        {},
      );
      const fresh = discoveryCacheOf(discovery, at);
      const issuer = discovery.oauthMetadata.issuer;
      const stored = core.state.read().servers[id];
      if (stored && stored.issuer === issuer && jsonEqual({ ...stored.discovery, fetchedAt: at }, fresh)) {
        metadataConfirmed = true;
      } else {
        await core.updateServer(id, (draft) => {
          draft.discovery = fresh;
          draft.issuer = issuer;
        });
      }
    } catch (error) {
      const failure = toCdsError(error, { id, name: record.name }, 'reading the Server metadata');
      errors.push(failure.userMessage);
      networkProblem = failure;
    }
  }

  const syncArea = async (module: CompanionModule): Promise<void> => {
    try {
      const context = core.context(id, `syncing ${module.area}`);
      Object.assign(counts, await module.sync?.(context));
    } catch (error) {
      const failure = toCdsError(error, { id, name: record.name }, `syncing ${module.area}`);
      errors.push(failure.userMessage);
      if (failure instanceof CdsError && failure.kind === 'network') networkProblem ??= failure;
    }
  };
  if (networkProblem === null && core.state.read().servers[id]?.registration) {
    for (const stage of syncStages(core.modules())) await Promise.all(stage.map(syncArea));
  }

  const firstError = errors[0] ?? null;
  await core.updateServer(
    id,
    (draft) => {
      draft.lastSync = at;
      draft.lastSyncError = firstError;
      if (metadataConfirmed && draft.discovery.fetchedAt < at) draft.discovery.fetchedAt = at;
    },
    'synced',
  );
  await core.noteReachability(id, networkProblem);
  return { serverId: id, ok: errors.length === 0, at, counts, errors };
}

/** The modules that sync, grouped by `syncOrder` (ascending); a group's modules run side by side. */
export function syncStages(modules: readonly CompanionModule[]): CompanionModule[][] {
  const byOrder = new Map<number, CompanionModule[]>();
  for (const module of modules) {
    if (!module.sync) continue;
    const order = module.syncOrder ?? 50;
    byOrder.set(order, [...(byOrder.get(order) ?? []), module]);
  }
  return [...byOrder.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}
