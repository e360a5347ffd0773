import { copyFile, readFile, rename, stat } from 'node:fs/promises';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-write';
import { StoreError } from './store-error';
import type { StoreProblem } from './store-problem';

/** Upgrades the `data` of a store file from version `n` (its key in the migrations map) to `n + 1`. */
export type StoreMigration = (data: unknown) => unknown;

export interface LoadStoreOptions<S extends z.ZodType> {
  readonly file: string;
  readonly schema: S;
  readonly version: number;
  readonly migrations: Readonly<Record<number, StoreMigration>>;
  readonly defaults: z.output<S>;
  readonly now?: () => Date;
}

export interface LoadedStore<T> {
  readonly state: T;
  readonly readOnly: boolean;
  readonly problems: readonly StoreProblem[];
}

/** What is on disk: `{ "version": <integer>, "data": <state> }`. */
export interface StoreEnvelope {
  readonly version: number;
  readonly data: unknown;
}

export function serializeEnvelope(version: number, data: unknown): string {
  return `${JSON.stringify({ version, data } satisfies StoreEnvelope, null, 2)}\n`;
}

function parseEnvelope(text: string): StoreEnvelope | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `it is not valid JSON (${(error as Error).message})`;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return 'it is not a JSON object';
  const record = parsed as Record<string, unknown>;
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return 'it has no valid "version" field';
  }
  if (!('data' in record)) return 'it has no "data" field';
  return { version, data: record.data };
}

function backupStamp(date: Date): string {
  // Colons are not allowed in Windows file names.
  return date.toISOString().replace(/[:.]/g, '-');
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Renames a bad file out of the way, never over an earlier backup. Returns the backup's path. */
async function keepAsBackup(file: string, date: Date): Promise<string> {
  const base = `${file}.corrupt-${backupStamp(date)}`;
  let candidate = base;
  for (let n = 1; await exists(candidate); n += 1) candidate = `${base}-${n}`;
  await rename(file, candidate);
  return candidate;
}

function describeIssues(error: z.ZodError): string {
  // Paths only: values are the user's data and have no place in a message.
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function freshDefaults<S extends z.ZodType>(options: LoadStoreOptions<S>): z.output<S> {
  return options.schema.parse(structuredClone(options.defaults)) as z.output<S>;
}

/**
 * Reads a store file and turns it into state the caller can trust:
 * missing → defaults; unreadable → kept as `<name>.corrupt-<time>`, reported, defaults;
 * older version → migrated step by step (the original kept as `<name>.v<n>.bak`) and written back;
 * newer version → read-only, reported; data failing the schema → kept as a backup, reported, defaults.
 */
export async function loadStoreFile<S extends z.ZodType>(
  options: LoadStoreOptions<S>,
): Promise<LoadedStore<z.output<S>>> {
  const { file, schema, version } = options;
  const now = options.now ?? (() => new Date());
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { state: freshDefaults(options), readOnly: false, problems: [] };
    }
    throw error;
  }

  const envelope = parseEnvelope(text);
  if (typeof envelope === 'string') {
    const backupFile = await keepAsBackup(file, now());
    return {
      state: freshDefaults(options),
      readOnly: false,
      problems: [
        {
          kind: 'corrupt',
          file,
          backupFile,
          message: `The file ${file} could not be read because ${envelope}. It was kept as ${backupFile}; this part of CDS Companion's state starts afresh.`,
        },
      ],
    };
  }

  if (envelope.version > version) {
    // A newer CDS Companion wrote this file: writing it with this version's schema would drop what
    // we do not understand, so the store opens read-only (SECURITY.md "a newer version is refused
    // read-only").
    const parsed = schema.safeParse(envelope.data);
    return {
      state: parsed.success ? (parsed.data as z.output<S>) : freshDefaults(options),
      readOnly: true,
      problems: [
        {
          kind: 'newer_version',
          file,
          fileVersion: envelope.version,
          message: `The file ${file} was written by a newer version of CDS Companion (format ${envelope.version}; this version reads up to ${version}). It is opened read-only: changes cannot be saved until you update CDS Companion.`,
        },
      ],
    };
  }

  let data = envelope.data;
  let failure: string | null = null;
  for (let from = envelope.version; from < version && failure === null; from += 1) {
    const migrate = options.migrations[from];
    if (!migrate) {
      throw new StoreError(
        'migration_missing',
        file,
        `No migration from format ${from} to ${from + 1} for ${file}; the file was left untouched.`,
      );
    }
    try {
      data = migrate(data);
    } catch (error) {
      failure = `its data could not be migrated from format ${from} to ${from + 1} (${(error as Error).message})`;
    }
  }

  const parsed = failure === null ? schema.safeParse(data) : null;
  if (parsed === null || !parsed.success) {
    const reason =
      failure ??
      `its data does not match the expected shape (${describeIssues(parsed?.error as z.ZodError)})`;
    const backupFile = await keepAsBackup(file, now());
    return {
      state: freshDefaults(options),
      readOnly: false,
      problems: [
        {
          kind: 'invalid',
          file,
          backupFile,
          fileVersion: envelope.version,
          message: `The file ${file} could not be used because ${reason}. It was kept as ${backupFile}; this part of CDS Companion's state starts afresh.`,
        },
      ],
    };
  }

  if (envelope.version < version) {
    // Keep the pre-migration bytes: a migration bug must never cost the user their data.
    await copyFile(file, `${file}.v${envelope.version}.bak`);
    await writeFileAtomic(file, serializeEnvelope(version, parsed.data));
  }
  return { state: parsed.data as z.output<S>, readOnly: false, problems: [] };
}
