import type { PollingStatus, PollReport } from '../../../shared/ipc/sync-contract';
import { CdsError } from '../../cds/errors';
import type { CompanionCore } from '../companion-core';
import { toCdsError } from '../companion-error';
import type { CompanionModuleFactory } from '../companion-module';
import { SYNC_CONCURRENCY } from '../sync-all';
import { areasToRefresh } from '../sync-changelog';
import { createPoller, mapBounded, type PollerTimers } from '../sync-poller';
import { messagesRefreshFor } from './messages';

// Polling (DESIGN: "sync and notifications"): every `pollingIntervalMinutes` the Companion reads
// each registered Server's Messages and refreshes only what new Messages say changed: the §5.3 /
// §7.3 changelog of Client Objects and Credentials, Grant changes (§6: Servers mirror official
// changes as Messages), request outcomes (§6.2 request_update). A full refresh stays
// `servers.sync` / `servers.syncAll`.

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Polls one Server: its Messages, then the areas the new ones name. */
export async function pollServer(core: CompanionCore, serverId: string): Promise<PollReport> {
  const record = core.findServer(serverId, 'checking the Server for news');
  const id = record.id;
  const at = new Date(core.clock.now()).toISOString();
  const ref = { id, name: record.name };
  if (record.registration === null)
    return { serverId: id, ok: true, at, newMessages: 0, refreshed: [], errors: [] };
  const errors: string[] = [];
  const refreshed: string[] = [];
  let networkProblem: CdsError | null = null;
  let newMessages = 0;
  try {
    const context = core.context(id, 'checking the Messages');
    const outcome = await messagesRefreshFor(core)(context);
    newMessages = outcome.changed.length;
    const areas = areasToRefresh(
      outcome.changed.map((item) => item.message),
      outcome.all,
      context.oauth,
    );
    for (const area of areas) {
      const module = core.modules().find((candidate) => candidate.area === area && candidate.sync);
      if (!module?.sync) continue;
      try {
        // A fresh context per area: a clients refresh changes what the next area sees.
        await module.sync(core.context(id, `refreshing ${area}`));
        refreshed.push(area);
      } catch (error) {
        const failure = toCdsError(error, ref, `refreshing ${area}`);
        errors.push(failure.userMessage);
        if (failure.kind === 'network') networkProblem ??= failure;
      }
    }
  } catch (error) {
    const failure = toCdsError(error, ref, 'checking the Messages');
    errors.push(failure.userMessage);
    if (failure instanceof CdsError && failure.kind === 'network') networkProblem = failure;
  }
  await core.noteReachability(id, networkProblem);
  return { serverId: id, ok: errors.length === 0, at, newMessages, refreshed, errors };
}

export interface SyncModuleOptions {
  readonly timers?: PollerTimers;
  readonly concurrency?: number;
}

/** The sync area; tests build one with fake timers (`createSyncModule({ timers })`). */
export function createSyncModule(options: SyncModuleOptions = {}): CompanionModuleFactory {
  return async (core) => {
    const concurrency = options.concurrency ?? SYNC_CONCURRENCY;
    let lastPollAt: number | null = null;
    const pollAll = async (): Promise<PollReport[]> => {
      lastPollAt = core.clock.now();
      const state = core.state.read();
      const ids = state.serverOrder.filter((id) => state.servers[id]?.registration);
      const reports = await mapBounded(ids, concurrency, (id) => pollServer(core, id));
      core.events.emit('sync.polled', {
        at: new Date(core.clock.now()).toISOString(),
        servers: reports.length,
      });
      return reports;
    };
    const poller = createPoller({
      intervalMs: () => core.state.read().settings.pollingIntervalMinutes * 60_000,
      poll: async () => {
        await pollAll();
      },
      now: () => core.clock.now(),
      ...(options.timers ? { timers: options.timers } : {}),
    });
    const status = (): PollingStatus => ({
      pollingIntervalMinutes: core.state.read().settings.pollingIntervalMinutes,
      running: poller.running,
      lastPollAt: iso(lastPollAt),
      nextPollAt: iso(poller.nextPollAt),
    });
    return {
      area: 'sync',
      handlers: {
        'sync.status': async () => status(),
        'sync.setPollingInterval': async (minutes) => {
          await core.state.update((draft) => {
            draft.settings.pollingIntervalMinutes = minutes;
          });
          poller.reschedule();
          return status();
        },
        'sync.poll': async (serverId) =>
          serverId === undefined ? pollAll() : [await pollServer(core, serverId)],
      },
      start: async () => poller.start(),
      close: async () => poller.stop(),
    };
  };
}

export const syncModule: CompanionModuleFactory = createSyncModule();
