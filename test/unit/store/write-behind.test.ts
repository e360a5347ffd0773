import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createWriteBehindQueue } from '../../../src/main/store/commit-queue';
import { openJsonStore } from '../../../src/main/store/json-store';
import type { StoreError } from '../../../src/main/store/store-error';

// Write-behind for the caches the Server can give back (docs/decisions/0003-write-behind-caches.md):
// first with a fake disk whose writes finish when the test says, then with real files.

function fakeDisk() {
  const writes: { version: number; finish: (error?: Error) => void }[] = [];
  const write = (version: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      writes.push({ version, finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { writes, write, versions: () => writes.map((entry) => entry.version) };
}

/** Lets setImmediate callbacks and the promise jobs after them run. */
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createWriteBehindQueue', () => {
  it('applies an update at once, settles before the write and writes a burst once', async () => {
    const disk = fakeDisk();
    const queue = createWriteBehindQueue({ initial: 0, write: disk.write });
    await queue.enqueue((base) => base + 1);
    await queue.enqueue((base) => base + 10);
    expect(queue.current()).toBe(11);
    expect(disk.versions()).toEqual([]);
    await turn();
    expect(disk.versions()).toEqual([11]);
  });

  it('writes what changed during a write once, as the newest version, after it', async () => {
    const disk = fakeDisk();
    const queue = createWriteBehindQueue({ initial: 0, write: disk.write });
    await queue.enqueue((base) => base + 1);
    await turn();
    await queue.enqueue((base) => base + 10);
    await queue.enqueue((base) => base + 100);
    await turn();
    expect(disk.versions()).toEqual([1]);
    disk.writes[0]?.finish();
    await turn();
    expect(disk.versions()).toEqual([1, 111]);
  });

  it('settles a durable update only once its version is on disk', async () => {
    const disk = fakeDisk();
    const queue = createWriteBehindQueue({ initial: 0, write: disk.write });
    let settled = false;
    const durable = queue
      .enqueue((base) => base + 5, true)
      .then(() => {
        settled = true;
      });
    await turn();
    expect(queue.current()).toBe(5);
    expect(settled).toBe(false);
    disk.writes[0]?.finish();
    await durable;
    expect(settled).toBe(true);
    // Nothing pending: a durable update that changes nothing and a flush settle at once.
    await queue.enqueue((base) => base, true);
    await queue.flush();
    expect(disk.versions()).toEqual([5]);
  });

  it('makes a flush wait for the write in flight and the one after it', async () => {
    const disk = fakeDisk();
    const queue = createWriteBehindQueue({ initial: 0, write: disk.write });
    await queue.enqueue((base) => base + 1);
    await turn();
    await queue.enqueue((base) => base + 2);
    let flushed = false;
    const flush = queue.flush().then(() => {
      flushed = true;
    });
    disk.writes[0]?.finish();
    await turn();
    expect(flushed).toBe(false);
    expect(disk.versions()).toEqual([1, 3]);
    disk.writes[1]?.finish();
    await flush;
    expect(flushed).toBe(true);
  });

  it('fails only the update whose apply throws, writing the others', async () => {
    const disk = fakeDisk();
    const queue = createWriteBehindQueue({ initial: 0, write: disk.write });
    const refused = queue.enqueue(() => {
      throw new Error('refused');
    });
    await expect(refused).rejects.toThrow('refused');
    await queue.enqueue((base) => base + 1);
    expect(queue.current()).toBe(1);
    await turn();
    expect(disk.versions()).toEqual([1]);
  });

  it('keeps the state after a failed write, reports it, fails the waiters and retries on the next change', async () => {
    const disk = fakeDisk();
    const reported: unknown[] = [];
    const queue = createWriteBehindQueue({
      initial: 0,
      write: disk.write,
      onWriteError: (error) => reported.push(error),
    });
    const durable = queue.enqueue((base) => base + 1, true);
    await turn();
    const flush = queue.flush();
    disk.writes[0]?.finish(new Error('disk full'));
    await expect(durable).rejects.toThrow('disk full');
    await expect(flush).rejects.toThrow('disk full');
    expect(reported).toEqual([expect.objectContaining({ message: 'disk full' })]);
    // The change stays in memory; no write is retried by itself.
    expect(queue.current()).toBe(1);
    await turn();
    expect(disk.versions()).toEqual([1]);
    // The next change writes everything, its own and the one that failed.
    await queue.enqueue((base) => base + 10);
    await turn();
    expect(disk.versions()).toEqual([1, 11]);
    disk.writes[1]?.finish();
    await queue.flush();
  });

  it('retries a failed write on flush even with no new change', async () => {
    const disk = fakeDisk();
    const queue = createWriteBehindQueue({ initial: 0, write: disk.write, onWriteError: () => undefined });
    await queue.enqueue((base) => base + 1);
    await turn();
    disk.writes[0]?.finish(new Error('EIO'));
    await turn();
    const flush = queue.flush();
    await turn();
    expect(disk.versions()).toEqual([1, 1]);
    disk.writes[1]?.finish();
    await flush;
  });
});

describe('openJsonStore with writeBehind', () => {
  const schema = z.object({ servers: z.record(z.string(), z.object({ count: z.number() })) });
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cds-write-behind-'));
    file = path.join(dir, 'state', 'cache.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const open = (onWriteError?: (error: StoreError) => void) =>
    openJsonStore({
      file,
      schema,
      version: 1,
      migrations: {},
      defaults: { servers: {} },
      writeBehind: true,
      ...(onWriteError ? { onWriteError } : {}),
    });
  const onDisk = async () => JSON.parse(await readFile(file, 'utf8')) as { version: number; data: unknown };

  it('shows an update at once and puts it on disk, atomically, by flush', async () => {
    const store = await open();
    expect(store.writeBehind).toBe(true);
    const entries = store.entries('servers');
    await entries.update('a', () => ({ count: 1 }));
    await entries.update('b', () => ({ count: 2 }));
    expect(store.read()).toEqual({ servers: { a: { count: 1 }, b: { count: 2 } } });
    await store.flush();
    expect(await onDisk()).toEqual({ version: 1, data: { servers: { a: { count: 1 }, b: { count: 2 } } } });
    // The next open reads what was written.
    const reopened = await open();
    expect(reopened.read()).toEqual(store.read());
  });

  it('still refuses an invalid state, for its caller only', async () => {
    const store = await open();
    const refused = store.entries('servers').update('a', () => ({ count: 'many' }) as never);
    await expect(refused).rejects.toMatchObject({ name: 'StoreError', code: 'invalid_state' });
    expect(store.read()).toEqual({ servers: {} });
  });

  it('reports a failed background write with the file, keeps the state and writes it once it can', async () => {
    const reported: StoreError[] = [];
    const store = await open((error) => reported.push(error));
    await store.entries('servers').update('a', () => ({ count: 1 }));
    await store.flush();
    // The folder goes away (a removed data directory, a full or failing disk).
    await rm(path.dirname(file), { recursive: true });
    await store.entries('servers').update('a', () => ({ count: 2 }));
    await expect(store.flush()).rejects.toMatchObject({ code: 'write_failed', file });
    expect(reported.at(-1)).toMatchObject({ code: 'write_failed', file });
    expect(reported.at(-1)?.message).toMatch(/Could not save .*cache\.json \(ENOENT\)/);
    expect(store.read().servers.a).toEqual({ count: 2 });
    await mkdir(path.dirname(file), { recursive: true });
    await store.flush();
    expect((await onDisk()).data).toEqual({ servers: { a: { count: 2 } } });
  });

  it('lets a durable update wait for the disk', async () => {
    const store = await open();
    await store.entries('servers').update('a', () => ({ count: 3 }), { durable: true });
    expect((await onDisk()).data).toEqual({ servers: { a: { count: 3 } } });
  });
});
