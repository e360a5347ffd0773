import type { Range } from '@tanstack/react-virtual';

/** Rows rendered beyond the visible ones, on each side, while the list stands still. */
export const overscanRows = 2;

export type ScrollDirection = 'forward' | 'backward' | null;

function rangeWithOverscan(before: number, after: number): (range: Range) => number[] {
  return ({ startIndex, endIndex, count }) => {
    const first = Math.max(startIndex - before, 0);
    const last = Math.min(endIndex + after, count - 1);
    return Array.from({ length: Math.max(last - first + 1, 0) }, (_, offset) => first + offset);
  };
}

// One function per direction, created once: the virtualiser recomputes its rows when the function
// changes, which is how the overscan behind the list returns once scrolling stops.
const extractors = {
  forward: rangeWithOverscan(1, overscanRows),
  backward: rangeWithOverscan(overscanRows, 1),
  still: rangeWithOverscan(overscanRows, overscanRows),
};

/**
 * The rows to render: while scrolling, the overscan goes ahead of the scroll and one row stays behind
 * (the rows behind are leaving the view), as react-window does; each row costs layout and paint in
 * every frame of a fast scroll (bench: inbox-scroll).
 */
export function rangeExtractorFor(direction: ScrollDirection): (range: Range) => number[] {
  if (direction === 'forward') return extractors.forward;
  if (direction === 'backward') return extractors.backward;
  return extractors.still;
}
