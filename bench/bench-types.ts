/**
 * The shape every benchmark module has, so `bench/run.ts` can run them all and write one report
 * (docs/benchmarks.md). To add a benchmark: export a `BenchModule` from a file in bench/ and list it
 * in `BENCHMARKS` in bench/run.ts.
 */

/** One measured quantity: the median over `runs` measurements, and the goal it is held to. */
export interface BenchRow {
  readonly metric: string;
  readonly median: number;
  readonly unit: string;
  readonly runs: number;
  /** The goal in words (e.g. "≥ 0.8× raw node:crypto"); absent for a figure shown for context. */
  readonly goal?: string;
  /** Whether the median meets the goal; absent for a figure shown for context. */
  readonly pass?: boolean;
}

export interface BenchReport {
  /** What was measured and how (inputs, sizes, processes), in one or two sentences. */
  readonly method: string;
  readonly rows: readonly BenchRow[];
}

export interface BenchModule {
  readonly name: string;
  /** The goal in one line, shown as the section's headline. */
  readonly goal: string;
  run(): Promise<BenchReport>;
}

/** A report passes when every row that has a goal meets it. */
export function reportPasses(report: BenchReport): boolean {
  return report.rows.every((row) => row.pass !== false);
}
