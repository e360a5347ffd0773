import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  removeStaleTempFiles,
  sharedDirectorySync,
  tempPathFor,
  writeFileAtomic,
} from '../../../src/main/store/atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cds-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the file in one step, private by default, with no temp file left', async () => {
    const file = path.join(dir, 'a.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await readdir(dir)).toEqual(['a.json']);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('keeps the old file and removes its temp file when the rename fails', async () => {
    // A directory in the target's place makes the final rename fail.
    const file = path.join(dir, 'target');
    await mkdir(file);
    await writeFile(path.join(file, 'inside'), 'kept');
    await expect(writeFileAtomic(file, 'new')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['target']);
    expect(await readFile(path.join(file, 'inside'), 'utf8')).toBe('kept');
  });
});

describe('sharedDirectorySync', () => {
  function fakeFsync() {
    const calls: { dir: string; finish: (error?: Error) => void }[] = [];
    const fsync = (dir: string) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ dir, finish: (error) => (error ? reject(error) : resolve()) });
      });
    return { calls, fsync };
  }
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('starts at once when idle; callers arriving during a running fsync share one that starts after it', async () => {
    const fake = fakeFsync();
    const sync = sharedDirectorySync(fake.fsync);
    const first = sync('/state');
    expect(fake.calls).toHaveLength(1);
    // These renames happened after the running fsync began: it may not cover them.
    const second = sync('/state');
    const third = sync('/state');
    await tick();
    expect(fake.calls).toHaveLength(1);
    fake.calls[0]?.finish();
    await first;
    await tick();
    expect(fake.calls).toHaveLength(2);
    let shared = 0;
    const done = Promise.all([second, third]).then(() => {
      shared += 1;
    });
    await tick();
    expect(shared).toBe(0);
    fake.calls[1]?.finish();
    await done;
    // Another directory never waits for this one.
    void sync('/other');
    expect(fake.calls.map((call) => call.dir)).toEqual(['/state', '/state', '/other']);
    fake.calls[2]?.finish();
  });

  it('fails everyone who shared a failed fsync, and the next caller starts afresh', async () => {
    const fake = fakeFsync();
    const sync = sharedDirectorySync(fake.fsync);
    const first = sync('/state');
    const second = sync('/state');
    const failures = Promise.all([
      expect(first).rejects.toThrow('EIO'),
      expect(second).rejects.toThrow('EIO'),
    ]);
    fake.calls[0]?.finish(new Error('EIO'));
    await tick();
    fake.calls[1]?.finish(new Error('EIO'));
    await failures;
    const third = sync('/state');
    expect(fake.calls).toHaveLength(3);
    fake.calls[2]?.finish();
    await third;
  });
});

describe('removeStaleTempFiles', () => {
  it("removes dead writers' and this process's temp files only, for this file only", async () => {
    const file = path.join(dir, 'state.json');
    const dead = `${file}.tmp-111-aaaa`;
    const live = `${file}.tmp-222-bbbb`;
    const own = tempPathFor(file);
    const other = path.join(dir, 'other.json.tmp-111-cccc');
    for (const name of [dead, live, own, other]) await writeFile(name, 'partial');
    const removed = await removeStaleTempFiles(file, (pid) => pid === 222);
    expect(removed.sort()).toEqual([dead, own].sort());
    expect((await readdir(dir)).sort()).toEqual([path.basename(live), path.basename(other)].sort());
  });

  it('is a no-op for a directory that does not exist yet', async () => {
    expect(await removeStaleTempFiles(path.join(dir, 'missing', 'state.json'))).toEqual([]);
  });
});
