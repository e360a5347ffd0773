import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write';
import { createCommitQueue, createWriteBehindQueue } from './commit-queue';
import { type LoadStoreOptions, loadStoreFile, type StoreMigration } from './load-store-file';
import { schemaAtPath } from './schema-at-path';
import { createStateSerializer } from './state-serializer';
import { deepFreeze, readAt, type StatePath, shareUnchanged, writeAt } from './state-tree';
import { StoreError } from './store-error';
import type { StoreProblem } from './store-problem';

export type { StoreMigration };

/** Returns a replacement state, or mutates `draft` in place and returns nothing. */
// biome-ignore lint/suspicious/noConfusingVoidType: a mutator that edits the draft in place is a function returning void (the immer `produce` shape); `undefined` would reject it.
export type StoreMutator<T> = (draft: T) => T | void;

export interface UpdateOptions {
  /**
   * For a write-behind store: settle only once the change is on disk, as every update of a durable
   * store does (for what the Server cannot give back, e.g. which Credential the vault's secret is).
   */
  readonly durable?: boolean;
}

/** A typed view of one top-level key of a store's state, e.g. the engine's rotation journal. */
export interface StoreSection<V> {
  read(): V;
  /** Like `JsonStore.update`, but copies and validates this section only. */
  update(mutator: StoreMutator<V>, options?: UpdateOptions): Promise<void>;
}

/** A typed view of a top-level record of entries, e.g. the Servers by id. */
export interface StoreEntries<V> {
  read(id: string): V | undefined;
  /**
   * Edits one entry, copying and validating only it. The mutator gets a copy of the entry
   * (undefined when there is none) and edits it in place or returns a replacement; an absent entry
   * stays absent unless a value is returned.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: in-place edits return void, as in StoreMutator.
  update(id: string, mutator: (draft: V | undefined) => V | void, options?: UpdateOptions): Promise<void>;
  remove(id: string, options?: UpdateOptions): Promise<void>;
}

type EntryOf<R> = R extends Readonly<Record<string, infer V>> ? V : never;

export interface JsonStore<T> {
  readonly file: string;
  /** True when the file comes from a newer version: `update` then throws StoreError('read_only'). */
  readonly readOnly: boolean;
  /** What was wrong with the file at open (corrupt, invalid, newer version). */
  readonly problems: readonly StoreProblem[];
  /** True when updates settle before their write (`writeBehind` at open). */
  readonly writeBehind: boolean;
  /** The current state, deep-frozen: change it only through `update`. */
  read(): T;
  /**
   * Applies `mutator` to a copy of the state, validates the result with the schema and writes it
   * atomically. Updates apply one at a time in call order, each to the state the ones before it
   * left; the in-memory state changes only once the file is written, so a failed write leaves both
   * as they were. Updates made while a write is in flight share the next write (commit-queue.ts);
   * a failing mutator or an invalid result fails only its own caller. An update that changes nothing
   * writes nothing.
   *
   * A write-behind store instead changes its in-memory state at once and settles without waiting for
   * the disk (unless `durable`); a failed background write keeps the state in memory, is reported to
   * `onWriteError` and retried by the next update or `flush`.
   */
  update(mutator: StoreMutator<T>, options?: UpdateOptions): Promise<void>;
  /** Settles once every update made so far is on disk (a write-behind store's pending writes). */
  flush(): Promise<void>;
  section<K extends keyof T & string>(key: K): StoreSection<T[K]>;
  entries<K extends keyof T & string>(key: K): StoreEntries<EntryOf<T[K]>>;
}

export interface OpenJsonStoreOptions<S extends z.ZodType> extends LoadStoreOptions<S> {
  /**
   * Only for caches the Server can give back (docs/decisions/0003-write-behind-caches.md): updates
   * settle before their write, which runs in the background, still atomic and fsynced.
   */
  readonly writeBehind?: boolean;
  /** A background write of a write-behind store failed (StoreError 'write_failed'). */
  readonly onWriteError?: (error: StoreError) => void;
}

/**
 * Opens the versioned JSON file behind one part of the non-secret state (DESIGN.md "store/").
 * The schema must be idempotent (parsing its own output gives the same value): the state is written
 * as parsed and parsed again at the next open. Open one store per file per process.
 */
