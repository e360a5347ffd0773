import type { SyncReport } from '../../shared/ipc/servers-contract';
import { discoverServer } from '../cds/discovery/discover-server';
import { CdsError } from '../cds/errors';
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

  try {
    const discovery = await discoverServer(
      core.http,
      record.metadataUrl ?? record.discovery.oauthMetadataUrl,
      {},
    );
    await core.updateServer(id, (draft) => {
      draft.discovery = discoveryCacheOf(discovery, at);
      draft.issuer = discovery.oauthMetadata.issuer;
    });
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
    },
    'synced',
  );
  await core.noteReachability(id, networkProblem);
  return { serverId: id, ok: errors.length === 0, at, counts, errors };
}
