import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write';
import {
  type LoadStoreOptions,
  loadStoreFile,
  type StoreMigration,
  serializeEnvelope,
} from './load-store-file';
import { createSerialQueue } from './serial-queue';
import { StoreError } from './store-error';
import type { StoreProblem } from './store-problem';

export type { StoreMigration };

/** Returns a replacement state, or mutates `draft` in place and returns nothing. */
// biome-ignore lint/suspicious/noConfusingVoidType: a mutator that edits the draft in place is a function returning void (the immer `produce` shape); `undefined` would reject it.
export type StoreMutator<T> = (draft: T) => T | void;

/** A typed view of one top-level key of a store's state, e.g. the engine's rotation journal. */
export interface StoreSection<V> {
  read(): V;
  update(mutator: StoreMutator<V>): Promise<void>;
}

export interface JsonStore<T> {
  readonly file: string;
  /** True when the file comes from a newer version: `update` then throws StoreError('read_only'). */
  readonly readOnly: boolean;
  /** What was wrong with the file at open (corrupt, invalid, newer version). */
  readonly problems: readonly StoreProblem[];
  /** The current state, deep-frozen: change it only through `update`. */
  read(): T;
  /**
   * Applies `mutator` to a copy of the state, validates the result with the schema and writes it
   * atomically. Updates run one at a time in call order; the in-memory state changes only once the
   * file is written, so a failed write leaves both as they were.
   */
  update(mutator: StoreMutator<T>): Promise<void>;
  section<K extends keyof T & string>(key: K): StoreSection<T[K]>;
}

export interface OpenJsonStoreOptions<S extends z.ZodType> extends LoadStoreOptions<S> {}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
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
  let current: T = deepFreeze(loaded.state);
  const queue = createSerialQueue();

  const update = (mutator: StoreMutator<T>): Promise<void> =>
    queue.run(async () => {
      if (loaded.readOnly) {
        throw new StoreError(
          'read_only',
          file,
          `${file} was written by a newer version of CDS Companion and is read-only; update CDS Companion to make changes.`,
        );
      }
      const draft = structuredClone(current) as T;
      const returned = mutator(draft);
      const parsed = schema.safeParse(returned === undefined ? draft : returned);
      if (!parsed.success) {
        const where = parsed.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('; ');
        throw new StoreError(
          'invalid_state',
          file,
          `Refused to save ${file}: the new state is invalid (${where}).`,
        );
      }
      try {
        await writeFileAtomic(file, serializeEnvelope(version, parsed.data));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
        throw new StoreError(
          'write_failed',
          file,
          `Could not save ${file} (${code}); the previous version is kept.`,
        );
      }
      current = deepFreeze(parsed.data as T);
    });

  return {
    file,
    readOnly: loaded.readOnly,
    problems: loaded.problems,
    read: () => current,
    update,
    section<K extends keyof T & string>(key: K): StoreSection<T[K]> {
      return {
        read: () => current[key],
        update: (mutator) =>
          update((draft) => {
            const next = mutator(draft[key]);
            if (next !== undefined) draft[key] = next;
          }),
      };
    },
  };
}
