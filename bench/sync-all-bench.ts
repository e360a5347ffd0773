/**
 * Issue #4: 20 Servers synced at once (servers.syncAll) take ≤ 1.3× the slowest of them synced
 * alone. Each Server is its own out-of-process sandbox; each answers every request after a delay
 * (sandbox fault injection, `delayMs`), different per Server, standing in for Servers across a network.
 */

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type BenchSandbox, ROOT, startBuiltSandbox } from './bench-sandbox';
import { median } from './bench-stats';
import type { BenchModule, BenchReport } from './bench-types';
import { buildChild } from './build-child';

const run = promisify(execFile);
const SERVERS = 20;
const ROUNDS = 3;
const GOAL = 1.3;
/** Server i answers after BASE_DELAY_MS + i × STEP_DELAY_MS. */
const BASE_DELAY_MS = 20;
const STEP_DELAY_MS = 2;

async function runSyncAllBench(): Promise<BenchReport> {
  const sandboxes: BenchSandbox[] = [];
  // A few at a time: 20 node start-ups at once would only queue on 2 cores.
  for (let i = 0; i < SERVERS; i += 4) {
    sandboxes.push(
      ...(await Promise.all(Array.from({ length: Math.min(4, SERVERS - i) }, startBuiltSandbox))),
    );
  }
  try {
    // Every request waits first, registration included: the child registers, then measures.
    for (const [index, sandbox] of sandboxes.entries()) {
      await sandbox.admin('fault', {
        path: '/*',
        delayMs: BASE_DELAY_MS + index * STEP_DELAY_MS,
        times: null,
      });
    }
    const childScript = await buildChild(
      join(import.meta.dirname, 'sync-all-child.ts'),
      join(ROOT, 'out', 'bench', 'sync-all'),
    );
    const { stdout } = await run(
      process.execPath,
      [childScript, String(ROUNDS), ...sandboxes.map((sandbox) => sandbox.metadataUrl)],
      { maxBuffer: 1 << 20 },
    );
    const { slowestAlone, together } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      slowestAlone: number[];
      together: number[];
    };
    const ratios = together.map((all, round) => all / (slowestAlone[round] ?? all));
    const ratio = median(ratios);
    return {
      method:
        `${SERVERS} out-of-process sandboxes (\`node out/cli/sandbox.js --port 0\` each), each answering every request after ` +
        `${BASE_DELAY_MS}–${BASE_DELAY_MS + (SERVERS - 1) * STEP_DELAY_MS} ms (a different delay per Server). ` +
        'One Companion, built with vite and run by plain node in a child process as the app ships it ' +
        '(bench/sync-all-child.ts), registers once with each; then ' +
        'a round syncs every Server alone (servers.sync, one after another) and then all at once ' +
        '(servers.syncAll), each timed until the caches are on disk too (Companion.flush; ADR 0003); ' +
        `the ratio is the round's syncAll time over its slowest single sync. ${ROUNDS} rounds.`,
      rows: [
        { metric: 'slowest Server synced alone', median: median(slowestAlone), unit: 'ms', runs: ROUNDS },
        { metric: `${SERVERS} Servers, servers.syncAll`, median: median(together), unit: 'ms', runs: ROUNDS },
        {
          metric: 'syncAll / slowest alone',
          median: ratio,
          unit: '×',
          runs: ROUNDS,
          goal: `≤ ${GOAL}×`,
          pass: ratio <= GOAL,
        },
      ],
    };
  } finally {
    await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
  }
}

export const syncAllBench: BenchModule = {
  name: `Sync of ${SERVERS} Servers at once`,
  goal: `servers.syncAll of ${SERVERS} sandbox Servers ≤ ${GOAL}× the slowest one synced alone`,
  run: runSyncAllBench,
};
