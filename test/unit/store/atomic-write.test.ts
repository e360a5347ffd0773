import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleTempFiles, tempPathFor, writeFileAtomic } from '../../../src/main/store/atomic-write';

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
