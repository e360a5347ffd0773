import type { ServiceHandlers } from '../service-api';
import type { CompanionCore } from './companion-core';
import type { ServerContext } from './server-context';

/**
 * One area of the Companion (servers, registration, clients, credentials; later messages, grants,
 * files, ...): it opens its own caches, contributes its contract handlers and takes part in the
 * Server-wide operations (sync, removal, the Servers list). See docs/architecture.md "Engine and
 * Companion".
 */
export interface CompanionModule {
  /** The contract namespace(s) it serves, for messages: `clients`. */
  readonly area: string;
  /** Its handlers; the Companion checks at start that every contract method has exactly one. */
  readonly handlers: Partial<ServiceHandlers>;
  /**
   * Refreshes the area's cache of one registered Server from the Server. Returns counts for the
   * sync report (`{ clients: 4 }`); throws a CdsError on failure (other areas still sync).
   */
  sync?(context: ServerContext): Promise<Record<string, number>>;
  /**
   * Order among sync steps (lower first): clients (10), then credentials (20), then the rest (50).
   * Modules with the same order sync side by side (server-sync.ts `syncStages`).
   */
  readonly syncOrder?: number;
  /** Deletes the area's cached data of a removed Server (after revocation and vault deletion). */
  forgetServer?(serverId: string): Promise<void>;
  /** Contributes to a Servers list row: the messages area sets `unreadCount`. */
  summarize?(serverId: string): { readonly unreadCount?: number };
  /** Runs once after every module is open (e.g. finishing interrupted rotations). Errors are reported, never fatal. */
  start?(): Promise<void>;
  close?(): Promise<void>;
}

/** How a module is created: from the core, possibly opening its cache files. */
export type CompanionModuleFactory = (core: CompanionCore) => Promise<CompanionModule>;
