import type { PollerTimers } from './sync-poller';

// Scheduled secret rotation (SECURITY.md "secret rotation"): when the person turns automatic
// rotation on, `run` (credentials.rotateExpiring with the policy's days) runs shortly after start
// and then once a day. Never two runs at once, never a throw into a timer; the policy is re-read
// before each run, so turning it off stops the next one. Timers are injected so tests drive it.

export const ROTATION_START_DELAY_MS = 2 * 60_000;
export const ROTATION_INTERVAL_MS = 24 * 60 * 60_000;

export interface RotationPolicy {
  readonly automatic: boolean;
  readonly days: number;
}

export interface RotationRun {
  readonly at: number;
  readonly rotated: number | null;
  /** What went wrong, in words (already a redacted CdsError message); null when it went well. */
  readonly problem: string | null;
}

export interface RotationSchedulerOptions {
  readonly policy: () => RotationPolicy;
  /** Rotates what expires within `days`; returns how many secrets it rotated. */
  readonly run: (days: number) => Promise<number>;
  /** Turns an error into words for the Settings view. */
  readonly describe: (error: unknown) => string;
  readonly timers: PollerTimers;
  readonly now: () => number;
  readonly startDelayMs?: number;
  readonly intervalMs?: number;
  /** Called after every run (the Settings view shows the outcome). */
  readonly onRun?: (run: RotationRun) => void;
}

export interface RotationScheduler {
  start(): void;
  stop(): void;
  /** Applies a changed policy: off clears the timer; on schedules a run one start delay from now. */
  reschedule(): void;
  /** Runs now (joins a running run). */
  runNow(): Promise<RotationRun>;
  readonly lastRun: RotationRun | null;
  readonly nextRunAt: number | null;
}

export function createRotationScheduler(options: RotationSchedulerOptions): RotationScheduler {
  const startDelay = options.startDelayMs ?? ROTATION_START_DELAY_MS;
  const interval = options.intervalMs ?? ROTATION_INTERVAL_MS;
  let started = false;
  let handle: unknown = null;
  let nextRunAt: number | null = null;
  let lastRun: RotationRun | null = null;
  let inflight: Promise<RotationRun> | null = null;

  const clear = () => {
    if (handle !== null) options.timers.clearTimeout(handle);
    handle = null;
    nextRunAt = null;
  };

  const schedule = (delay: number) => {
    clear();
    if (!started || !options.policy().automatic) return;
    nextRunAt = options.now() + delay;
    handle = options.timers.setTimeout(() => {
      handle = null;
      nextRunAt = null;
      void runNow().finally(() => {
        // A run started by hand meanwhile may have scheduled already.
        if (handle === null) schedule(interval);
      });
    }, delay);
  };

  const runNow = (): Promise<RotationRun> => {
    if (inflight) return inflight;
    const at = options.now();
    inflight = (async (): Promise<RotationRun> => {
      let run: RotationRun;
      try {
        const rotated = await options.run(options.policy().days);
        run = { at, rotated, problem: null };
      } catch (error) {
        run = { at, rotated: null, problem: options.describe(error) };
      }
      lastRun = run;
      try {
        options.onRun?.(run);
      } catch {
        // A failing listener must not stop the schedule.
      }
      return run;
    })().finally(() => {
      inflight = null;
    });
    return inflight;
  };

  return {
    start() {
      if (started) return;
      started = true;
      schedule(startDelay);
    },
    stop() {
      started = false;
      clear();
    },
    reschedule() {
      if (!options.policy().automatic) clear();
      else if (handle === null) schedule(startDelay);
    },
    runNow,
    get lastRun() {
      return lastRun;
    },
    get nextRunAt() {
      return nextRunAt;
    },
  };
}
