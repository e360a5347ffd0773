import { scaleBytes } from '../shared/byte-units';

// A one-line download progress bar for a terminal (stderr, only when it is a TTY): redrawn in place
// with a carriage return, never more than every 100 ms.

const formatSize = (bytes: number): string => {
  const scaled = scaleBytes(bytes);
  return scaled ? `${scaled.value.toFixed(1)} ${scaled.unit}` : `${bytes} B`;
};

/** `name  [#########.........]  45%  4.5 MB / 10.0 MB` fitted to `columns`. */
export function renderProgress(name: string, received: number, total: number, columns = 80): string {
  const ratio = total > 0 ? Math.min(1, received / total) : 0;
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  const sizes = `${formatSize(received)} / ${formatSize(total)}`;
  const barWidth = Math.max(10, Math.min(30, columns - sizes.length - 30));
  const filled = Math.round(ratio * barWidth);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
  const room = Math.max(8, columns - bar.length - percent.length - sizes.length - 7);
  const label = name.length > room ? `${name.slice(0, room - 1)}…` : name.padEnd(room);
  return `${label}  ${bar} ${percent}  ${sizes}`;
}

export interface ProgressLine {
  update(received: number, total: number): void;
  done(): void;
}

/** What the bar draws on: process.stderr, or the CLI agent's stream to the person's terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** A progress line on `stream`; a no-op writer when the stream is not a terminal. */
export function progressLine(
  name: string,
  stream: ProgressStream,
  now: () => number = () => Date.now(),
): ProgressLine {
  const tty = stream.isTTY === true;
  let last = 0;
  let drawn = false;
  return {
    update(received, total) {
      if (!tty) return;
      const at = now();
      if (drawn && at - last < 100 && received < total) return;
      last = at;
      drawn = true;
      // A pseudo-terminal without a size reports 0 columns: draw for 80 then.
      stream.write(`\r${renderProgress(name, received, total, stream.columns || 80)}`);
    },
    done() {
      if (tty && drawn) stream.write('\n');
    },
  };
}
