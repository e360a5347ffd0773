import { createPeriodicTimer, type PollerTimers, realTimers } from './periodic-timer';

// The background poller: runs `poll` every `intervalMs()` (re-read before each wait, so a setting
// change applies at once through `reschedule`), never two polls at the same time, and never throws
// into the timer. Timers are injected so tests drive it without waiting.

export { type PollerTimers, realTimers };

export interface PollerOptions {
  /** 0 (or less) means off. */
  readonly intervalMs: () => number;
  readonly poll: () => Promise<void>;
  readonly timers?: PollerTimers;
  readonly now?: () => number;
}

export interface Poller {
  start(): void;
  stop(): void;
  /** Applies a changed interval: the next poll is one new interval from now. */
  reschedule(): void;
  /** Polls now (joins a running poll instead of starting a second). */
  pollNow(): Promise<void>;
  readonly running: boolean;
  readonly lastPollAt: number | null;
  readonly nextPollAt: number | null;
}

export function createPoller(options: PollerOptions): Poller {
  const now = options.now ?? (() => Date.now());
  let lastPollAt: number | null = null;
  const interval = () => {
    const ms = options.intervalMs();
    return ms > 0 ? ms : null;
  };
  const timer = createPeriodicTimer({
    run: () => {
      lastPollAt = now();
      return options.poll().catch(() => undefined);
    },
    nextDelay: interval,
    timers: options.timers ?? realTimers,
    now,
  });

  return {
    start: () => timer.start(interval()),
    stop: timer.stop,
    reschedule: () => timer.schedule(interval()),
    pollNow: timer.runNow,
    get running() {
      return timer.started && timer.nextRunAt !== null;
    },
    get lastPollAt() {
      return lastPollAt;
    },
    get nextPollAt() {
      return timer.nextRunAt;
    },
  };
}

/** Runs `task` over `items` with at most `limit` at a time, keeping the results in input order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
