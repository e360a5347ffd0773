import { describe, expect, it } from 'vitest';
import {
  createRotationScheduler,
  ROTATION_INTERVAL_MS,
  ROTATION_START_DELAY_MS,
  type RotationPolicy,
} from '../../../src/main/companion/rotation-scheduler';
import { fakeTimers } from './fake-timers';

function setup(initial: RotationPolicy, run: (days: number) => Promise<number>) {
  const fake = fakeTimers(1_000_000);
  let policy = initial;
  const runs: Array<{ rotated: number | null; problem: string | null }> = [];
  const scheduler = createRotationScheduler({
    policy: () => policy,
    run,
    describe: (error) => `failed: ${(error as Error).message}`,
    timers: fake.timers,
    now: fake.now,
    onRun: (run) => runs.push({ rotated: run.rotated, problem: run.problem }),
  });
  return {
    fake,
    scheduler,
    runs,
    setPolicy: (next: RotationPolicy) => {
      policy = next;
    },
  };
}

describe('rotation scheduler', () => {
  it('runs shortly after start with the policy days, then daily', async () => {
    const days: number[] = [];
    const world = setup({ automatic: true, days: 14 }, async (d) => {
      days.push(d);
      return 2;
    });
    world.scheduler.start();
    expect(world.fake.pending()).toEqual([ROTATION_START_DELAY_MS]);
    expect(world.scheduler.nextRunAt).toBe(1_000_000 + ROTATION_START_DELAY_MS);
    await world.fake.advance(ROTATION_START_DELAY_MS - 1);
    expect(days).toEqual([]);
    await world.fake.advance(1);
    expect(days).toEqual([14]);
    expect(world.runs).toEqual([{ rotated: 2, problem: null }]);
    expect(world.fake.pending()).toEqual([ROTATION_INTERVAL_MS]);
    world.setPolicy({ automatic: true, days: 3 });
    await world.fake.advance(ROTATION_INTERVAL_MS);
    expect(days).toEqual([14, 3]);
    expect(world.scheduler.lastRun?.at).toBe(1_000_000 + ROTATION_START_DELAY_MS + ROTATION_INTERVAL_MS);
    world.scheduler.stop();
    expect(world.fake.pending()).toEqual([]);
  });

  it('does nothing while off, starts when turned on, stops when turned off', async () => {
    let calls = 0;
    const world = setup({ automatic: false, days: 14 }, async () => {
      calls += 1;
      return 0;
    });
    world.scheduler.start();
    expect(world.fake.pending()).toEqual([]);
    expect(world.scheduler.nextRunAt).toBeNull();
    world.setPolicy({ automatic: true, days: 14 });
    world.scheduler.reschedule();
    expect(world.fake.pending()).toEqual([ROTATION_START_DELAY_MS]);
    // Rescheduling while a run is planned keeps that plan.
    world.scheduler.reschedule();
    expect(world.fake.pending()).toEqual([ROTATION_START_DELAY_MS]);
    world.setPolicy({ automatic: false, days: 14 });
    world.scheduler.reschedule();
    expect(world.fake.pending()).toEqual([]);
    await world.fake.advance(ROTATION_START_DELAY_MS * 10);
    expect(calls).toBe(0);
  });

  it('records a failed run in words and keeps the daily schedule', async () => {
    const world = setup({ automatic: true, days: 14 }, async () => {
      throw new Error('the Server answered 500');
    });
    world.scheduler.start();
    await world.fake.advance(ROTATION_START_DELAY_MS);
    expect(world.runs).toEqual([{ rotated: null, problem: 'failed: the Server answered 500' }]);
    expect(world.fake.pending()).toEqual([ROTATION_INTERVAL_MS]);
  });

  it('joins a run already in progress instead of starting a second', async () => {
    let release: () => void = () => undefined;
    let calls = 0;
    const world = setup({ automatic: true, days: 14 }, async () => {
      calls += 1;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return 1;
    });
    const first = world.scheduler.runNow();
    const second = world.scheduler.runNow();
    expect(calls).toBe(1);
    release();
    expect(await first).toEqual(await second);
  });
});
