/**
 * The in-page side of the inbox scroll benchmark: scrolls an element by a fixed number of pixels in
 * every animation frame and records, per frame, the main thread's work and the interval between
 * frames. Script text (the node tsconfig that checks bench/ has no DOM lib), run with `page.evaluate`
 * through the debugging protocol, so the page's CSP (no eval) does not apply.
 *
 * - Work: from the frame's start (the animation frame timestamp, taken before the frame's scroll
 *   events, in which the virtualised list renders its new rows) to the end of the frame's rendering
 *   (a message posted from the animation frame callback runs once style, layout and paint are done).
 * - Interval: between consecutive animation frame timestamps; a frame is dropped for every whole
 *   display interval (1/60 s here) beyond the first.
 */

export interface ScrollPassOptions {
  /** CSS selector of the scrolling element. */
  readonly selector: string;
  /** Pixels to scroll in each frame (scrollTop += step, stopping at the bottom, then from the top). */
  readonly pxPerFrame: number;
  /** Frames to record. */
  readonly frames: number;
  /** Where to start (scrollTop). */
  readonly startAt: number;
}

export interface ScrollPassResult {
  readonly work: number[];
  readonly intervals: number[];
  /** Durations of the long animation frames (> 50 ms) the browser reported, when it supports them. */
  readonly longAnimationFrames: number[] | null;
  readonly longTasks: number[] | null;
  /** The most option elements in the DOM at once (virtualisation keeps it small). */
  readonly maxRenderedRows: number;
  /** The aria-posinset values of the first and last options seen across the pass. */
  readonly lowestRow: number;
  readonly highestRow: number;
  readonly scrollHeight: number;
}

const PASS_FUNCTION = `async (options) => {
  const list = document.querySelector(options.selector);
  if (!list) throw new Error('no element matches ' + options.selector);
  const observed = (type) => {
    const durations = [];
    try {
      new PerformanceObserver((entries) => {
        for (const entry of entries.getEntries()) durations.push(entry.duration);
      }).observe({ type, buffered: false });
      return durations;
    } catch {
      return null;
    }
  };
  const longAnimationFrames = observed('long-animation-frame');
  const longTasks = observed('longtask');
  const work = new Array(options.frames).fill(null);
  const intervals = [];
  let maxRenderedRows = 0;
  let lowestRow = Infinity;
  let highestRow = 0;
  const seeRows = () => {
    const rows = list.querySelectorAll('[role=option]');
    maxRenderedRows = Math.max(maxRenderedRows, rows.length);
    for (const row of [rows[0], rows[rows.length - 1]]) {
      const position = Number(row?.getAttribute('aria-posinset'));
      if (position > 0) {
        lowestRow = Math.min(lowestRow, position);
        highestRow = Math.max(highestRow, position);
      }
    }
  };
  const maxTop = () => list.scrollHeight - list.clientHeight;
  list.scrollTop = options.startAt;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await new Promise((resolve) => {
    let frame = 0;
    let last = null;
    const step = (timestamp) => {
      if (last !== null) intervals.push(timestamp - last);
      last = timestamp;
      seeRows();
      if (frame >= options.frames) {
        setTimeout(resolve, 50);
        return;
      }
      const index = frame;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { work[index] = performance.now() - timestamp; };
      channel.port2.postMessage(null);
      // At the bottom, back to the top; short of it, never past it (so the last row is reached).
      const bottom = maxTop();
      list.scrollTop = list.scrollTop >= bottom - 1 ? 0 : Math.min(list.scrollTop + options.pxPerFrame, bottom);
      frame += 1;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  return {
    work: work.filter((value) => value !== null),
    intervals,
    longAnimationFrames,
    longTasks,
    maxRenderedRows,
    lowestRow: lowestRow === Infinity ? 0 : lowestRow,
    highestRow,
    scrollHeight: list.scrollHeight,
  };
}`;

/** The script text of one scroll pass with these options (evaluates to a Promise of the result). */
export function scrollPassScript(options: ScrollPassOptions): string {
  return `(${PASS_FUNCTION})(${JSON.stringify(options)})`;
}
