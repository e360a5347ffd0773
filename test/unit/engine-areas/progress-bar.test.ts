import { describe, expect, it } from 'vitest';
import { progressLine, renderProgress } from '../../../src/cli/progress-bar';

describe('download progress bar', () => {
  it('shows the share done and the sizes within the terminal width', () => {
    const line = renderProgress('backfill.csv', 5 * 1024 * 1024, 10 * 1024 * 1024, 80);
    expect(line).toContain(' 50%');
    expect(line).toContain('5.0 MB / 10.0 MB');
    expect(line.length).toBeLessThanOrEqual(80);
    expect(renderProgress('x'.repeat(200), 0, 0, 60).length).toBeLessThanOrEqual(60);
    expect(renderProgress('a', 10, 10)).toContain('100%');
  });

  it('draws only on a terminal, at most every 100 ms, and always the end', () => {
    const writes: string[] = [];
    let now = 0;
    const tty = {
      isTTY: true,
      columns: 80,
      write: (text: string) => writes.push(text),
    } as unknown as NodeJS.WriteStream;
    const bar = progressLine('f', tty, () => now);
    bar.update(1, 100);
    now = 50;
    bar.update(2, 100);
    now = 60;
    bar.update(100, 100);
    bar.done();
    expect(writes).toHaveLength(3);
    expect(writes.at(-1)).toBe('\n');
    const pipe = {
      isTTY: false,
      write: (text: string) => writes.push(text),
    } as unknown as NodeJS.WriteStream;
    const silent = progressLine('f', pipe);
    silent.update(1, 2);
    silent.done();
    expect(writes).toHaveLength(3);
  });
});
