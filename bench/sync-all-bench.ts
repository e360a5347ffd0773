/**
 * Issue #4: 20 Servers synced at once (servers.syncAll) take ≤ 1.3× the slowest of them synced
 * alone. Each Server is its own out-of-process sandbox; each answers every request after a delay
 * (sandbox fault injection, `delayMs`), different per Server, standing in for Servers across a network.
 */

import { openBenchCompanion } from './bench-companion';
import { type BenchSandbox, startBuiltSandbox } from './bench-sandbox';
import { median } from './bench-stats';
import type { BenchModule, BenchReport } from './bench-types';

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
  const bench = await openBenchCompanion();
  const api = bench.companion.api.handlers;
  try {
    const ids: string[] = [];
    for (const [index, sandbox] of sandboxes.entries()) {
      const server = await api['servers.add']({ url: sandbox.metadataUrl, name: `Utility ${index}` });
      await api['registration.submit'](server.id, {
        scopes: ['cds_server_provided_files_1'],
        clientName: 'Example Energy Audit Services',
        values: {},
      });
      ids.push(server.id);
    }
    for (const [index, sandbox] of sandboxes.entries()) {
      await sandbox.admin('fault', {
        path: '/*',
        delayMs: BASE_DELAY_MS + index * STEP_DELAY_MS,
        times: null,
      });
    }
    const slowestAlone: number[] = [];
    const together: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      let slowest = 0;
      for (const id of ids) {
        const started = performance.now();
        const report = await api['servers.sync'](id);
        slowest = Math.max(slowest, performance.now() - started);
        if (!report.ok) throw new Error(`sync of ${id} failed: ${report.errors.join(' ')}`);
      }
      const started = performance.now();
      const reports = await api['servers.syncAll']();
      const all = performance.now() - started;
      if (reports.length !== SERVERS || reports.some((report) => !report.ok)) {
        throw new Error('servers.syncAll did not sync every Server');
      }
      slowestAlone.push(slowest);
      together.push(all);
      ratios.push(all / slowest);
    }
    const ratio = median(ratios);
    return {
      method:
        `${SERVERS} out-of-process sandboxes (\`node out/cli/sandbox.js --port 0\` each), each registered once ` +
        'by one Companion in the bench process; then each answers every request after ' +
        `${BASE_DELAY_MS}–${BASE_DELAY_MS + (SERVERS - 1) * STEP_DELAY_MS} ms (a different delay per Server). ` +
        'A round syncs every Server alone (servers.sync, one after another) and then all at once ' +
        `(servers.syncAll); the ratio is the round's syncAll time over its slowest single sync. ${ROUNDS} rounds.`,
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
    await bench.close();
    await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
  }
}

export const syncAllBench: BenchModule = {
  name: `Sync of ${SERVERS} Servers at once`,
  goal: `servers.syncAll of ${SERVERS} sandbox Servers ≤ ${GOAL}× the slowest one synced alone`,
  run: runSyncAllBench,
};
