/**
 * Issue #4: a 1 GiB Server-Provided File (cds-wg1-02 §9.4) downloaded by the Companion against curl
 * from the same out-of-process sandbox, which generates the bytes as it sends them
 * (src/sandbox/generated-files.ts). The Companion runs in a child process of the built code under
 * plain node, so its peak RSS is the whole process's.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { clientSecretKey } from '../src/main/cds/oauth/vault-keys';
import { createCompanion } from '../src/main/companion/companion';
import { openVault } from '../src/main/vault/open-vault';
import { ROOT, sharedSandbox } from './bench-sandbox';
import { MIB, median } from './bench-stats';
import type { BenchModule, BenchReport } from './bench-types';
import { buildChild } from './build-child';
import type { DownloadSample } from './download-child';

const run = promisify(execFile);
const FILE_BYTES = 1024 * MIB;
const RUNS = 5;
const THROUGHPUT_GOAL = 0.8;
const RSS_GOAL_MB = 200;
const FILE_NAME = 'backfill-1GiB.bin';

/** curl -o with the token on stdin (never on the command line); wall time of the process in ms. */
function curlDownload(url: string, token: string, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('curl', ['-sS', '--fail', '-o', file, '-K', '-'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else reject(new Error(`curl exited ${code}: ${stderr.trim()}`));
    });
    child.stdin.end(`url = "${url}"\nheader = "Authorization: Bearer ${token}"\n`);
  });
}