export async function openJsonStore<S extends z.ZodType>(
  options: OpenJsonStoreOptions<S>,
): Promise<JsonStore<z.output<S>>> {
  type T = z.output<S>;
  const { file, schema, version } = options;
  if (!Number.isInteger(version) || version < 1) {
    throw new StoreError('invalid_state', file, `Store version must be a positive integer, got ${version}.`);
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // A writer killed mid-write leaves only its temp file; the target still holds the previous
  // complete version, so the leftover is simply removed.
  await removeStaleTempFiles(file);
  const loaded = await loadStoreFile(options);
  const serializer = createStateSerializer();

  const refuse = (issues: readonly z.core.$ZodIssue[], prefix: StatePath): never => {
    const where = issues
      .slice(0, 5)
      .map((issue) => `${[...prefix, ...issue.path.map(String)].join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new StoreError(
      'invalid_state',
      file,
      `Refused to save ${file}: the new state is invalid (${where}).`,
    );
  };

  /** The whole state validated, sharing what did not change with `base`. */
  const validated = (candidate: unknown, base: T): T => {
    const parsed = schema.safeParse(candidate);
    if (!parsed.success) return refuse(parsed.error.issues, []);
    return deepFreeze(shareUnchanged(parsed.data as T, base));
  };

  /**
   * The state with `edit`'s result at `path`: only that value is copied for the edit and, when the
   * schema allows it (schema-at-path.ts), only it is validated; the rest is shared with `base`.
   */
  const applyAt = (base: T, at: StatePath, edit: (draft: unknown) => unknown): T => {
    const before = readAt(base, at);
    const value = edit(before === undefined ? undefined : structuredClone(before));
    if (value === undefined && before === undefined) return base;
    const part = schemaAtPath(schema, at);
    if (part === null) return validated(writeAt(base, at, value), base);
    if (value === undefined && part.inRecord) return writeAt(base, at, undefined) as T;
    const parsed = part.schema.safeParse(value);
    if (!parsed.success) return refuse(parsed.error.issues, at);
    const next = shareUnchanged(parsed.data, before);
    return next === before ? base : (writeAt(base, at, deepFreeze(next)) as T);
  };

  const writeState = async (next: T): Promise<void> => {
    const bytes = serializer.serialize(version, next);
    try {
      await writeFileAtomic(file, bytes);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new StoreError(
        'write_failed',
        file,
        `Could not save ${file} (${code}); the previous version is kept.`,
      );
    }
  };
  const writeBehind = options.writeBehind === true;
  const commits = writeBehind
    ? createWriteBehindQueue<T>({
        initial: deepFreeze(loaded.state),
        write: writeState,
        onWriteError: (error) => options.onWriteError?.(error as StoreError),
      })
    : createCommitQueue<T>({ initial: deepFreeze(loaded.state), write: writeState });

  const enqueue = (apply: (base: T) => T, updateOptions?: UpdateOptions): Promise<void> => {
    if (loaded.readOnly) {
      return Promise.reject(
        new StoreError(
          'read_only',
          file,
          `${file} was written by a newer version of CDS Companion and is read-only; update CDS Companion to make changes.`,
        ),
      );
    }
    return commits.enqueue(apply, updateOptions?.durable === true);
  };

  const update = (mutator: StoreMutator<T>, updateOptions?: UpdateOptions): Promise<void> =>
    enqueue((base) => {
      const draft = structuredClone(base) as T;
      const returned = mutator(draft);
      return validated(returned === undefined ? draft : returned, base);
    }, updateOptions);

  return {
    file,
    readOnly: loaded.readOnly,
    problems: loaded.problems,
    writeBehind,
    read: () => commits.current(),
    update,
    flush: () => (loaded.readOnly ? Promise.resolve() : commits.flush()),
    section<K extends keyof T & string>(key: K): StoreSection<T[K]> {
      return {
        read: () => commits.current()[key],
        update: (mutator, updateOptions) =>
          enqueue(
            (base) =>
              applyAt(base, [key], (draft) => {
                const next = mutator(draft as T[K]);
                return next === undefined ? draft : next;
              }),
            updateOptions,
          ),
      };
    },
    entries<K extends keyof T & string>(key: K): StoreEntries<EntryOf<T[K]>> {
      type V = EntryOf<T[K]>;
      const entryOf = (id: string): V | undefined => readAt(commits.current(), [key, id]) as V | undefined;
      return {
        read: entryOf,
        update: (id, mutator, updateOptions) =>
          enqueue(
            (base) =>
              applyAt(base, [key, id], (draft) => {
                const next = mutator(draft as V | undefined);
                return next === undefined ? draft : next;
              }),
            updateOptions,
          ),
        remove: (id, updateOptions) =>
          enqueue((base) => applyAt(base, [key, id], () => undefined), updateOptions),
      };
    },
  };
}
