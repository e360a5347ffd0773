import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRingBuffer } from '../../../src/main/companion/ring-buffer';

describe('createRingBuffer', () => {
  it('keeps items in order until full, then drops the oldest', () => {
    const buffer = createRingBuffer<number>(3);
    buffer.push(1);
    buffer.push(2);
    expect(buffer.toArray()).toEqual([1, 2]);
    buffer.push(3);
    buffer.push(4);
    buffer.push(5);
    expect(buffer.toArray()).toEqual([3, 4, 5]);
    expect(buffer.size).toBe(3);
    buffer.clear();
    expect(buffer.toArray()).toEqual([]);
    buffer.push(6);
    expect(buffer.toArray()).toEqual([6]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => createRingBuffer(0)).toThrow(RangeError);
    expect(() => createRingBuffer(1.5)).toThrow(RangeError);
  });

  it('always holds the last `capacity` items pushed (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer(), { maxLength: 100 }),
        (capacity, items) => {
          const buffer = createRingBuffer<number>(capacity);
          for (const item of items) buffer.push(item);
          expect(buffer.toArray()).toEqual(items.slice(-capacity));
          expect(buffer.size).toBe(Math.min(capacity, items.length));
        },
      ),
    );
  });
});
