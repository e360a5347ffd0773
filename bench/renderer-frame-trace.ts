/**
 * Main-thread CPU time per frame from a chromium trace (`browser.startTracing` with the `toplevel`
 * and `devtools.timeline` categories). Wall-clock frame times on a shared machine include the time
 * other processes held the CPU; the thread's own CPU time (`tdur`) does not, so it shows what a frame
 * costs the renderer whatever else runs.
 */

interface TraceEvent {
  readonly name?: string;
  readonly ph?: string;
  readonly pid?: number;
  readonly tid?: number;
  readonly ts?: number;
  readonly dur?: number;
  readonly tdur?: number;
}

const TASK = 'ThreadControllerImpl::RunTask';
const ANIMATION_FRAME = 'FireAnimationFrame';

interface Task {
  readonly start: number;
  readonly end: number;
  readonly cpu: number;
}

function eventsOf(trace: Buffer | string): TraceEvent[] {
  const parsed = JSON.parse(typeof trace === 'string' ? trace : trace.toString('utf8')) as
    | { traceEvents?: TraceEvent[] }
    | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

/** The outermost tasks of one thread, in order (a nested run loop's tasks are inside their parent's). */
function topLevelTasks(events: readonly TraceEvent[], pid: number, tid: number): Task[] {
  const tasks = events
    .filter((event) => event.name === TASK && event.ph === 'X' && event.pid === pid && event.tid === tid)
    .map((event) => ({
      start: event.ts ?? 0,
      end: (event.ts ?? 0) + (event.dur ?? 0),
      cpu: event.tdur ?? event.dur ?? 0,
    }))
    .sort((a, b) => a.start - b.start);
  const outer: Task[] = [];
  for (const task of tasks) {
    const last = outer[outer.length - 1];
    if (last && task.start < last.end) continue;
    outer.push(task);
  }
  return outer;
}

/**
 * For each animation frame but the last: the CPU time (ms) of the renderer main thread's top-level
 * tasks from the start of the task that ran this frame's animation frame callbacks to the start of the
 * next frame's. That span holds the frame's own work (input and scroll events, callbacks, style,
 * layout, paint, commit) and whatever the thread ran before the next frame.
 */
export function mainThreadCpuPerFrame(trace: Buffer | string): number[] {
  const events = eventsOf(trace);
  const callbacks = events.filter((event) => event.name === ANIMATION_FRAME && event.ph === 'X');
  const first = callbacks[0];
  if (!first || first.pid === undefined || first.tid === undefined) {
    throw new Error(
      'the trace has no animation frames (trace the toplevel and devtools.timeline categories)',
    );
  }
  const { pid, tid } = first;
  const tasks = topLevelTasks(events, pid, tid);
  // Several callbacks of one frame run in one task: a frame is the task holding its callbacks.
  const frameTasks: number[] = [];
  for (const callback of callbacks) {
    if (callback.pid !== pid || callback.tid !== tid) continue;
    const at = callback.ts ?? 0;
    const index = tasks.findIndex((task) => task.start <= at && at <= task.end);
    if (index >= 0 && frameTasks[frameTasks.length - 1] !== index) frameTasks.push(index);
  }
  const perFrame: number[] = [];
  for (let frame = 0; frame + 1 < frameTasks.length; frame += 1) {
    let cpu = 0;
    for (let index = frameTasks[frame] ?? 0; index < (frameTasks[frame + 1] ?? 0); index += 1) {
      cpu += tasks[index]?.cpu ?? 0;
    }
    perFrame.push(cpu / 1000);
  }
  return perFrame;
}

/** The trace categories `mainThreadCpuPerFrame` reads. */
export const FRAME_TRACE_CATEGORIES = ['toplevel', 'devtools.timeline'];
