import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBatchedFileWriter } from '../../../src/main/cds/batched-file-writer';

// Downloads write their chunks in large batches (bench: download): few writes, in order, with
// backpressure, short writes resumed and write errors reported.

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cds-batched-writer-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A real file whose writev calls are recorded, and can be held back, cut short or failed. */
async function recordedFile(
  behaviour: { maxPerWrite?: number; failAfter?: number; hold?: boolean } = {},
): Promise<{
  handle: FileHandle;
  writes: number[];
  release: () => void;
  file: string;
  close: () => Promise<void>;
}> {
  const file = path.join(dir, 'out.bin');
  const real = await open(file, 'wx');
  const writes: number[] = [];
  const held: (() => void)[] = [];
  let total = 0;
  const handle = {
    writev: async (buffers: Buffer[], position: number) => {
      if (behaviour.hold) await new Promise<void>((resolve) => held.push(resolve));
      if (behaviour.failAfter !== undefined && total >= behaviour.failAfter) {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      }
      let list = buffers;
      if (behaviour.maxPerWrite !== undefined) {
        list = [Buffer.concat(buffers).subarray(0, behaviour.maxPerWrite)];
      }
      const result = await real.writev(list, position);
      writes.push(result.bytesWritten);
      total += result.bytesWritten;
      return result;
    },
  } as unknown as FileHandle;
  return {
    handle,
    writes,
    file,
    release: () => {
      for (const resolve of held.splice(0)) resolve();
    },
    close: () => real.close(),
  };
}

const chunk = (index: number, size: number) => Buffer.alloc(size, index % 251);

describe('batched file writer', () => {
  it('writes every chunk in order with a few large writes', async () => {
    const target = await recordedFile();
    const writer = createBatchedFileWriter(target.handle, {
      batchBytes: 64 * 1024,
      maxQueuedBytes: 256 * 1024,
    });
    const chunks = Array.from({ length: 100 }, (_, i) => chunk(i, 5_000 + i));
    for (const item of chunks) await writer.write(item);
    await writer.finish();
    await target.close();
    expect(readFileSync(target.file).equals(Buffer.concat(chunks))).toBe(true);
    expect(writer.written).toBe(Buffer.concat(chunks).length);
    // 100 chunks, but writes of at least 64 KiB each (the last one excepted).
    expect(target.writes.length).toBeLessThan(12);
    for (const size of target.writes.slice(0, -1)) expect(size).toBeGreaterThanOrEqual(64 * 1024);
  });

  it('writes at least 4 MiB at a time by default', async () => {
    const target = await recordedFile();
    const writer = createBatchedFileWriter(target.handle);
    const socketChunk = Buffer.alloc(64 * 1024, 7);
    for (let i = 0; i < 320; i += 1) await writer.write(socketChunk); // 20 MiB
    await writer.finish();
    await target.close();
    expect(readFileSync(target.file).length).toBe(20 * 1024 * 1024);
    expect(target.writes.length).toBeLessThanOrEqual(5);
    for (const size of target.writes.slice(0, -1)) expect(size).toBeGreaterThanOrEqual(4 * 1024 * 1024);
  });

  it('asks the caller to wait only when too much waits behind a write in flight', async () => {
    const target = await recordedFile({ hold: true });
    const writer = createBatchedFileWriter(target.handle, { batchBytes: 1_000, maxQueuedBytes: 3_000 });
    expect(writer.write(chunk(0, 1_000))).toBeUndefined(); // starts the first write (held)
    expect(writer.write(chunk(1, 1_000))).toBeUndefined();
    expect(writer.write(chunk(2, 1_000))).toBeUndefined();
    const wait = writer.write(chunk(3, 1_000));
    expect(wait).toBeInstanceOf(Promise);
    let waited = false;
    void wait?.then(() => {
      waited = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(waited).toBe(false);
    target.release();
    await wait;
    expect(waited).toBe(true);
    // The three queued chunks went out together as the next write.
    const finishing = writer.finish();
    await new Promise((resolve) => setTimeout(resolve, 10));
    target.release();
    await finishing;
    await target.close();
    expect(target.writes).toEqual([1_000, 3_000]);
    expect(readFileSync(target.file).length).toBe(4_000);
  });

  it('resumes after a short write without losing or repeating bytes', async () => {
    const target = await recordedFile({ maxPerWrite: 700 });
    const writer = createBatchedFileWriter(target.handle, { batchBytes: 2_000 });
    const chunks = Array.from({ length: 9 }, (_, i) => chunk(i + 1, 450));
    for (const item of chunks) await writer.write(item);
    await writer.finish();
    await target.close();
    expect(readFileSync(target.file).equals(Buffer.concat(chunks))).toBe(true);
    expect(Math.max(...target.writes)).toBeLessThanOrEqual(700);
  });

  it('reports a write error to the next write and to finish, and settles', async () => {
    const target = await recordedFile({ failAfter: 1_000 });
    const writer = createBatchedFileWriter(target.handle, { batchBytes: 1_000 });
    expect(writer.write(chunk(0, 1_000))).toBeUndefined(); // written
    expect(writer.write(chunk(1, 1_000))).toBeUndefined(); // fails once the first is done
    await writer.settle();
    const next = writer.write(chunk(3, 10));
    await expect(next).rejects.toMatchObject({ code: 'ENOSPC' });
    await expect(writer.finish()).rejects.toMatchObject({ code: 'ENOSPC' });
    await writer.settle();
    await target.close();
    expect(writer.written).toBe(1_000);
  });
});