async function runDownloadBench(): Promise<BenchReport> {
  const sandbox = await sharedSandbox();
  // Written to memory when the machine has /dev/shm, so the disk's write speed is not what is measured.
  const scratchRoot = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dataDir = await mkdtemp(join(tmpdir(), 'cds-bench-dl-'));
  const folder = await mkdtemp(join(scratchRoot, 'cds-bench-dl-'));
  const env = { CDS_COMPANION_VAULT: 'file', CDS_COMPANION_PASSPHRASE: `bench-${process.pid}` };
  try {
    const childScript = await buildChild(
      join(import.meta.dirname, 'download-child.ts'),
      join(ROOT, 'out', 'bench', 'download'),
    );
    // Register (files scope) and share one generated 1 GiB file, with the vault the child opens too.
    const vault = await openVault({ dataDir, env });
    const companion = await createCompanion({ dataDir, version: '0.0.0-bench', vault });
    let serverId: string;
    let fileId: string;
    let downloadUri: string;
    let token: string;
    try {
      const api = companion.api.handlers;
      serverId = (await api['servers.add']({ url: sandbox.metadataUrl })).id;
      const registration = await api['registration.submit'](serverId, {
        scopes: ['cds_server_provided_files_1'],
        clientName: 'Example Energy Audit Services',
        values: {},
      });
      const filesClient = registration.clients.find(
        (client) => client.scope === 'cds_server_provided_files_1',
      );
      const grantAdmin = registration.clients.find((client) => client.scope === 'cds_grant_admin_1');
      if (!filesClient || !grantAdmin) throw new Error('the registration has no files Client Object');
      const grant = await sandbox.admin<{ grant_id: string }>('generated-file-grant', {
        clientId: filesClient.clientId,
        name: FILE_NAME,
        size: FILE_BYTES,
      });
      const listed = await api['files.list'](serverId);
      const file = listed.files.find((item) => item.name === FILE_NAME);
      if (!file) throw new Error('the generated file is not listed');
      fileId = file.fileId;
      downloadUri = String(file.object.download_uri);
      // curl's Grant Admin token, obtained as seed-flow.sh does (cds-wg1-02 §3.3.2).
      const secret = (await vault.get(clientSecretKey(serverId, grantAdmin.clientId))) ?? '';
      const tokenEndpoint = companion.core.context(serverId, 'bench').oauth.token_endpoint;
      const response = await fetch(tokenEndpoint, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${grantAdmin.clientId}:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          authorization_details: JSON.stringify([
            { type: 'cds_grant_admin_1', client_id: filesClient.clientId, grant_id: grant.grant_id },
          ]),
        }),
      });
      if (!response.ok) throw new Error(`Grant Admin token: HTTP ${response.status}`);
      token = ((await response.json()) as { access_token: string }).access_token;
    } finally {
      await companion.close();
    }

    const companionDownload = async (): Promise<DownloadSample> => {
      const { stdout } = await run(process.execPath, [childScript, dataDir, serverId, fileId, folder], {
        env: { ...process.env, ...env },
        maxBuffer: 1 << 20,
      });
      const sample = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as DownloadSample;
      if (sample.size !== FILE_BYTES)
        throw new Error('the Companion download did not have the announced size');
      return sample;
    };
    const curlFile = join(folder, 'curl.bin');
    const curlRun = async (): Promise<number> => {
      const ms = await curlDownload(downloadUri, token, curlFile);
      if ((await stat(curlFile)).size !== FILE_BYTES)
        throw new Error('the curl download did not have the announced size');
      return ms;
    };

    // An untimed pair first: both clients received the same bytes (cmp exits 1 when they differ).
    const checked = await companionDownload();
    await curlRun();
    await run('cmp', ['-s', checked.path, curlFile]);
    await rm(checked.path, { force: true });
    await rm(curlFile, { force: true });

    // Timed pairs. Each download starts with an empty scratch folder (a file left there makes the
    // next writer's page allocation slower on this VM: curl took up to 2x as long beside one), and
    // the order alternates, so neither client always runs right after the other.
    const companionSamples: DownloadSample[] = [];
    const curlMs: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const timeCompanion = async () => {
        const sample = await companionDownload();
        await rm(sample.path, { force: true });
        companionSamples.push(sample);
      };
      const timeCurl = async () => {
        curlMs.push(await curlRun());
        await rm(curlFile, { force: true });
      };
      if (i % 2 === 0) {
        await timeCompanion();
        await timeCurl();
      } else {
        await timeCurl();
        await timeCompanion();
      }
    }
    const mibPerSecond = (ms: number) => FILE_BYTES / MIB / (ms / 1000);
    const ratio = median(
      companionSamples.map((s, i) => mibPerSecond(s.ms) / mibPerSecond(curlMs[i] ?? s.ms)),
    );
    const wholePeakMb = median(companionSamples.map((s) => s.peakRssBytes)) / 1e6;
    const downloadPeaks = companionSamples.map((s) => s.downloadPeakRssBytes);
    const peakMb = downloadPeaks.every((value) => value !== null)
      ? median(downloadPeaks as number[]) / 1e6
      : wholePeakMb;
    return {
      method:
        `The shared out-of-process sandbox generates a ${FILE_BYTES / MIB} MiB file while sending it ` +
        '(generated-file-grant; 1 MiB socket writes). The Companion downloads it in a child process running the built code under plain ' +
        'node (bench/download-child.ts built with vite; file vault opened before the clock starts): Grant Admin ' +
        'token, streamed write to a temporary file, fsync, rename. curl downloads it with the same kind of Grant ' +
        `Admin token (\`curl -o\`, wall time of the process). Both write to ${scratchRoot}, each into an empty folder (its file is ` +
        `removed after each run); an untimed first pair is compared byte for byte (cmp), then ${RUNS} timed ` +
        'pairs alternate which client goes first. Throughput ratios are per pair. ' +
        "The RSS goal is held against the child's peak RSS during the download: VmHWM after resetting it " +
        '(/proc/self/clear_refs) once the Companion is open. The whole-process peak (getrusage maxRSS) is shown ' +
        'too: it also holds opening the file vault, whose scrypt (N=2^17, r=8) alone takes 128 MiB for a moment ' +
        '(docs/decisions/0001-file-vault-kdf.md).',
      rows: [
        {
          metric: 'Companion throughput',
          median: median(companionSamples.map((s) => mibPerSecond(s.ms))),
          unit: 'MiB/s',
          runs: RUNS,
        },
        { metric: 'curl throughput', median: median(curlMs.map(mibPerSecond)), unit: 'MiB/s', runs: RUNS },
        {
          metric: 'Companion / curl throughput',
          median: ratio,
          unit: '×',
          runs: RUNS,
          goal: `≥ ${THROUGHPUT_GOAL}×`,
          pass: ratio >= THROUGHPUT_GOAL,
        },
        {
          metric: 'Companion child peak RSS during the download (whole process)',
          median: peakMb,
          unit: 'MB',
          runs: RUNS,
          goal: `< ${RSS_GOAL_MB} MB`,
          pass: peakMb < RSS_GOAL_MB,
        },
        {
          metric: "Companion child peak RSS from start (includes the vault's scrypt)",
          median: wholePeakMb,
          unit: 'MB',
          runs: RUNS,
        },
        {
          metric: 'Companion child RSS before the download',
          median: median(companionSamples.map((s) => s.idleRssBytes)) / 1e6,
          unit: 'MB',
          runs: RUNS,
        },
      ],
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const downloadBench: BenchModule = {
  name: 'Download of a 1 GiB Server-Provided File vs curl',
  goal: `Companion throughput ≥ ${THROUGHPUT_GOAL}× curl's from the same sandbox; peak RSS < ${RSS_GOAL_MB} MB`,
  run: runDownloadBench,
};
