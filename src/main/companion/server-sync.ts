import type { SyncReport } from '../../shared/ipc/servers-contract';
import { discoverServer } from '../cds/discovery/discover-server';
import { CdsError } from '../cds/errors';
import { jsonEqual } from '../store/state-tree';
import type { CompanionCore } from './companion-core';
import { toCdsError } from './companion-error';
import { discoveryCacheOf } from './discovery-cache';

/**
 * `servers.sync`: re-reads the Server's metadata, then runs every module's `sync` in `syncOrder`
 * (clients, credentials, then the areas added later). One area failing does not stop the others;
 * the report lists every problem and the Server's status follows the outcome.
 */
export async function syncServer(core: CompanionCore, serverId: string): Promise<SyncReport> {
  const record = core.findServer(serverId, 'syncing the Server');
  const id = record.id;
  const at = new Date(core.clock.now()).toISOString();
  const counts: Record<string, number> = {};
  const errors: string[] = [];
  let networkProblem: CdsError | null = null;
  // Metadata the Server sent unchanged is not written now: its new `fetchedAt` joins the report's
  // write at the end (one fsync'd write of companion.json per sync instead of two).
  let metadataConfirmed = false;

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

  if (networkProblem === null && core.state.read().servers[id]?.registration) {
    const modules = [...core.modules()]
      .filter((module) => module.sync)
      .sort((a, b) => (a.syncOrder ?? 50) - (b.syncOrder ?? 50));
    for (const module of modules) {
      try {
        const context = core.context(id, `syncing ${module.area}`);
        Object.assign(counts, await module.sync?.(context));
      } catch (error) {
        const failure = toCdsError(error, { id, name: record.name }, `syncing ${module.area}`);
        errors.push(failure.userMessage);
        if (failure instanceof CdsError && failure.kind === 'network') networkProblem ??= failure;
      }
    }
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
