/**
 * The Companion side of bench/sync-all-bench.ts, in its own process: built with vite and run by plain
 * node (build-child.ts), the code as the app and the CLI ship it, without tsx's transforms.
 * Usage: node sync-all-child.mjs <rounds> <metadataUrl>...  (each URL a sandbox already answering slowly)
 * Registers once per Server, then each round syncs every Server alone (servers.sync, one after
 * another) and all at once (servers.syncAll), each timed until the caches are on disk too
 * (Companion.flush, docs/decisions/0003-write-behind-caches.md). Prints one JSON line:
 * { slowestAlone: number[], together: number[] } in ms.
 */
import { openBenchCompanion } from './bench-companion';

const [roundsText, ...urls] = process.argv.slice(2);
const rounds = Number(roundsText);
if (!Number.isInteger(rounds) || rounds < 1 || urls.length === 0) {
  throw new Error('usage: sync-all-child.mjs <rounds> <metadataUrl>...');
}

const bench = await openBenchCompanion();
const { companion } = bench;
try {
  const api = companion.api.handlers;
  const ids: string[] = [];
  for (const [index, url] of urls.entries()) {
    const server = await api['servers.add']({ url, name: `Utility ${index}` });
    await api['registration.submit'](server.id, {
      scopes: ['cds_server_provided_files_1'],
      clientName: 'Example Energy Audit Services',
      values: {},
    });
    ids.push(server.id);
  }
  const slowestAlone: number[] = [];
  const together: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    let slowest = 0;
    for (const id of ids) {
      const started = performance.now();
      const report = await api['servers.sync'](id);
      await companion.flush();
      slowest = Math.max(slowest, performance.now() - started);
      if (!report.ok) throw new Error(`sync of ${id} failed: ${report.errors.join(' ')}`);
    }
    const started = performance.now();
    const reports = await api['servers.syncAll']();
    await companion.flush();
    const all = performance.now() - started;
    if (reports.length !== ids.length || reports.some((report) => !report.ok)) {
      throw new Error('servers.syncAll did not sync every Server');
    }
    slowestAlone.push(slowest);
    together.push(all);
  }
  process.stdout.write(`${JSON.stringify({ slowestAlone, together })}\n`);
} finally {
  await bench.close();
}
