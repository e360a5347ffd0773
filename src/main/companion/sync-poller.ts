// The background poller: runs `poll` every `intervalMs()` (re-read before each wait, so a setting
// change applies at once through `reschedule`), never two polls at the same time, and never throws
// into the timer. Timers are injected so tests drive it without waiting.

export interface PollerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: PollerTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending poll must not keep a CLI process alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

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
  const timers = options.timers ?? realTimers;
  const now = options.now ?? (() => Date.now());
  let started = false;
  let handle: unknown = null;
  let nextPollAt: number | null = null;
  let lastPollAt: number | null = null;
  let inflight: Promise<void> | null = null;

  const clear = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    nextPollAt = null;
  };

  const schedule = () => {
    clear();
    const interval = options.intervalMs();
    if (!started || !(interval > 0)) return;
    nextPollAt = now() + interval;
    handle = timers.setTimeout(() => {
      handle = null;
      void pollNow().finally(schedule);
    }, interval);
  };

  const pollNow = (): Promise<void> => {
    if (inflight) return inflight;
    lastPollAt = now();
    inflight = options
      .poll()
      .catch(() => undefined)
      .finally(() => {
        inflight = null;
      });
    return inflight;
  };

  return {
    start() {
      if (started) return;
      started = true;
      schedule();
    },
    stop() {
      started = false;
      clear();
    },
    reschedule: schedule,
    pollNow,
    get running() {
      return started && nextPollAt !== null;
    },
    get lastPollAt() {
      return lastPollAt;
    },
    get nextPollAt() {
      return nextPollAt;
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
