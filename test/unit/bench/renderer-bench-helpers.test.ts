import { describe, expect, it } from 'vitest';
import { mainThreadCpuPerFrame } from '../../../bench/renderer-frame-trace';
import { percentile } from '../../../bench/renderer-stats';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([7], 95)).toBe(7);
  });

  it('refuses no values and ranks outside 0–100', () => {
    expect(() => percentile([], 50)).toThrow(/no values/);
    expect(() => percentile([1], 101)).toThrow(/outside/);
  });
});

const main = { pid: 10, tid: 10 };
const task = (ts: number, dur: number, tdur: number) => ({
  name: 'ThreadControllerImpl::RunTask',
  ph: 'X',
  ...main,
  ts,
  dur,
  tdur,
});
const callback = (ts: number) => ({ name: 'FireAnimationFrame', ph: 'X', ...main, ts, dur: 100, tdur: 100 });

describe('mainThreadCpuPerFrame', () => {
  it('sums the main thread CPU time from one frame task to the next, outermost tasks only', () => {
    const trace = {
      traceEvents: [
        task(1_000, 5_000, 4_000), // frame 1 (holds two callbacks)
        callback(2_000),
        callback(2_500),
        task(1_500, 1_000, 900), // nested in frame 1's task: not counted twice
        task(7_000, 2_000, 1_500), // between frames: belongs to frame 1
        {
          name: 'ThreadControllerImpl::RunTask',
          ph: 'X',
          pid: 99,
          tid: 99,
          ts: 7_500,
          dur: 9_000,
          tdur: 9_000,
        },
        task(17_000, 3_000, 2_500), // frame 2
        callback(18_000),
        task(34_000, 1_000, 800), // frame 3 (the last: no next frame to close it)
        callback(34_500),
      ],
    };
    expect(mainThreadCpuPerFrame(JSON.stringify(trace))).toEqual([5.5, 2.5]);
  });

  it('reads the bare array form and falls back to wall time without thread time', () => {
    const events = [
      { name: 'ThreadControllerImpl::RunTask', ph: 'X', ...main, ts: 0, dur: 3_000 },
      callback(100),
      task(16_000, 1_000, 1_000),
      callback(16_100),
    ];
    expect(mainThreadCpuPerFrame(Buffer.from(JSON.stringify(events)))).toEqual([3]);
  });

  it('says what is missing when the trace has no animation frames', () => {
    expect(() => mainThreadCpuPerFrame('{"traceEvents":[]}')).toThrow(/no animation frames/);
  });
});
