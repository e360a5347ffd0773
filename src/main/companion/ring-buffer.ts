// A fixed-capacity buffer keeping the newest items: the activity timeline must not grow without
// bound in an app that stays open for weeks (DESIGN.md "bounded memory").

export interface RingBuffer<T> {
  readonly capacity: number;
  readonly size: number;
  /** Adds an item; the oldest one goes once the buffer is full. */
  push(item: T): void;
  /** Every kept item, oldest first. */
  toArray(): T[];
  clear(): void;
}

export function createRingBuffer<T>(capacity: number): RingBuffer<T> {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`A ring buffer needs a positive integer capacity, got ${capacity}.`);
  }
  const slots: Array<T | undefined> = new Array(capacity);
  // `start` is the oldest item's slot; `size` how many slots are used.
  let start = 0;
  let size = 0;
  return {
    capacity,
    get size() {
      return size;
    },
    push(item) {
      if (size < capacity) {
        slots[(start + size) % capacity] = item;
        size += 1;
        return;
      }
      slots[start] = item;
      start = (start + 1) % capacity;
    },
    toArray() {
      const out: T[] = [];
      for (let i = 0; i < size; i += 1) out.push(slots[(start + i) % capacity] as T);
      return out;
    },
    clear() {
      slots.fill(undefined);
      start = 0;
      size = 0;
    },
  };
}
