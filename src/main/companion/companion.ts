import path from 'node:path';
import type { z } from 'zod';
import { methodNames } from '../../shared/ipc/contract';
import type { CdsError } from '../cds/errors';
import type { ActivityListener } from '../cds/http/activity';
import {
  companionUserAgent,
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
} from '../cds/http/http-client';
import { type Clock, createTokenManager } from '../cds/oauth/token-manager';
import type { ServiceApi, ServiceHandlers } from '../service-api';
import { openJsonStore } from '../store/json-store';
import { openVault } from '../vault/open-vault';
import type { Vault } from '../vault/vault';
import { type AreaStore, openAreaStore, stateDir } from './area-store';
import { clientCacheSchema, emptyClientCache } from './client-cache';
import type { CacheOptions, CompanionCore, CompanionTestHooks } from './companion-core';
import { CompanionError, toCdsError } from './companion-error';
import type { CompanionModule, CompanionModuleFactory } from './companion-module';
import { type DesktopCapabilityOptions, desktopCapabilities } from './desktop-capabilities';
import { createCompanionEvents } from './event-hub';
import { companionModules } from './modules';
import { createServerContext } from './server-context';
import {
  COMPANION_STATE_VERSION,
  companionStateMigrations,
  companionStateSchema,
  defaultCompanionState,
} from './state-schema';
import { type PollerTimers, realTimers } from './sync-poller';

export interface CreateCompanionOptions {
  /** The app's data directory (Electron userData; the CLI's --data-dir). */
  readonly dataDir: string;
  /** The app version, for the User-Agent and app.info. */
  readonly version: string;
  /** Environment for the vault choice (CDS_COMPANION_VAULT, CDS_COMPANION_PASSPHRASE). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A vault already opened (tests, or a shell that opened it to show its warning first). */
  readonly vault?: Vault;
  /** Opens a URL in the system browser; a no-op by default (CLI). */
  readonly openExternal?: (url: string) => Promise<void>;
  readonly clock?: Clock;
  /** A PEM file of extra CAs (a self-signed sandbox), added to the system roots. */
  readonly caFile?: string;
  /** HTTP client tuning (timeouts, retries, activity listener). */
  readonly http?: Partial<Omit<HttpClientOptions, 'userAgent' | 'caFile'>>;
  /** Extra modules after the built-in ones (tests; future areas register in modules.ts instead). */
  readonly extraModules?: readonly CompanionModuleFactory[];
  /** Test-only hooks; never set by a front end. */
  readonly hooks?: CompanionTestHooks;
  /** Timers for background work (polling, scheduled rotation); tests inject fakes. */
  readonly timers?: PollerTimers;
  /** The native folder picker (Electron dialog; a temp folder in the web harness). */
  readonly pickFolder?: DesktopCapabilityOptions['pickFolder'];
  /** "Show in folder" (Electron shell.showItemInFolder). */
  readonly showItemInFolder?: (filePath: string) => void;
  /** Where downloads go until the person picks a folder (default: the system Downloads folder). */
  readonly defaultDownloadFolder?: string;
}

