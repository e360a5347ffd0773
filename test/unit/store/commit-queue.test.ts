import { describe, expect, it } from 'vitest';
import { createCommitQueue } from '../../../src/main/store/commit-queue';

// Group commit of a store's versions with a fake file: each write is held until the test lets it
// finish, so what waits for what is visible.

function fakeDisk() {
  const writes: { version: number; finish: (error?: Error) => void }[] = [];
  const write = (version: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      writes.push({ version, finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { writes, write };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createCommitQueue', () => {
  it('writes updates made in one tick as one version, each applied to the one before, in call order', async () => {
    const disk = fakeDisk();
    const queue = createCommitQueue({ initial: 0, write: disk.write });
    const seen: number[] = [];
    const updates = [1, 2, 3].map((n) =>
      queue.enqueue((base) => {
        seen.push(base);
        return base + n;
      }),
    );
    await tick();
    expect(seen).toEqual([0, 1, 3]);
    expect(disk.writes.map((write) => write.version)).toEqual([6]);
    expect(queue.current()).toBe(0);
    disk.writes[0]?.finish();
    await Promise.all(updates);
    expect(queue.current()).toBe(6);
  });

  it('groups the updates made during a write into the next one, written once it is done', async () => {
    const disk = fakeDisk();
    const queue = createCommitQueue({ initial: 0, write: disk.write });
    const first = queue.enqueue((base) => base + 1);
    await tick();
    const second = queue.enqueue((base) => base + 10);
    const third = queue.enqueue((base) => base + 100);
    await tick();
    // One write at a time: the next waits until the first is on disk.
    expect(disk.writes.map((write) => write.version)).toEqual([1]);
    disk.writes[0]?.finish();
    await first;
    expect(queue.current()).toBe(1);
    await tick();
    expect(disk.writes.map((write) => write.version)).toEqual([1, 111]);
    disk.writes[1]?.finish();
    await Promise.all([second, third]);
    expect(queue.current()).toBe(111);
  });

  it('fails only the update whose apply throws', async () => {
    const disk = fakeDisk();
    const queue = createCommitQueue({ initial: 0, write: disk.write });
    const good = queue.enqueue((base) => base + 1);
    const refused = expect(
      queue.enqueue(() => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const after = queue.enqueue((base) => base + 2);
    await tick();
    disk.writes[0]?.finish();
    await refused;
    await Promise.all([good, after]);
    expect(queue.current()).toBe(3);
  });

  it('settles an update that changes nothing without a write', async () => {
    const disk = fakeDisk();
    const queue = createCommitQueue({ initial: 5, write: disk.write });
    await queue.enqueue((base) => base);
    expect(disk.writes).toEqual([]);
  });

  it('fails the batch whose write fails, keeps the version on disk and goes on from it', async () => {
    const disk = fakeDisk();
    const queue = createCommitQueue({ initial: 0, write: disk.write });
    const failures = Promise.all([
      expect(queue.enqueue(() => 1)).rejects.toThrow('disk full'),
      expect(queue.enqueue((base) => base + 1)).rejects.toThrow('disk full'),
    ]);
    await tick();
    disk.writes[0]?.finish(new Error('disk full'));
    await failures;
    expect(queue.current()).toBe(0);
    const next = queue.enqueue((base) => base + 7);
    await tick();
    expect(disk.writes.at(-1)?.version).toBe(7);
    disk.writes.at(-1)?.finish();
    await next;
    expect(queue.current()).toBe(7);
  });

  it('fails the batch when its version cannot even be written out', async () => {
    const queue = createCommitQueue<number>({
      initial: 0,
      write: (version) => {
        if (version === 1) throw new Error('cannot serialise');
        return Promise.resolve();
      },
    });
    await expect(queue.enqueue(() => 1)).rejects.toThrow('cannot serialise');
    expect(queue.current()).toBe(0);
    await queue.enqueue(() => 2);
    expect(queue.current()).toBe(2);
  });
});
