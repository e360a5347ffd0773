// One repeating job on injected timers, shared by the sync poller and the rotation scheduler: a run
// asked for while one is going joins it (never two at once), a timed run schedules the next one when
// it ends, and the callers decide each wait (null: none). Timers are injected so tests drive it.

export interface PollerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: PollerTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending run must not keep a CLI process alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PeriodicTimerOptions<T> {
  /** One run. It must not reject: the caller turns failures into its result. */
  readonly run: () => Promise<T>;
  /** The wait after a timed run before the next (re-read after each run); null: no next run. */
  readonly nextDelay: () => number | null;
  readonly timers: PollerTimers;
  readonly now: () => number;
}

export interface PeriodicTimer<T> {
  /** Starts (once) with a first wait of `delay`; null starts without a planned run. */
  start(delay: number | null): void;
  stop(): void;
  /** Replaces the planned run with one `delay` from now (null: none); nothing while stopped. */
  schedule(delay: number | null): void;
  /** Runs now, or joins the run in progress. */
  runNow(): Promise<T>;
  readonly started: boolean;
  /** A timer is set. */
  readonly scheduled: boolean;
  readonly nextRunAt: number | null;
}

export function createPeriodicTimer<T>(options: PeriodicTimerOptions<T>): PeriodicTimer<T> {
  const { timers, now } = options;
  let started = false;
  let handle: unknown = null;
  let nextRunAt: number | null = null;
  let inflight: Promise<T> | null = null;

  const clear = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    nextRunAt = null;
  };

  const schedule = (delay: number | null) => {
    clear();
    if (!started || delay === null) return;
    nextRunAt = now() + delay;
    handle = timers.setTimeout(() => {
      handle = null;
      nextRunAt = null;
      void runNow().finally(() => {
        // A reschedule while the run went on has planned the next one already.
        if (handle === null) schedule(options.nextDelay());
      });
    }, delay);
  };

  const runNow = (): Promise<T> => {
    if (inflight) return inflight;
    inflight = options.run().finally(() => {
      inflight = null;
    });
    return inflight;
  };

  return {
    start(delay) {
      if (started) return;
      started = true;
      schedule(delay);
    },
    stop() {
      started = false;
      clear();
    },
    schedule,
    runNow,
    get started() {
      return started;
    },
    get scheduled() {
      return handle !== null;
    },
    get nextRunAt() {
      return nextRunAt;
    },
  };
}
