import { describe, expect, it } from 'vitest';
import { createPeriodicTimer } from '../../../src/main/companion/periodic-timer';
import { fakeTimers } from './fake-timers';

function setup(nextDelay: () => number | null = () => 100) {
  const fake = fakeTimers(5_000);
  let runs = 0;
  let release: () => void = () => undefined;
  let hold = false;
  const timer = createPeriodicTimer({
    run: async () => {
      runs += 1;
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      return runs;
    },
    nextDelay,
    timers: fake.timers,
    now: fake.now,
  });
  return {
    fake,
    timer,
    runs: () => runs,
    holdRuns: () => {
      hold = true;
    },
    release: () => release(),
  };
}

describe('periodic timer', () => {
  it('waits the first delay, then the next delay after every timed run; stop clears it', async () => {
    const world = setup();
    world.timer.start(30);
    world.timer.start(999);
    expect(world.fake.pending()).toEqual([30]);
    expect(world.timer.nextRunAt).toBe(5_030);
    await world.fake.advance(30);
    expect(world.runs()).toBe(1);
    expect(world.fake.pending()).toEqual([100]);
    expect(world.timer.nextRunAt).toBe(5_130);
    world.timer.stop();
    expect(world.fake.pending()).toEqual([]);
    expect(world.timer.started).toBe(false);
    expect(world.timer.nextRunAt).toBeNull();
    world.timer.schedule(10);
    expect(world.fake.pending()).toEqual([]);
  });

  it('a null delay plans nothing, at the start and after a run', async () => {
    let next: number | null = null;
    const world = setup(() => next);
    world.timer.start(null);
    expect(world.timer.started).toBe(true);
    expect(world.timer.scheduled).toBe(false);
    world.timer.schedule(5);
    await world.fake.advance(5);
    expect(world.runs()).toBe(1);
    expect(world.timer.scheduled).toBe(false);
    next = 7;
    world.timer.schedule(5);
    await world.fake.advance(5);
    expect(world.fake.pending()).toEqual([7]);
  });

  it('joins a run in progress, and keeps a plan made while a timed run went on', async () => {
    const world = setup();
    world.holdRuns();
    world.timer.start(10);
    await world.fake.advance(10);
    expect(world.runs()).toBe(1);
    const joined = world.timer.runNow();
    expect(world.runs()).toBe(1);
    world.timer.schedule(500);
    world.release();
    expect(await joined).toBe(1);
    await world.fake.advance(0);
    expect(world.fake.pending()).toEqual([500]);
  });
});
