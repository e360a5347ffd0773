/**
 * Issue #4: the overview's flow (seed-flow.sh's steps) through the Companion service in one warm
 * process, against `bash seed-flow.sh` (curl + jq, one process per step) on the same out-of-process
 * sandbox in the same run. Each iteration is a fresh registration on both sides.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openBenchCompanion, PLAIN_SCOPES, PLAIN_VALUES } from './bench-companion';
import { sharedSandbox } from './bench-sandbox';
import { median } from './bench-stats';
import type { BenchModule, BenchReport } from './bench-types';

const run = promisify(execFile);
export const SEED_FLOW = '/work/shared/checks/seed-flow.sh';
const RUNS = 7;
const GOAL = 0.1;

/** One `bash seed-flow.sh <url>` in ms (it registers afresh every time). */
export async function timeSeedFlow(metadataUrl: string): Promise<number> {
  const out = await mkdtemp(join(tmpdir(), 'cds-bench-seed-'));
  try {
    const started = performance.now();
    const { stdout } = await run('bash', [SEED_FLOW, metadataUrl, out], { maxBuffer: 1 << 20 });
    const ms = performance.now() - started;
    if (!stdout.includes('seed flow ok')) throw new Error('seed-flow.sh did not finish');
    return ms;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function runOverviewBench(): Promise<BenchReport> {
  const sandbox = await sharedSandbox();
  const bench = await openBenchCompanion();
  const api = bench.companion.api.handlers;
  const downloads = await mkdtemp(join(tmpdir(), 'cds-bench-files-'));
  const flow = async (): Promise<number> => {
    const started = performance.now();
    // metadata (cds-wg1-01 §3, cds-wg1-02 §3), then register (§4): admin token, clients, credentials.
    const server = await api['servers.add']({ url: sandbox.metadataUrl });
    await api['registration.submit'](server.id, {
      scopes: PLAIN_SCOPES,
      clientName: 'Example Energy Audit Services',
      values: PLAIN_VALUES,
    });
    const clients = await api['clients.list'](server.id);
    // The overview's redirect URI update and revert (§5.5).
    const codeClient = clients.find((client) => client.userAuthorization);
    if (codeClient) {
      await api['clients.update'](server.id, codeClient.clientId, {
        addRedirectUris: ['https://example.com/my-redirect'],
      });
      await api['clients.update'](server.id, codeClient.clientId, { resetRedirectUris: true });
    }
    await api['credentials.list'](server.id);
    await api['messages.list'](server.id);
    await api['grants.list'](server.id);
    // Grant Admin token, then the files listing and every download (§9).
    const files = await api['files.list'](server.id);
    for (const file of files.files) {
      await api['files.download'](server.id, file.fileId, { folder: downloads });
    }
    // Until the caches are on disk too: they are written behind (docs/decisions/0003-write-behind-caches.md).
    await bench.companion.flush();
    const ms = performance.now() - started;
    if (files.files.length === 0) throw new Error('the flow found no Server-Provided Files');
    await api['servers.remove'](server.id);
    return ms;
  };
  try {
    await flow(); // warm-up: the process is "warm" in the sense
    await timeSeedFlow(sandbox.metadataUrl);
    const companionMs: number[] = [];
    const scriptMs: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      companionMs.push(await flow());
      scriptMs.push(await timeSeedFlow(sandbox.metadataUrl));
    }
    const ratio = median(companionMs.map((ms, i) => ms / (scriptMs[i] ?? ms)));
    return {
      method:
        'One out-of-process sandbox (`node out/cli/sandbox.js --port 0`). The Companion service runs in the bench ' +
        'process, opened once (in-memory vault) and warmed by one untimed flow; each timed flow adds the Server ' +
        '(metadata), registers for the plain-text scopes (admin token, Client Objects, Credentials), lists the ' +
        'Client Objects, adds and reverts a redirect URI, lists Credentials, Messages and Grants, gets a Grant ' +
        'Admin token, lists and downloads the Server-Provided Files and waits until every cache is on disk ' +
        '(Companion.flush), and is then removed (untimed). The baseline ' +
        `is \`bash ${SEED_FLOW}\` (curl + jq) on the same sandbox, interleaved, a fresh registration each time; ` +
        'the ratio is taken per pair.',
      rows: [
        {
          metric: 'Companion service, warm: overview flow',
          median: median(companionMs),
          unit: 'ms',
          runs: RUNS,
        },
        { metric: 'seed-flow.sh (curl + jq)', median: median(scriptMs), unit: 'ms', runs: RUNS },
        {
          metric: 'Companion / seed-flow.sh',
          median: ratio,
          unit: '×',
          runs: RUNS,
          goal: `≤ ${GOAL}×`,
          pass: ratio <= GOAL,
        },
      ],
    };
  } finally {
    await bench.close();
    await rm(downloads, { recursive: true, force: true });
  }
}

export const overviewFlowBench: BenchModule = {
  name: 'Overview flow through the Companion service vs curl + jq',
  goal: `the seed-flow.sh steps in one warm process take ≤ ${GOAL}× \`bash seed-flow.sh\` against the same sandbox`,
  run: runOverviewBench,
};
