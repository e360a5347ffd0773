import path from 'node:path';
import { z } from 'zod';
import { type JsonStore, openJsonStore, type StoreMigration, type UpdateOptions } from '../store/json-store';
import type { StoreError } from '../store/store-error';
import type { StoreProblem } from '../store/store-problem';

// Per-area caches (`<dataDir>/state/<area>.json`): one file per concern (Client Objects,
// Credentials, Messages, Grants, ...), each keyed by Server id, so an area can change its schema
// and migrate on its own and removing a Server is one `forget` per area. Non-secret data only.

export interface AreaStore<T> {
  readonly file: string;
  /** What was wrong with the file at open (json-store.ts). */
  readonly problems: readonly StoreProblem[];
  /** The Server's entry, or undefined before the first write. */
  read(serverId: string): T | undefined;
  /** The Server's entry, or a fresh empty one (not written). */
  readOrEmpty(serverId: string): T;
  serverIds(): string[];
  /**
   * Edits (or creates) the Server's entry and writes the file atomically; a write-behind cache
   * settles before the write unless the update is `durable` (json-store.ts).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: mutators edit the draft in place (json-store's StoreMutator shape).
  update(serverId: string, mutator: (draft: T) => T | void, options?: UpdateOptions): Promise<void>;
  /** Removes the Server's entry, durably: a removed Server's data must not come back. */
  forget(serverId: string): Promise<void>;
  /** Settles once every update is on disk. */
  flush(): Promise<void>;
}

export interface AreaStoreOptions<S extends z.ZodType> {
  readonly dataDir: string;
  /** kebab-case file name without extension: `clients`, `credentials`, `messages`. */
  readonly area: string;
  /** The schema of one Server's entry. */
  readonly schema: S;
  readonly empty: () => z.output<S>;
  readonly version?: number;
  /** Migrations of the whole file's `data` ({ servers: { <id>: entry } }), keyed by the version they upgrade from. */
  readonly migrations?: Readonly<Record<number, StoreMigration>>;
  /** A cache the Server can give back: written behind (docs/decisions/0003-write-behind-caches.md). */
  readonly writeBehind?: boolean;
  readonly onWriteError?: (error: StoreError) => void;
}

export const stateDir = (dataDir: string): string => path.join(dataDir, 'state');

/** Opens one area's cache file. */
export async function openAreaStore<S extends z.ZodType>(
  options: AreaStoreOptions<S>,
): Promise<AreaStore<z.output<S>>> {
  type T = z.output<S>;
  const fileSchema = z.object({ servers: z.record(z.string(), options.schema) });
  const store = (await openJsonStore({
    file: path.join(stateDir(options.dataDir), `${options.area}.json`),
    schema: fileSchema,
    version: options.version ?? 1,
    migrations: options.migrations ?? {},
    defaults: { servers: {} },
    ...(options.writeBehind ? { writeBehind: true } : {}),
    ...(options.onWriteError ? { onWriteError: options.onWriteError } : {}),
  })) as unknown as JsonStore<{ servers: Record<string, T> }>;
  // Each update copies, validates and re-serialises one Server's entry only (json-store `entries`).
  const servers = store.entries('servers');
  return {
    file: store.file,
    problems: store.problems,
    read: (serverId) => servers.read(serverId),
    readOrEmpty: (serverId) => servers.read(serverId) ?? options.empty(),
    serverIds: () => Object.keys(store.read().servers),
    update: (serverId, mutator, updateOptions) =>
      servers.update(
        serverId,
        (draft) => {
          const entry = draft ?? options.empty();
          const next = mutator(entry);
          return next === undefined ? entry : next;
        },
        updateOptions,
      ),
    forget: async (serverId) => {
      if (servers.read(serverId) === undefined) return;
      await servers.remove(serverId, { durable: true });
    },
    flush: () => store.flush(),
  };
}
