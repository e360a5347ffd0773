import { describe, expect, it } from 'vitest';
import { createPoller, mapBounded } from '../../../src/main/companion/sync-poller';
import { fakeTimers } from '../companion-extras/fake-timers';

describe('createPoller', () => {
  it('polls every interval, picks up interval changes and stops', async () => {
    const fake = fakeTimers();
    let interval = 1000;
    let polls = 0;
    const poller = createPoller({
      intervalMs: () => interval,
      poll: async () => {
        polls += 1;
      },
      timers: fake.timers,
      now: fake.now,
    });
    poller.start();
    expect(poller.nextPollAt).toBe(1000);
    await fake.advance(999);
    expect(polls).toBe(0);
    await fake.advance(1);
    expect(polls).toBe(1);
    await fake.advance(1000);
    expect(polls).toBe(2);
    interval = 5000;
    poller.reschedule();
    await fake.advance(1000);
    expect(polls).toBe(2);
    await fake.advance(4000);
    expect(polls).toBe(3);
    interval = 0;
    poller.reschedule();
    expect(poller.running).toBe(false);
    expect(fake.pending().length).toBe(0);
    interval = 1000;
    poller.reschedule();
    poller.stop();
    expect(fake.pending().length).toBe(0);
  });

  it('survives a failing poll and never runs two at once', async () => {
    const fake = fakeTimers();
    let release: () => void = () => undefined;
    let calls = 0;
    const poller = createPoller({
      intervalMs: () => 10,
      poll: () => {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error('offline'));
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      timers: fake.timers,
      now: fake.now,
    });
    poller.start();
    await fake.advance(10);
    expect(calls).toBe(1);
    await fake.advance(10);
    expect(calls).toBe(2);
    const joined = poller.pollNow();
    expect(calls).toBe(2);
    release();
    await joined;
    poller.stop();
  });
});

describe('mapBounded', () => {
  it('keeps order and the concurrency limit', async () => {
    let active = 0;
    let peak = 0;
    const results = await mapBounded([5, 1, 4, 2, 3], 2, async (n) => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, n));
      active -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
