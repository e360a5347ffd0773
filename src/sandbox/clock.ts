/** The sandbox's notion of "now": real time plus an offset tests and demos can move forward. */
export interface SandboxClock {
  now(): Date;
  nowMs(): number;
  /** Seconds since the epoch, as OAuth timestamps are (RFC 7591 §3.2.1). */
  nowSeconds(): number;
  advance(ms: number): void;
  offsetMs(): number;
}

export function createClock(initialOffsetMs = 0): SandboxClock {
  let offset = initialOffsetMs;
  let last = 0;
  const nowMs = (): number => {
    // Strictly increasing, so "reverse chronological by modified" orderings are deterministic.
    const t = Math.max(Date.now() + offset, last + 1);
    last = t;
    return t;
  };
  return {
    nowMs,
    now: () => new Date(nowMs()),
    nowSeconds: () => Math.floor((Date.now() + offset) / 1000),
    advance(ms: number) {
      offset += ms;
    },
    offsetMs: () => offset,
  };
}

/** RFC 3339 `date-time` without sub-second noise (cds-wg1-02 §2 "datetime"). */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