export interface Companion {
  /** The handler/event shape the IPC binding, the web harness and the CLI call. */
  readonly api: ServiceApi;
  readonly core: CompanionCore;
  /** Problems met at start (interrupted rotations that could not finish yet, unreadable caches). */
  readonly startProblems: readonly string[];
  /** Settles once every cache's pending write is on disk (docs/decisions/0003-write-behind-caches.md). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const stepOf = (method: string): string => `running ${method}`;

/**
 * Opens the Companion on a data directory: store, vault, HTTP client, token manager, then every
 * module (modules.ts). Nothing here imports Electron; the desktop shell, the web harness and the
 * CLI are thin front ends over `api`.
 */
export async function createCompanion(options: CreateCompanionOptions): Promise<Companion> {
  const dataDir = path.resolve(options.dataDir);
  const vault = options.vault ?? (await openVault({ dataDir, ...(options.env ? { env: options.env } : {}) }));
  const clock: Clock = options.clock ?? { now: () => Date.now() };
  const activityListeners = new Set<ActivityListener>();
  const http: HttpClient = createHttpClient({
    ...options.http,
    // The activity timeline listens here, beside any listener the front end passed.
    onActivity: (activity) => {
      options.http?.onActivity?.(activity);
      for (const listener of [...activityListeners]) {
        try {
          listener(activity);
        } catch {
          // A failing listener must never break a request.
        }
      }
    },
    userAgent: companionUserAgent(options.version),
    ...(options.caFile === undefined ? {} : { caFile: options.caFile }),
  });
  const tokens = createTokenManager({ http, vault, clock });
  const events = createCompanionEvents();
  const state = await openJsonStore({
    file: path.join(stateDir(dataDir), 'companion.json'),
    schema: companionStateSchema,
    version: COMPANION_STATE_VERSION,
    migrations: companionStateMigrations,
    defaults: defaultCompanionState,
  });
  // Files kept as backups at open, and cache writes that failed in the background (one line per
  // file, the latest): app.info shows them (SECURITY.md "a corrupt file is kept as a backup and reported").
  const storeProblems = new Map<string, string>();
  const noteStoreProblems = (problems: readonly { file: string; message: string }[]) => {
    for (const problem of problems) storeProblems.set(problem.file, problem.message);
  };
  noteStoreProblems(state.problems);
  const areas = new Map<string, AreaStore<unknown>>();
  const openArea = async <S extends z.ZodType>(areaOptions: CacheOptions<S>, writeBehind: boolean) => {
    const store = await openAreaStore({
      ...areaOptions,
      dataDir,
      writeBehind,
      onWriteError: (error) => noteStoreProblems([error]),
    });
    noteStoreProblems(store.problems);
    areas.set(areaOptions.area, store as AreaStore<unknown>);
    return store;
  };
  const openCache = <S extends z.ZodType>(cacheOptions: CacheOptions<S>) => openArea(cacheOptions, true);
  const clients = await openCache({ area: 'clients', schema: clientCacheSchema, empty: emptyClientCache });
  const hooks = options.hooks ?? {};

  const findServer: CompanionCore['findServer'] = (idOrName, step) => {
    const servers = state.read().servers;
    const byId = servers[idOrName];
    if (byId) return byId;
    const wanted = idOrName.trim().toLowerCase();
    const byName = Object.values(servers).filter((record) => record.name.toLowerCase() === wanted);
    if (byName.length === 1 && byName[0]) return byName[0];
    throw new CompanionError(
      byName.length > 1 ? 'conflict' : 'not-found',
      byName.length > 1
        ? 'several Servers have this name; use the Server id instead'
        : 'no Server with this id or name was added',
      { server: idOrName, step },
    );
  };

  const core: CompanionCore = {
    dataDir,
    version: options.version,
    http,
    tokens,
    vault,
    clock,
    events,
    state,
    clients,
    openExternal: options.openExternal ?? (async () => undefined),
    hooks,
    timers: options.timers ?? realTimers,
    desktop: desktopCapabilities({
      ...(options.pickFolder ? { pickFolder: options.pickFolder } : {}),
      ...(options.showItemInFolder ? { showItemInFolder: options.showItemInFolder } : {}),
      ...(options.defaultDownloadFolder ? { defaultDownloadFolder: options.defaultDownloadFolder } : {}),
    }),
    onHttpActivity: (listener) => {
      activityListeners.add(listener);
      return () => {
        activityListeners.delete(listener);
      };
    },
    findServer,
    context: (serverId, step) =>
      createServerContext(findServer(serverId, step), {
        http,
        tokens,
        vault,
        clock,
        emit: events.emit,
        clients,
        hooks,
      }),
    updateServer: async (serverId, mutate, reason = 'updated') => {
      // One Server's record is copied and validated, not the whole state (json-store `entries`).
      await state.entries('servers').update(serverId, (record) => {
        if (record) mutate(record);
      });
      events.emit('servers.changed', { serverId, reason });
    },
    noteReachability: async (serverId, error: CdsError | null) => {
      const record = state.read().servers[serverId];
      if (!record) return;
      const status = error === null ? 'reachable' : error.kind === 'network' ? 'unreachable' : 'error';
      const message = error === null ? null : error.userMessage;
      if (record.status === status && record.statusMessage === message) return;
      await core.updateServer(
        serverId,
        (draft) => {
          draft.status = status;
          draft.statusMessage = message;
        },
        'status',
      );
      events.emit('server.status', { serverId, status });
    },
    modules: () => modules,
    openCache,
    openDurableArea: (areaOptions) => openArea(areaOptions, false),
    cache: <T>(area: string) => areas.get(area) as AreaStore<T> | undefined,
    storeProblems: () => [...storeProblems.values()],
  };

  let modules: CompanionModule[] = [];
  modules = await Promise.all(
    [...companionModules, ...(options.extraModules ?? [])].map((factory) => factory(core)),
  );

  const handlers: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const module of modules) {
    for (const [name, handler] of Object.entries(module.handlers)) {
      if (handlers[name]) throw new Error(`Two Companion modules handle ${name}.`);
      const typed = handler as (...args: unknown[]) => Promise<unknown>;
      // Everything a front end sees is a CdsError naming the Server and the step.
      handlers[name] = async (...args: unknown[]) => {
        try {
          return await typed(...args);
        } catch (error) {
          const server = typeof args[0] === 'string' ? args[0] : 'CDS Companion';
          throw toCdsError(error, server, stepOf(name));
        }
      };
    }
  }
  const missing = methodNames.filter((name) => !handlers[name]);
  for (const name of missing) {
    // A contract method whose module has not landed yet answers with a clear error, never silence.
    handlers[name] = async () => {
      throw new CompanionError('internal', `${name} is not available in this version`, {
        server: 'CDS Companion',
        step: stepOf(name),
      });
    };
  }

  const startProblems: string[] = [];
  for (const module of modules) {
    try {
      await module.start?.();
    } catch (error) {
      startProblems.push(toCdsError(error, 'CDS Companion', `starting ${module.area}`).userMessage);
    }
  }

  const flush = async () => {
    await Promise.all([...areas.values()].map((store) => store.flush()));
  };
  let closing: Promise<void> | null = null;
  return {
    api: { handlers: handlers as unknown as ServiceHandlers, events },
    core,
    startProblems,
    flush,
    // Idempotent: a front end quitting and a test tearing down may both close.
    close: () => {
      closing ??= (async () => {
        for (const module of [...modules].reverse()) await module.close?.().catch(() => undefined);
        // The caches' last versions reach the disk before the process may exit.
        await flush().catch(() => undefined);
        await http.close();
      })();
      return closing;
    },
  };
}
