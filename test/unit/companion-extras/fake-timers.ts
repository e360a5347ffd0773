import type { PollerTimers } from '../../../src/main/companion/sync-poller';

/** Timers a test drives by hand: `pending()` shows what is scheduled, `fireAll()` runs what is due. */
export function fakeTimers(start = 0) {
  let now = start;
  let nextId = 1;
  const scheduled = new Map<number, { at: number; delay: number; callback: () => void }>();
  const timers: PollerTimers = {
    setTimeout: (callback, ms) => {
      const id = nextId++;
      scheduled.set(id, { at: now + ms, delay: ms, callback });
      return id;
    },
    clearTimeout: (handle) => {
      scheduled.delete(handle as number);
    },
  };
  /** Moves the clock by `ms` and runs every timer then due. */
  const advance = async (ms: number) => {
    now += ms;
    for (const [id, timer] of [...scheduled]) {
      if (timer.at <= now) {
        scheduled.delete(id);
        timer.callback();
      }
    }
    for (let i = 0; i < 20; i += 1) await Promise.resolve();
  };
  return {
    timers,
    advance,
    now: () => now,
    /** The delays of the scheduled timers. */
    pending: () => [...scheduled.values()].map((timer) => timer.delay),
  };
}
