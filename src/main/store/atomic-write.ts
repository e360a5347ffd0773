import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

// Temp files sit next to their target (same directory, so rename is atomic on one file system) and
// carry the writer's pid so a later open can tell a dead writer's leftover from a live one's work.
const TEMP_MARKER = '.tmp-';
const RENAME_RETRIES_WIN32 = 5;

export interface AtomicWriteOptions {
  /** File mode of the written file; private by default (only the user can read the data directory). */
  readonly mode?: number;
}

export function tempPathFor(file: string): string {
  return `${file}${TEMP_MARKER}${process.pid}-${randomBytes(6).toString('hex')}`;
}

/**
 * Writes `data` to `file` so that a reader (or the next start after a crash or a power cut) sees
 * either the old complete file or the new complete file, never a truncated one: write a temp file in
 * the same directory, fsync it, rename it over the target, fsync the directory (SECURITY.md "the JSON
 * store is written atomically (temp file, fsync, rename)").
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temp = tempPathFor(file);
  const handle = await open(temp, 'wx', options.mode ?? 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await renameOver(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(file));
}

async function renameOver(from: string, to: string): Promise<void> {
  // On Windows a virus scanner or indexer briefly holding the target makes rename fail with
  // EPERM/EBUSY; POSIX rename has no such transient failure.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const transient = code === 'EPERM' || code === 'EBUSY' || code === 'EACCES';
      if (process.platform !== 'win32' || !transient || attempt >= RENAME_RETRIES_WIN32) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
    }
  }
}

interface DirectorySyncs {
  /** The fsync running now; it may have started before a caller's rename. */
  running: Promise<void> | null;
  /** The fsync that starts when the running one ends, shared by everyone who asked meanwhile. */
  next: Promise<void> | null;
}

/**
 * Shares directory fsyncs between callers: an fsync that starts after a caller's rename covers it,
 * so while one runs, everyone asking meanwhile waits for a single next one (the stores in `state/`
 * write side by side during a sync of every Server). A failed fsync fails everyone who shared it.
 */
export function sharedDirectorySync(fsync: (dir: string) => Promise<void>): (dir: string) => Promise<void> {
  const byDirectory = new Map<string, DirectorySyncs>();
  return (dir) => {
    let syncs = byDirectory.get(dir);
    if (!syncs) {
      syncs = { running: null, next: null };
      byDirectory.set(dir, syncs);
    }
    const state = syncs;
    const start = (): Promise<void> => {
      const run = fsync(dir).finally(() => {
        if (state.running === run) state.running = null;
        if (state.running === null && state.next === null) byDirectory.delete(dir);
      });
      state.running = run;
      return run;
    };
    if (state.next) return state.next;
    if (!state.running) return start();
    const next = state.running
      .catch(() => undefined)
      .then(() => {
        state.next = null;
        return start();
      });
    state.next = next;
    return next;
  };
}

const syncDirectoryShared = sharedDirectorySync(fsyncDirectory);

/** Makes every rename in `dir` done before the call durable. */
function syncDirectory(dir: string): Promise<void> {
  // The rename itself must reach the disk too; Windows cannot open a directory for fsync, and NTFS
  // journals the rename, so there the step is skipped.
  if (process.platform === 'win32') return Promise.resolve();
  return syncDirectoryShared(dir);
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files that a writer of `file` left behind when it was killed mid-write. A temp file
 * whose writer is still running (another CDS Companion process, e.g. the CLI next to the app) is left
 * alone. Returns the removed paths.
 */
export async function removeStaleTempFiles(
  file: string,
  isAlive: (pid: number) => boolean = processIsAlive,
): Promise<string[]> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}${TEMP_MARKER}`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length).split('-')[0] ?? '', 10);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) continue;
    const full = path.join(dir, name);
    try {
      await unlink(full);
      removed.push(full);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}
