import { createPeriodicTimer, type PollerTimers } from './periodic-timer';

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
  let lastRun: RotationRun | null = null;
  // The policy is re-read before every wait: turned off, nothing is planned.
  const whenOn = (delay: number) => (options.policy().automatic ? delay : null);

  const timer = createPeriodicTimer({
    run: async (): Promise<RotationRun> => {
      const at = options.now();
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
    },
    nextDelay: () => whenOn(interval),
    timers: options.timers,
    now: options.now,
  });

  return {
    start: () => timer.start(whenOn(startDelay)),
    stop: timer.stop,
    reschedule() {
      if (!options.policy().automatic) timer.schedule(null);
      else if (!timer.scheduled) timer.schedule(startDelay);
    },
    runNow: timer.runNow,
    get lastRun() {
      return lastRun;
    },
    get nextRunAt() {
      return timer.nextRunAt;
    },
  };
}
