import type { z } from 'zod';
import type { Unsubscribe } from '../../shared/ipc/bridge';
import type { CdsError } from '../cds/errors';
import type { ActivityListener } from '../cds/http/activity';
import type { HttpClient } from '../cds/http/http-client';
import type { Clock, TokenManager } from '../cds/oauth/token-manager';
import type { JsonStore } from '../store/json-store';
import type { Vault } from '../vault/vault';
import type { AreaStore, AreaStoreOptions } from './area-store';
import type { ClientCache } from './client-cache';
import type { CompanionModule } from './companion-module';
import type { DesktopCapabilities } from './desktop-capabilities';
import type { CompanionEvents } from './event-hub';
import type { ServerContext } from './server-context';
import type { CompanionState, ServerRecord } from './state-schema';
import type { PollerTimers } from './sync-poller';

/** Test-only hooks (never set by a front end): simulate a crash between rotation steps. */
export interface CompanionTestHooks {
  /** Called after each rotation step is journaled; throwing simulates the process dying there. */
  readonly afterRotationStep?: (step: string, clientId: string) => void | Promise<void>;
}

/**
 * What every module receives: the shared collaborators (DESIGN.md "Domain code receives its
 * collaborators as parameters"), the core state and the way to a per-Server context.
 */
export interface CompanionCore {
  readonly dataDir: string;
  readonly version: string;
  readonly http: HttpClient;
  readonly tokens: TokenManager;
  readonly vault: Vault;
  readonly clock: Clock;
  readonly events: CompanionEvents;
  /** Servers, settings, rotation journal (state-schema.ts). */
  readonly state: JsonStore<CompanionState>;
  /** Cached Client Objects of every Server: many areas need them (tokens, grants, files). */
  readonly clients: AreaStore<ClientCache>;
  /** Opens `url` in the system browser (Electron shell.openExternal; a no-op for the CLI). */
  readonly openExternal: (url: string) => Promise<void>;
  readonly hooks: CompanionTestHooks;
  /** The timers background work uses (polling, scheduled rotation); tests inject fakes. */
  readonly timers: PollerTimers;
  /** The folder picker and "Show in folder" of the front end, and the default download folder. */
  readonly desktop: DesktopCapabilities;
  /** Listens to every HTTP attempt (already redacted by the HTTP layer: no header, no body). */
  onHttpActivity(listener: ActivityListener): Unsubscribe;
  /** A Server by id or by name (case-insensitive); throws CompanionError('not-found'). */
  findServer(idOrName: string, step: string): ServerRecord;
  /** The context protocol modules work in; throws CompanionError('not-found'). */
  context(serverId: string, step: string): ServerContext;
  /** Updates one Server's record and tells the front ends. */
  updateServer(
    serverId: string,
    mutate: (record: ServerRecord) => void,
    reason?: 'updated' | 'synced' | 'status',
  ): Promise<void>;
  /** Records reachability from the outcome of a Server call. */
  noteReachability(serverId: string, error: CdsError | null): Promise<void>;
  /** Every open module, for Server-wide operations (sync, removal, summaries). */
  modules(): readonly CompanionModule[];
  /**
   * Opens an area's cache of what the Server can give back (`<dataDir>/state/<area>.json`), written
   * behind (docs/decisions/0003-write-behind-caches.md) and flushed when the Companion closes.
   */
  openCache<S extends z.ZodType>(options: CacheOptions<S>): Promise<AreaStore<z.output<S>>>;
  /**
   * Opens an area's store of what only this computer knows (the user authorizations, the device
   * keys): every update settles once it is on disk. Its problems at open are reported like a cache's.
   */
  openDurableArea<S extends z.ZodType>(options: CacheOptions<S>): Promise<AreaStore<z.output<S>>>;
  /**
   * Another area's cache as it is in memory, read-only (the notifications follow the Messages and
   * Grants caches): undefined until that area opened it. Typed by the caller.
   */
  cache<T>(area: string): AreaStore<T> | undefined;
  /** What went wrong with the stored state: files kept as backups at open, failed cache writes. */
  storeProblems(): readonly string[];
}

export type CacheOptions<S extends z.ZodType> = Omit<
  AreaStoreOptions<S>,
  'dataDir' | 'writeBehind' | 'onWriteError'
>;
